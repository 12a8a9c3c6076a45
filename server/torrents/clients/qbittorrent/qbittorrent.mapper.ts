import { createHash } from 'node:crypto';
import { UnexpectedAnswer } from '../../../upstream/unexpected-answer';
import type {
  FilePriority,
  Torrent,
  TorrentDetail,
  TorrentFile,
  TorrentPeer,
  TorrentState,
  TorrentTracker,
  TrackerStatus,
} from '../../torrent.types';

/** qBittorrent's "∞" for an ETA: 8,640,000 s (100 days). */
const ETA_INFINITY = 8_640_000;

/**
 * qBittorrent's `state` → the panel's. 4.5 has no "stopped": pause is its only stop, and `pausedUP` is
 * both "finished" and "paused by the user", so both paused states are `paused`. 5.x renamed them
 * `stoppedUP`/`stoppedDL`; those map the same way.
 */
const STATES: Record<string, TorrentState> = {
  downloading: 'downloading',
  forcedDL: 'downloading',
  metaDL: 'downloading',
  forcedMetaDL: 'downloading',
  stalledDL: 'downloading',
  allocating: 'downloading',
  uploading: 'seeding',
  forcedUP: 'seeding',
  stalledUP: 'seeding',
  pausedDL: 'paused',
  pausedUP: 'paused',
  stoppedDL: 'paused',
  stoppedUP: 'paused',
  queuedDL: 'queued',
  queuedUP: 'queued',
  checkingDL: 'checking',
  checkingUP: 'checking',
  checkingResumeData: 'checking',
  moving: 'checking',
  error: 'error',
  missingFiles: 'error',
  unknown: 'error',
};

export function qbState(state: string): TorrentState {
  return STATES[state] ?? 'error';
}

/** One torrent as `torrents/info` and `sync/maindata` describe it (the fields the panel reads). */
export type QbRow = Record<string, unknown>;

