import { UnexpectedAnswer } from '../../../upstream/unexpected-answer';
import type {
  ClientVersion,
  DataLocation,
  FilePriority,
  Torrent,
  TorrentDetail,
  TorrentState,
  TrackerStatus,
} from '../../torrent.types';

/** The fields `list()` asks torrent-get for (`trackers` is the light list; `trackerStats` is detail only). */
export const LIST_FIELDS = [
  'hashString',
  'name',
  'status',
  'error',
  'percentDone',
  'sizeWhenDone',
  'rateDownload',
  'rateUpload',
  'uploadRatio',
  'uploadedEver',
  'labels',
  'eta',
  'addedDate',
  'trackers',
] as const;

export const DETAIL_FIELDS = [
  'hashString',
  'downloadDir',
  'error',
  'errorString',
  'files',
  'fileStats',
  'peers',
  'trackerStats',
] as const;

export const LOCATION_FIELDS = ['hashString', 'name', 'downloadDir', 'metadataPercentComplete'] as const;

/**
 * Transmission 3.00 counts speeds in kB of 1000 bytes: session-get says `units.speed-bytes: 1000`, and
 * the daemon converts `speed-limit-*` with that factor (the peer test reads it back from the real one).
 */
export const SPEED_BYTES = 1000;

type Raw = Record<string, unknown>;

const num = (o: Raw, key: string): number => {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
const str = (o: Raw, key: string): string => (typeof o[key] === 'string' ? o[key] : '');
const list = (o: Raw, key: string): Raw[] =>
  Array.isArray(o[key]) ? (o[key] as unknown[]).filter((x): x is Raw => !!x && typeof x === 'object') : [];

/** One RPC answer: `{result, arguments}`; any other shape is not Transmission's. */
export function rpcReply(body: unknown): { result: string; arguments: Raw } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new UnexpectedAnswer('the answer is not a JSON object');
  const o = body as Raw;
  if (typeof o.result !== 'string') throw new UnexpectedAnswer('the answer has no "result"');
  const args = o.arguments;
  return { result: o.result, arguments: args && typeof args === 'object' ? (args as Raw) : {} };
}

/**
 * tr_torrent_activity → the panel's state. Transmission has no pause: a torrent is started or stopped,
 * so it is never `paused`; a stopped one with all its data is `completed`. Any `error` (1 tracker
 * warning, 2 tracker error, 3 local error) wins, as Transmission's own UI shows it first.
 */
export function transmissionState(status: number, error: number, percentDone: number): TorrentState {
  if (error !== 0) return 'error';
  switch (status) {
    case 0:
      return percentDone >= 1 ? 'completed' : 'stopped';
    case 1:
    case 2:
      return 'checking';
    case 3:
    case 5:
      return 'queued';
    case 4:
      return 'downloading';
    case 6:
      return 'seeding';
    default:
      throw new UnexpectedAnswer(`status ${status} is not one of 0..6`);
  }
}

/** The host of an announce URL, "" when it is not a URL (Transmission's `host` keeps the scheme). */
export function trackerHost(announce: string): string {
  try {
    return new URL(announce).hostname;
  } catch {
    return '';
  }
}

/** One torrent-get entry of LIST_FIELDS → the panel's torrent. */
export function transmissionTorrent(raw: unknown): Torrent {
  if (!raw || typeof raw !== 'object') throw new UnexpectedAnswer('a torrent is not an object');
  const t = raw as Raw;
  const hash = t.hashString;
  if (typeof hash !== 'string') throw new UnexpectedAnswer('a torrent has no "hashString"');
  const status = t.status;
  if (typeof status !== 'number') throw new UnexpectedAnswer('a torrent has no numeric "status"');
  const progress = Math.max(0, Math.min(1, num(t, 'percentDone')));
  const size = num(t, 'sizeWhenDone');
  const eta = num(t, 'eta');
  const added = num(t, 'addedDate');
  const labels = Array.isArray(t.labels) ? t.labels.filter((l): l is string => typeof l === 'string') : [];
  const first = list(t, 'trackers').sort((a, b) => num(a, 'tier') - num(b, 'tier'))[0];
  return {
    hash: hash.toUpperCase(),
    name: str(t, 'name'),
    size,
    progress,
    state: transmissionState(status, num(t, 'error'), progress),
    down_rate: num(t, 'rateDownload'),
    up_rate: num(t, 'rateUpload'),
    ratio: ratioOf(num(t, 'uploadRatio'), num(t, 'uploadedEver'), size),
    // The panel's label is the first of Transmission's labels.
    label: labels[0] ?? '',
    // -1 TR_ETA_NOT_AVAIL, -2 TR_ETA_UNKNOWN; a complete torrent has nothing left.
    eta: progress >= 1 ? 0 : eta < 0 ? null : eta,
    added: added > 0 ? new Date(added * 1000).toISOString() : null,
    tracker: first ? trackerHost(str(first, 'announce')) : '',
    client: 'transmission',
  };
}

/** -1 is TR_RATIO_NA (nothing to compare with) and -2 TR_RATIO_INF (uploaded without downloading). */
function ratioOf(ratio: number, uploaded: number, size: number): number {
  if (ratio >= 0) return ratio;
  if (ratio === -2 && size > 0) return uploaded / size;
  return 0;
}

/** torrent-get's `arguments` → its `torrents` array (still raw). */
export function torrentsOf(args: Raw): Raw[] {
  if (!Array.isArray(args.torrents)) throw new UnexpectedAnswer('"torrents" is not an array');
  return args.torrents as Raw[];
}

export function transmissionTorrents(args: Raw): Torrent[] {
  return torrentsOf(args).map(transmissionTorrent);
}

