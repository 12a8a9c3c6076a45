import { UnexpectedAnswer } from '../../../upstream/unexpected-answer';
import type {
  ClientVersion,
  DataLocation,
  FilePriority,
  Torrent,
  TorrentDetail,
  TorrentState,
  TorrentTracker,
  TrackerStatus,
} from '../../torrent.types';

type Raw = Record<string, unknown>;

/**
 * The keys `list()` asks `core.get_torrents_status` for. Deluge drops keys it does not know without a
 * word, and `label` exists only while the Label plugin is enabled (it is "" then when none is set).
 */
export const LIST_KEYS = [
  'name',
  'state',
  'paused',
  'progress',
  'total_wanted',
  'download_payload_rate',
  'upload_payload_rate',
  'ratio',
  'label',
  'eta',
  'time_added',
  'tracker',
  'trackers',
] as const;

export const DETAIL_KEYS = [
  'name',
  'state',
  'message',
  'save_path',
  'files',
  'file_progress',
  'file_priorities',
  'peers',
  'trackers',
  'tracker',
  'tracker_status',
  'total_seeds',
  'total_peers',
] as const;

export const LOCATION_KEYS = ['name', 'save_path', 'files'] as const;

/** Deluge's speed settings are KiB/s (deluged multiplies by 1024 for libtorrent). */
export const KIB = 1024;

/** A deluge-web error object, reduced to what a sentence needs. */
export interface DelugeFailure {
  /** 1 not authenticated, 2 unknown method, 3 unknown error, 4 the daemon raised, 5 a malformed request. */
  code: number;
  /** The daemon's exception class when it says (e.g. "AddTorrentError"), else "". */
  type: string;
  /** The exception's own message, first line only (never the traceback). */
  text: string;
}

export interface DelugeReply {
  result: unknown;
  error: DelugeFailure | null;
}

const num = (o: Raw, key: string): number => {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
const str = (o: Raw, key: string): string => (typeof o[key] === 'string' ? o[key] : '');
const objects = (v: unknown): Raw[] =>
  Array.isArray(v) ? v.filter((x): x is Raw => !!x && typeof x === 'object' && !Array.isArray(x)) : [];
const isObject = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * One JSON-RPC answer: `{result, error, id}`. A daemon exception (code 4) arrives as Twisted's failure
 * text, e.g. `Failure: [Failure instance: Traceback (failure with no frames): <class
 * 'deluge.error.AddTorrentError'>: Torrent already in session (…).\n]`, or for any other exception
 * `<class 'deluge.error.WrappedException'>: Unknown Label\nTraceback (most recent call last): …`.
 */
export function delugeReply(body: unknown): DelugeReply {
  if (!isObject(body) || !('result' in body || 'error' in body))
    throw new UnexpectedAnswer('the answer is not a JSON-RPC object with "result" and "error"');
  const error = body.error;
  if (error === null || error === undefined) return { result: body.result, error: null };
  if (!isObject(error) || typeof error.code !== 'number')
    throw new UnexpectedAnswer('"error" is neither null nor an object with a numeric "code"');
  const message = str(error, 'message');
  const thrown = /<class '(?:[\w]+\.)*(\w+)'>: ([^\n]*)/.exec(message);
  const text = (thrown ? thrown[2] : message.split('\n')[0]).trim().replace(/\]$/, '').trim();
  return { result: body.result, error: { code: error.code, type: thrown?.[1] ?? '', text } };
}

/** `web.get_hosts` → the daemon ids, each entry `[id, host, port, user]`. */
export function hostIds(hosts: unknown): string[] {
  if (!Array.isArray(hosts)) throw new UnexpectedAnswer('web.get_hosts is not a list');
  return hosts.map((h) => {
    if (!Array.isArray(h) || typeof h[0] !== 'string')
      throw new UnexpectedAnswer('a web.get_hosts entry is not [id, host, port, user]');
    return h[0];
  });
}

/** `web.get_host_status` answers (`[id, "Online" | "Offline" | "Connected", version]`) → the usable ids. */
export function onlineHosts(statuses: readonly unknown[]): string[] {
  return statuses.flatMap((s) =>
    Array.isArray(s) && typeof s[0] === 'string' && (s[1] === 'Online' || s[1] === 'Connected') ? [s[0]] : [],
  );
}

/** `daemon.get_version` and `core.get_libtorrent_version` → e.g. "2.0.3 (libtorrent 2.0.8.0)". */
export function delugeVersion(daemon: unknown, libtorrent: unknown): ClientVersion {
  if (typeof daemon !== 'string' || !daemon) throw new UnexpectedAnswer('daemon.get_version is not a string');
  return {
    version: typeof libtorrent === 'string' && libtorrent ? `${daemon} (libtorrent ${libtorrent})` : daemon,
  };
}

