import { intSetting } from './utorrent.settings';
import type { UtorrentState, UtTorrent } from './utorrent.state';
import { isTransferring, statusMessage } from './utorrent.status';

export const UTORRENT_BUILD = 46206;
/** How many `torrentc` snapshots to remember; an older cid gets the full list again. */
const KEPT_SNAPSHOTS = 8;

/** The 27-column `list=1` row (uTorrent 2.2+/3.x). */
export function torrentRow(
  t: UtTorrent,
  now: number,
  queuePos: number,
  scale: { down: number; up: number },
): unknown[] {
  const { transfer } = t;
  const done = transfer.doneAt(now);
  const uploaded = transfer.uploadedAt(now);
  const progress = t.size > 0 ? Math.floor((done * 1000) / t.size) : 1000;
  const rates = transfer.ratesAt(now);
  const moving = isTransferring(t.status);
  const eta = done >= t.size ? 0 : moving ? transfer.etaAt(now) : -1;
  const availability =
    done >= t.size
      ? 65536
      : Math.round(65536 * (t.seeds.swarm > 0 ? 1 + Math.min(t.seeds.swarm, 20) / 20 : 0.27));
  return [
    t.hash,
    t.status,
    t.name,
    t.size,
    progress,
    done,
    uploaded,
    done > 0 ? Math.floor((uploaded * 1000) / done) : 0,
    Math.floor(rates.up * scale.up),
    Math.floor(rates.down * scale.down),
    eta,
    t.label,
    moving ? t.peers.connected : 0,
    t.peers.swarm,
    moving ? t.seeds.connected : 0,
    t.seeds.swarm,
    availability,
    queuePos,
    t.size - done,
    t.downloadUrl,
    '',
    statusMessage(t.status, progress, t.error),
    '',
    t.addedAt,
    t.completedAt,
    '',
    t.savePath,
  ];
}

/** `[name, count]` pairs of the labels in use. */
export function labelCounts(state: UtorrentState): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of state.torrents.values()) if (t.label) counts.set(t.label, (counts.get(t.label) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Global limits (settings max_dl_rate/max_ul_rate, KiB/s) scale every torrent's shown rate so the
 * sums stay under them, the way the real client's rate limiter does.
 */
export function rateScale(state: UtorrentState, now: number): { down: number; up: number } {
  const maxDown = intSetting(state.settings, 'max_dl_rate') * 1024;
  const maxUp = intSetting(state.settings, 'max_ul_rate') * 1024;
  if (!maxDown && !maxUp) return { down: 1, up: 1 };
  let down = 0;
  let up = 0;
  for (const t of state.torrents.values()) {
    const r = t.transfer.ratesAt(now);
    down += r.down;
    up += r.up;
  }
  return {
    down: maxDown && down > maxDown ? maxDown / down : 1,
    up: maxUp && up > maxUp ? maxUp / up : 1,
  };
}

/** Builds `list=1` answers, remembering snapshots by cache id for incremental (`cid=`) lists. */
export class TorrentLister {
  private readonly snapshots = new Map<string, Map<string, string>>();

  constructor(private readonly state: UtorrentState) {}

  /** The JSON body: the full list, or only changes and removals when `cid` names a kept snapshot. */
  list(cid: string | null, empty: boolean): string {
    const now = this.state.now();
    const rows = new Map<string, string>();
    if (!empty) {
      const positions = this.state.queuePositions(now);
      const scale = rateScale(this.state, now);
      for (const t of this.state.torrents.values()) {
        this.state.refresh(t, now);
        rows.set(t.hash, JSON.stringify(torrentRow(t, now, positions.get(t.hash) ?? -1, scale)));
      }
    }
    const newCid = this.remember(rows);
    const head = `{"build":${UTORRENT_BUILD},"label":${JSON.stringify(empty ? [] : labelCounts(this.state))}`;
    const previous = cid ? this.snapshots.get(cid) : undefined;
    if (!previous) {
      return `${head},"torrents":[${[...rows.values()].join(',')}],"rssfeeds":[],"rssfilters":[],"torrentc":"${newCid}"}`;
    }
    const changed: string[] = [];
    for (const [hash, row] of rows) if (previous.get(hash) !== row) changed.push(row);
    const removed: string[] = [];
    for (const hash of previous.keys()) if (!rows.has(hash)) removed.push(hash);
    return (
      `${head},"torrentp":[${changed.join(',')}],"torrentm":${JSON.stringify(removed)},"torrentc":"${newCid}",` +
      `"rssfeedp":[],"rssfeedm":[],"rssfilterp":[],"rssfilterm":[]}`
    );
  }

  private remember(rows: Map<string, string>): string {
    const cid = String(this.state.rng.int(100_000_000, 2_147_483_647));
    this.snapshots.set(cid, rows);
    if (this.snapshots.size > KEPT_SNAPSHOTS)
      this.snapshots.delete(this.snapshots.keys().next().value as string);
    return cid;
  }
}