/** session-get `version` and `rpc-version` → e.g. "3.00 (bb6b5a062e), RPC 16". */
export function sessionVersion(args: Raw): ClientVersion {
  const { version, 'rpc-version': rpcVersion } = args;
  if (typeof version !== 'string' || typeof rpcVersion !== 'number')
    throw new UnexpectedAnswer('session-get has no "version" and "rpc-version"');
  return { version: `${version}, RPC ${rpcVersion}` };
}

/** `speed-limit-*` in kB/s with its `-enabled` flag → bytes/s, null when off (unlimited). */
export function sessionLimit(args: Raw, key: 'down' | 'up'): number | null {
  const enabled = args[`speed-limit-${key}-enabled`];
  const kb = args[`speed-limit-${key}`];
  if (typeof enabled !== 'boolean' || typeof kb !== 'number')
    throw new UnexpectedAnswer(`session-get has no speed-limit-${key} and speed-limit-${key}-enabled`);
  // An enabled limit of 0 kB/s stops that direction entirely in 3.00; the panel has no such value.
  return enabled && kb > 0 ? kb * SPEED_BYTES : null;
}

/**
 * Bytes/s → session-set arguments. 3.00 ignores a fractional `speed-limit-*` without a word, so the
 * value is rounded to whole kB/s (at least 1); null or 0 turns the limit off and leaves its value.
 */
export function limitArguments(key: 'down' | 'up', bytes: number | null): Raw {
  if (!bytes) return { [`speed-limit-${key}-enabled`]: false };
  return {
    [`speed-limit-${key}`]: Math.max(1, Math.round(bytes / SPEED_BYTES)),
    [`speed-limit-${key}-enabled`]: true,
  };
}

/** torrent-add's answer: `torrent-added` or `torrent-duplicate`, each `{hashString, id, name}`. */
export function addedTorrent(args: Raw): { duplicate: boolean; hash: string; name: string } {
  const entry = (args['torrent-added'] ?? args['torrent-duplicate']) as Raw | undefined;
  if (!entry || typeof entry.hashString !== 'string')
    throw new UnexpectedAnswer('torrent-add answered neither "torrent-added" nor "torrent-duplicate"');
  return {
    duplicate: args['torrent-added'] === undefined,
    hash: entry.hashString.toUpperCase(),
    name: str(entry, 'name'),
  };
}

/** fileStats `wanted`/`priority` (-1 low, 0 normal, 1 high) → the panel's priority. */
export function filePriority(wanted: boolean, priority: number): FilePriority {
  if (!wanted) return 'skip';
  return priority < 0 ? 'low' : priority > 0 ? 'high' : 'normal';
}

/**
 * A trackerStats entry's state: announcing now (tr_tracker_state 2 queued, 3 active) is updating;
 * otherwise the last announce decides; never announced is not-contacted.
 */
export function trackerStatus(stat: Raw): TrackerStatus {
  const state = num(stat, 'announceState');
  if (state === 2 || state === 3) return 'updating';
  if (stat.hasAnnounced !== true) return 'not-contacted';
  return stat.lastAnnounceSucceeded === true ? 'working' : 'error';
}

const count = (v: number): number | null => (v >= 0 ? v : null);

/** One torrent-get entry of DETAIL_FIELDS → the panel's detail. */
export function transmissionDetail(raw: Raw): TorrentDetail {
  if (typeof raw.hashString !== 'string') throw new UnexpectedAnswer('the torrent has no "hashString"');
  const stats = list(raw, 'fileStats');
  const errorString = str(raw, 'errorString');
  return {
    hash: raw.hashString.toUpperCase(),
    save_path: str(raw, 'downloadDir'),
    error: num(raw, 'error') !== 0 ? errorString || `error ${num(raw, 'error')}` : null,
    files: list(raw, 'files').map((f, i) => {
      const length = num(f, 'length');
      const st = stats[i] ?? {};
      return {
        path: str(f, 'name'),
        size: length,
        progress: length > 0 ? Math.min(1, num(f, 'bytesCompleted') / length) : 1,
        priority: filePriority(st.wanted !== false, num(st, 'priority')),
      };
    }),
    peers: list(raw, 'peers').map((p) => ({
      address: `${str(p, 'address')}:${num(p, 'port')}`,
      client: str(p, 'clientName'),
      progress: num(p, 'progress'),
      // rateToClient: what the peer sends us; rateToPeer: what we send it.
      down_rate: num(p, 'rateToClient'),
      up_rate: num(p, 'rateToPeer'),
    })),
    trackers: list(raw, 'trackerStats').map((s) => {
      const status = trackerStatus(s);
      return {
        url: str(s, 'announce'),
        status,
        message: status === 'not-contacted' ? '' : str(s, 'lastAnnounceResult'),
        seeds: count(typeof s.seederCount === 'number' ? s.seederCount : -1),
        peers: count(typeof s.leecherCount === 'number' ? s.leecherCount : -1),
      };
    }),
  };
}

/**
 * Where a torrent's data is: `downloadDir/name` (the file of a single-file torrent, the folder of a
 * multi-file one). A magnet still fetching its metadata has no data yet.
 */
export function transmissionLocation(raw: Raw): DataLocation {
  if (typeof raw.hashString !== 'string') throw new UnexpectedAnswer('a torrent has no "hashString"');
  const name = str(raw, 'name');
  const dir = str(raw, 'downloadDir').replace(/\/+$/, '');
  const ready = num(raw, 'metadataPercentComplete') >= 1;
  return {
    hash: raw.hashString.toUpperCase(),
    name,
    path: ready && dir && name ? `${dir}/${name}` : '',
    refusal: null,
  };
}