/**
 * Deluge's state → the panel's. Deluge has no stop, only pause. Its `state` lags a pause or resume by up
 * to a second (`paused: true` with `state: "Seeding"` just after a pause), so the `paused` flag, which is
 * libtorrent's own, wins. "Paused" is also every torrent's state while the whole session is paused.
 * "Moving" (its data being moved to another folder) is shown as checking: busy with its files.
 */
export function delugeState(state: string, paused: boolean): TorrentState {
  if (state === 'Error') return 'error';
  if (paused) return 'paused';
  switch (state) {
    case 'Downloading':
      return 'downloading';
    case 'Seeding':
      return 'seeding';
    case 'Paused':
      return 'paused';
    case 'Queued':
      return 'queued';
    case 'Checking':
    case 'Allocating':
    case 'Moving':
      return 'checking';
    default:
      throw new UnexpectedAnswer(`state "${state}" is not one of Deluge's`);
  }
}

/** The host of an announce URL, "" when it is not one (udp:// and http(s):// both parse). */
export function trackerHost(announce: string): string {
  try {
    return new URL(announce).hostname;
  } catch {
    return '';
  }
}

/**
 * The tracker a torrent announces to: `tracker` is the current one ("" before the first announce), else
 * the first of `trackers`. Deluge's own `tracker_host` is cut down to the last two labels of the name
 * ("tracker.example.org" → "example.org"), so the panel reads the URL itself.
 */
function currentTracker(t: Raw): string {
  return str(t, 'tracker') || str(objects(t.trackers)[0] ?? {}, 'url');
}

/** One `core.get_torrents_status` entry of LIST_KEYS → the panel's torrent. */
export function delugeTorrent(hash: string, raw: unknown): Torrent {
  if (!/^[0-9a-f]{40}$/i.test(hash)) throw new UnexpectedAnswer(`"${hash}" is not an info-hash`);
  if (!isObject(raw)) throw new UnexpectedAnswer('a torrent is not an object');
  if (typeof raw.state !== 'string') throw new UnexpectedAnswer('a torrent has no "state"');
  // Deluge's progress is a percentage.
  const progress = Math.max(0, Math.min(1, num(raw, 'progress') / 100));
  const eta = num(raw, 'eta');
  const added = num(raw, 'time_added');
  const ratio = num(raw, 'ratio');
  return {
    hash: hash.toUpperCase(),
    name: str(raw, 'name'),
    size: num(raw, 'total_wanted'),
    progress,
    state: delugeState(raw.state, raw.paused === true),
    down_rate: num(raw, 'download_payload_rate'),
    up_rate: num(raw, 'upload_payload_rate'),
    // -1 when nothing has been downloaded yet (no ratio to speak of).
    ratio: ratio > 0 ? ratio : 0,
    label: str(raw, 'label'),
    // 0 is both "done" and "not moving"; -1 is more than a year.
    eta: progress >= 1 ? 0 : eta > 0 ? eta : null,
    added: added > 0 ? new Date(Math.round(added * 1000)).toISOString() : null,
    tracker: trackerHost(currentTracker(raw)),
    client: 'deluge',
  };
}

/** `core.get_torrents_status` answers an object keyed by (lower-case) hash. */
export function torrentsOf(result: unknown): [string, Raw][] {
  if (!isObject(result)) throw new UnexpectedAnswer('core.get_torrents_status is not an object');
  return Object.entries(result).map(([hash, raw]) => {
    if (!isObject(raw)) throw new UnexpectedAnswer('a torrent is not an object');
    return [hash, raw];
  });
}

export function delugeTorrents(result: unknown): Torrent[] {
  return torrentsOf(result).map(([hash, raw]) => delugeTorrent(hash, raw));
}

/** A KiB/s setting → bytes/s; -1 is unlimited, and so is 0 (libtorrent's 0 means no limit). */
export function limitOf(kib: unknown): number | null {
  if (typeof kib !== 'number' || !Number.isFinite(kib))
    throw new UnexpectedAnswer('a speed limit is not a number');
  return kib > 0 ? Math.round(kib * KIB) : null;
}

/**
 * Bytes/s → the KiB/s Deluge stores: null or 0 is -1 (unlimited). Deluge keeps fractions (1.5 KiB/s) and
 * hands libtorrent `int(value * 1024)`, so bytes/1024 round-trips exactly.
 */
export function kibOf(bytes: number | null): number {
  return bytes && bytes > 0 ? bytes / KIB : -1;
}

/** An add call's result: the new torrent's hash (lower-case hex). */
export function addedHash(result: unknown): string {
  if (typeof result !== 'string' || !/^[0-9a-f]{40}$/i.test(result))
    throw new UnexpectedAnswer('the add call did not answer an info-hash');
  return result.toUpperCase();
}

