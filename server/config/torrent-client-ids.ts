import type { TorrentClientEntry } from './config.schema';

/** The sections of the seed's two clients; their ids in routes are these names. */
export const SEED_TORRENT_SECTIONS = ['utorrent', 'rutorrent'] as const;

/** The id of a `torrent_clients` entry in routes: its name lower-cased, other characters as dashes. */
export function torrentClientId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Sentences for `torrent_clients` entries whose id is taken (by the seed's two or an earlier entry). */
export function torrentClientIdProblems(entries: readonly Partial<TorrentClientEntry>[]): string[] {
  const taken = new Set<string>(SEED_TORRENT_SECTIONS);
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    if (typeof entry?.name !== 'string') return;
    const id = torrentClientId(entry.name);
    if (!id) return;
    if (taken.has(id)) {
      const by = (SEED_TORRENT_SECTIONS as readonly string[]).includes(id)
        ? `the "${id}" section`
        : 'another client';
      problems.push(
        `torrent_clients[${i}].name "${entry.name}" has the id "${id}", which ${by} already uses`,
      );
    }
    taken.add(id);
  });
  return problems;
}
