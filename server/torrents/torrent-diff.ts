import type { Torrent } from './torrent.types';

/** What changed between two polls: new torrents in full, changed ones as patches, removed hashes. */
export interface TorrentChanges {
  added: Torrent[];
  /** `hash` plus only the fields that changed. */
  changed: Array<Partial<Torrent> & { hash: string }>;
  removed: string[];
}

const FIELDS = [
  'name',
  'size',
  'progress',
  'state',
  'down_rate',
  'up_rate',
  'ratio',
  'label',
  'eta',
  'added',
] as const;

/** Patches keep the event stream small: at each poll mostly rates and progress move. */
export function diffTorrents(
  previous: ReadonlyMap<string, Torrent>,
  next: readonly Torrent[],
): TorrentChanges {
  const changes: TorrentChanges = { added: [], changed: [], removed: [] };
  const seen = new Set<string>();
  for (const t of next) {
    seen.add(t.hash);
    const before = previous.get(t.hash);
    if (!before) {
      changes.added.push(t);
      continue;
    }
    let patch: (Partial<Torrent> & { hash: string }) | undefined;
    for (const field of FIELDS) {
      if (before[field] !== t[field]) {
        patch ??= { hash: t.hash };
        (patch as Record<string, unknown>)[field] = t[field];
      }
    }
    if (patch) changes.changed.push(patch);
  }
  for (const hash of previous.keys()) if (!seen.has(hash)) changes.removed.push(hash);
  return changes;
}

export function isEmpty(changes: TorrentChanges): boolean {
  return !changes.added.length && !changes.changed.length && !changes.removed.length;
}