/** The hash of "Torrent already in session (<hash>)." — Deluge's AddTorrentError for a duplicate. */
export function duplicateOf(failure: DelugeFailure): string | undefined {
  if (failure.type !== 'AddTorrentError') return undefined;
  return /already in session \(([0-9a-f]{40})\)/i.exec(failure.text)?.[1]?.toUpperCase();
}

/**
 * The Label plugin keeps labels of a-z, 0-9, "_", "-" and "." only: `label.add` lower-cases what it is
 * given but `label.set_torrent` does not, so the panel lower-cases both. undefined when it cannot be one.
 */
export function delugeLabel(label: string): string | undefined {
  const id = label.trim().toLowerCase();
  return /^[a-z0-9_.-]*$/.test(id) ? id : undefined;
}

/** libtorrent's priorities 0..7 as Deluge's UI names them: 0 skip, 1 low, 4 normal, 7 high. */
export function filePriority(priority: number): FilePriority {
  if (priority <= 0) return 'skip';
  if (priority < 4) return 'low';
  if (priority < 6) return 'normal';
  return 'high';
}

/**
 * Deluge keeps one tracker status per torrent, for the tracker it announces to: "Announce OK",
 * "Announce Sent", "Warning: …" or "Error: …" ("" before the first announce).
 */
export function trackerStatus(status: string): { status: TrackerStatus; message: string } {
  if (!status) return { status: 'not-contacted', message: '' };
  if (status === 'Announce OK') return { status: 'working', message: '' };
  if (status === 'Announce Sent') return { status: 'updating', message: '' };
  if (status.startsWith('Error:')) return { status: 'error', message: status.slice(6).trim() };
  if (status.startsWith('Warning:')) return { status: 'working', message: status.slice(8).trim() };
  return { status: 'working', message: status };
}

const count = (v: number): number | null => (v >= 0 ? v : null);

function trackersOf(raw: Raw): TorrentTracker[] {
  const entries = objects(raw.trackers);
  const current = str(raw, 'tracker') || str(entries[0] ?? {}, 'url');
  return entries
    .sort((a, b) => num(a, 'tier') - num(b, 'tier'))
    .map((t) => {
      const url = str(t, 'url');
      if (url !== current) return { url, status: 'not-contacted', message: '', seeds: null, peers: null };
      return {
        url,
        ...trackerStatus(str(raw, 'tracker_status')),
        // total_seeds / total_peers are the swarm's counts from the last scrape, -1 when not known.
        seeds: count(typeof raw.total_seeds === 'number' ? raw.total_seeds : -1),
        peers: count(typeof raw.total_peers === 'number' ? raw.total_peers : -1),
      };
    });
}

/** One `core.get_torrent_status` answer of DETAIL_KEYS → the panel's detail. */
export function delugeDetail(hash: string, raw: Raw): TorrentDetail {
  const progress: unknown[] = Array.isArray(raw.file_progress) ? raw.file_progress : [];
  const priorities: unknown[] = Array.isArray(raw.file_priorities) ? raw.file_priorities : [];
  const state = str(raw, 'state');
  const tracker = str(raw, 'tracker_status');
  // `message` is "OK" unless the torrent is in error; a tracker's error is the other kind there is.
  const error =
    state === 'Error'
      ? str(raw, 'message') || 'Error'
      : tracker.startsWith('Error:')
        ? tracker.slice(6).trim()
        : null;
  return {
    hash: hash.toUpperCase(),
    save_path: str(raw, 'save_path'),
    error,
    files: objects(raw.files).map((f) => {
      const index = typeof f.index === 'number' ? f.index : 0;
      const done = progress[index];
      const priority = priorities[index];
      return {
        path: str(f, 'path'),
        size: num(f, 'size'),
        progress: typeof done === 'number' ? Math.max(0, Math.min(1, done)) : 0,
        priority: filePriority(typeof priority === 'number' ? priority : 4),
      };
    }),
    peers: objects(raw.peers).map((p) => ({
      // "ip:port" already.
      address: str(p, 'ip'),
      client: str(p, 'client'),
      progress: Math.max(0, Math.min(1, num(p, 'progress'))),
      down_rate: num(p, 'down_speed'),
      up_rate: num(p, 'up_speed'),
    })),
    trackers: trackersOf(raw),
  };
}

/**
 * Where a torrent's data is: `save_path` joined with the top of its file paths (the file of a
 * single-file torrent, the folder of a multi-file one). A magnet still fetching its metadata has no
 * files yet, so no data.
 */
export function delugeLocation(hash: string, raw: Raw): DataLocation {
  const [first] = objects(raw.files);
  const top = first ? str(first, 'path').split('/')[0] : '';
  const dir = str(raw, 'save_path').replace(/\/+$/, '');
  return {
    hash: hash.toUpperCase(),
    name: str(raw, 'name'),
    path: dir && top ? `${dir}/${top}` : '',
    refusal: null,
  };
}