const num = (row: QbRow, key: string): number => {
  const v = row[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
const str = (row: QbRow, key: string): string => (typeof row[key] === 'string' ? row[key] : '');

/** The host of an announce URL; "" for none, a pseudo-tracker or an unreadable URL. */
export function trackerHost(url: string): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/**
 * A row → the panel's torrent. `tracker` is "" until the torrent's first announce is answered (and
 * stays "" while every announce fails), so `knownTracker` — a tracker URL the torrent has, from the
 * `trackers` map of sync/maindata — stands in until then.
 */
export function qbTorrent(hash: string, row: QbRow, knownTracker = ''): Torrent {
  if (typeof row.state !== 'string' || typeof row.name !== 'string') {
    throw new UnexpectedAnswer(`torrent ${hash} has no "state" or "name"`);
  }
  const progress = Math.max(0, Math.min(1, num(row, 'progress')));
  const eta = num(row, 'eta');
  const added = num(row, 'added_on');
  return {
    hash: hash.toUpperCase(),
    name: row.name,
    // A magnet still fetching its metadata has size 0 (and total_size -1).
    size: Math.max(0, num(row, 'size')),
    progress,
    state: qbState(row.state),
    down_rate: num(row, 'dlspeed'),
    up_rate: num(row, 'upspeed'),
    ratio: Math.max(0, num(row, 'ratio')),
    label: str(row, 'category'),
    eta: progress >= 1 ? 0 : eta <= 0 || eta >= ETA_INFINITY ? null : eta,
    added: added > 0 ? new Date(added * 1000).toISOString() : null,
    tracker: trackerHost(str(row, 'tracker')) || trackerHost(knownTracker),
    client: 'qbittorrent',
  };
}

/** The data's path (the file, or the root folder of a multi-file torrent); "" before the metadata. */
export function qbContentPath(row: QbRow): string {
  return str(row, 'content_path');
}

/** What the client keeps of `sync/maindata`: the rid to send next, every row, and trackers by URL. */
export interface MaindataCache {
  rid: number;
  rows: Map<string, QbRow>;
  trackers: Map<string, string[]>;
}

export function emptyMaindata(): MaindataCache {
  return { rid: 0, rows: new Map(), trackers: new Map() };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const strings = (v: unknown, what: string): string[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new UnexpectedAnswer(`${what} is not a list`);
  return v.filter((x): x is string => typeof x === 'string');
};

/**
 * Applies one `sync/maindata` answer: with `full_update` it replaces everything; otherwise new
 * torrents come whole, known ones only with their changed fields, and removed ones by hash. Returns
 * the new cache and the hashes whose rows changed (every hash after a full update).
 */
export function applyMaindata(
  cache: MaindataCache,
  body: unknown,
): { cache: MaindataCache; changed: Set<string>; full: boolean } {
  if (!isObject(body) || typeof body.rid !== 'number') {
    throw new UnexpectedAnswer('sync/maindata is not an object with a "rid"');
  }
  const full = body.full_update === true;
  const rows = full ? new Map<string, QbRow>() : new Map(cache.rows);
  const trackers = full ? new Map<string, string[]>() : new Map(cache.trackers);
  const changed = new Set<string>();
  if (body.torrents !== undefined && !isObject(body.torrents))
    throw new UnexpectedAnswer('"torrents" is not an object');
  for (const [hash, fields] of Object.entries(body.torrents ?? {})) {
    if (!isObject(fields)) throw new UnexpectedAnswer(`torrent ${hash} is not an object`);
    const key = hash.toLowerCase();
    rows.set(key, { ...(rows.get(key) ?? {}), ...fields });
    changed.add(key);
  }
  for (const hash of strings(body.torrents_removed, '"torrents_removed"')) rows.delete(hash.toLowerCase());
  if (body.trackers !== undefined && !isObject(body.trackers))
    throw new UnexpectedAnswer('"trackers" is not an object');
  for (const [url, hashes] of Object.entries(body.trackers ?? {})) {
    trackers.set(
      url,
      strings(hashes, `tracker ${url}`).map((h) => h.toLowerCase()),
    );
  }
  for (const url of strings(body.trackers_removed, '"trackers_removed"')) trackers.delete(url);
  if (full) for (const hash of rows.keys()) changed.add(hash);
  return { cache: { rid: body.rid, rows, trackers }, changed, full };
}

/** hash → the first tracker URL the `trackers` map gives it. */
export function trackerByHash(trackers: Map<string, string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [url, hashes] of trackers) for (const h of hashes) if (!out.has(h)) out.set(h, url);
  return out;
}

/** Global limits of `transfer/info`, bytes/s with 0 = unlimited → bytes/s or null. */
export function qbLimit(value: unknown): number | null {
  return typeof value === 'number' && value > 0 ? value : null;
}

export function qbTransfer(body: unknown): {
  down_rate: number;
  up_rate: number;
  down_limit: number | null;
  up_limit: number | null;
} {
  if (!isObject(body) || typeof body.dl_info_speed !== 'number')
    throw new UnexpectedAnswer('transfer/info has no "dl_info_speed"');
  return {
    down_rate: num(body, 'dl_info_speed'),
    up_rate: num(body, 'up_info_speed'),
    down_limit: qbLimit(body.dl_rate_limit),
    up_limit: qbLimit(body.up_rate_limit),
  };
}

/** `torrents/files` priority: 0 do not download, 1 normal, 6 high, 7 maximal. */
export function qbFilePriority(priority: number): FilePriority {
  if (priority <= 0) return 'skip';
  return priority >= 6 ? 'high' : 'normal';
}

/** `torrents/trackers` status: 0 disabled, 1 not contacted, 2 working, 3 updating, 4 not working. */
const TRACKER_STATUS: TrackerStatus[] = ['disabled', 'not-contacted', 'working', 'updating', 'error'];

const list = (v: unknown, what: string): QbRow[] => {
  if (!Array.isArray(v)) throw new UnexpectedAnswer(`${what} is not a list`);
  return v.filter(isObject);
};
const count = (row: QbRow, key: string): number | null => {
  const v = row[key];
  return typeof v === 'number' && v >= 0 ? v : null;
};

/** Everything the detail view shows, from properties, files, trackers and peers answers. */
export function qbDetail(
  hash: string,
  state: string,
  properties: unknown,
  files: unknown,
  trackers: unknown,
  peers: unknown,
): TorrentDetail {
  if (!isObject(properties)) throw new UnexpectedAnswer('torrents/properties is not an object');
  const mappedFiles: TorrentFile[] = list(files, 'torrents/files').map((f) => ({
    path: str(f, 'name'),
    size: num(f, 'size'),
    progress: Math.max(0, Math.min(1, num(f, 'progress'))),
    priority: qbFilePriority(num(f, 'priority')),
  }));
  // The DHT, PeX and LSD rows ("** [DHT] **") are not trackers.
  const mappedTrackers: TorrentTracker[] = list(trackers, 'torrents/trackers')
    .filter((t) => !/^\*\* \[.*\] \*\*$/.test(str(t, 'url')))
    .map((t) => ({
      url: str(t, 'url'),
      status: TRACKER_STATUS[num(t, 'status')] ?? 'error',
      message: str(t, 'msg'),
      seeds: count(t, 'num_seeds'),
      peers: count(t, 'num_peers'),
    }));
  const peerMap = isObject(peers) && isObject(peers.peers) ? peers.peers : undefined;
  if (!peerMap) throw new UnexpectedAnswer('sync/torrentPeers has no "peers"');
  const mappedPeers: TorrentPeer[] = Object.entries(peerMap)
    .filter((entry): entry is [string, QbRow] => isObject(entry[1]))
    .map(([address, p]) => ({
      address,
      client: str(p, 'client'),
      progress: Math.max(0, Math.min(1, num(p, 'progress'))),
      down_rate: num(p, 'dl_speed'),
      up_rate: num(p, 'up_speed'),
    }));
  const savePath = str(properties, 'save_path');
  return {
    hash: hash.toUpperCase(),
    save_path: savePath,
    error: qbError(state, savePath, mappedTrackers),
    files: mappedFiles,
    peers: mappedPeers,
    trackers: mappedTrackers,
  };
}

/** qBittorrent 4.5 gives no error text for a torrent: the state says what kind, the trackers say why. */
function qbError(state: string, savePath: string, trackers: TorrentTracker[]): string | null {
  if (state === 'missingFiles') return `qBittorrent cannot find the torrent's files in ${savePath}.`;
  if (state === 'error') return 'qBittorrent stopped the torrent after a disk error; see its log.';
  const failing = trackers.filter((t) => t.status === 'error');
  if (failing.length && failing.length === trackers.length) {
    const message = failing.find((t) => t.message)?.message;
    return `No tracker answers${message ? `: ${message}` : ''}.`;
  }
  return null;
}

/**
 * The info-hash (SHA-1 of the bencoded `info` dictionary) and name of a .torrent file, read with a
 * minimal bencode walk; undefined when the bytes are not a torrent.
 */
export function torrentFileInfo(buf: Buffer): { hash: string; name: string } | undefined {
  let pos = 0;
  let name = '';
  let info: [number, number] | undefined;
  const bytes = (): Buffer => {
    const colon = buf.indexOf(0x3a, pos);
    const text = colon < 0 ? '' : buf.toString('latin1', pos, colon);
    if (!/^\d+$/.test(text)) throw new Error('bad length');
    const end = colon + 1 + Number(text);
    if (end > buf.length) throw new Error('past the end');
    const out = buf.subarray(colon + 1, end);
    pos = end;
    return out;
  };
  const skip = (depth: number, path: string): void => {
    if (depth > 64 || pos >= buf.length) throw new Error('malformed');
    const c = buf[pos];
    if (c === 0x69 /* i */) {
      const end = buf.indexOf(0x65, pos);
      if (end < 0) throw new Error('unterminated integer');
      pos = end + 1;
    } else if (c === 0x6c /* l */ || c === 0x64 /* d */) {
      pos++;
      while (buf[pos] !== 0x65) {
        if (pos >= buf.length) throw new Error('unterminated');
        if (c === 0x6c) {
          skip(depth + 1, '');
          continue;
        }
        const key = bytes().toString('utf8');
        const start = pos;
        if (path === 'info' && (key === 'name' || key === 'name.utf-8') && buf[pos] !== 0x64) {
          const value = bytes().toString('utf8');
          if (key === 'name.utf-8' || !name) name = value;
          continue;
        }
        skip(depth + 1, depth === 0 ? key : '');
        if (depth === 0 && key === 'info') info = [start, pos];
      }
      pos++;
    } else {
      bytes();
    }
  };
  try {
    if (buf[0] !== 0x64) return undefined;
    skip(0, '');
  } catch {
    return undefined;
  }
  if (!info || pos !== buf.length) return undefined;
  return {
    hash: createHash('sha1').update(buf.subarray(info[0], info[1])).digest('hex').toUpperCase(),
    name,
  };
}
