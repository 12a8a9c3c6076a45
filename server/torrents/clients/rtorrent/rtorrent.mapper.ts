import { UnexpectedAnswer } from '../../../upstream/unexpected-answer';
import type { Torrent, TorrentState } from '../../torrent.types';
import type { XmlRpcValue } from './xmlrpc';

/** The `d.multicall2` columns the list asks for, in order (see `rtorrentTorrent`). */
export const LIST_FIELDS = [
  'd.hash=',
  'd.name=',
  'd.size_bytes=',
  'd.completed_bytes=',
  'd.left_bytes=',
  'd.state=',
  'd.is_open=',
  'd.is_active=',
  'd.complete=',
  'd.hashing=',
  'd.is_hash_checking=',
  'd.down.rate=',
  'd.up.rate=',
  'd.ratio=',
  'd.custom1=',
  'd.message=',
  'd.load_date=',
  // ruTorrent's own tracker column: every tracker's URL, each followed by "#" ("url1#url2#", "" for
  // none; verified on 0.9.8). rtorrent moves the tracker that answered to the front of its tier.
  'cat="$t.multicall=d.hash=,t.url=,cat={#}"',
] as const;

/** ruTorrent ignores this tracker message when deciding whether a torrent is in error. */
const HARMLESS_MESSAGE = 'Tracker: [Tried all trackers.]';

export interface RtFlags {
  state: number;
  isOpen: number;
  isActive: number;
  complete: number;
  hashing: number;
  isHashChecking: number;
  message: string;
}

/**
 * ruTorrent's reading of rTorrent's flags (verified on 0.9.8): a hash check wins, then a tracker or
 * storage message; `is_open == 0` is stopped (completed when all data is there); open but not started or
 * not active is paused (ruTorrent's own Pause is d.stop, ours is d.pause); otherwise seeding or
 * downloading. rTorrent has no queue, so never `queued`.
 */
export function rtorrentState(f: RtFlags): TorrentState {
  if (f.hashing !== 0 || f.isHashChecking !== 0) return 'checking';
  if (f.message !== '' && f.message !== HARMLESS_MESSAGE) return 'error';
  if (f.isOpen === 0) return f.complete === 1 ? 'completed' : 'stopped';
  if (f.state === 0 || f.isActive === 0) return 'paused';
  return f.complete === 1 ? 'seeding' : 'downloading';
}

/** ruTorrent stores labels URI-encoded in d.custom1; a label set by hand may not be encoded. */
export function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function num(row: XmlRpcValue[], i: number): number {
  const v = row[i];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw new UnexpectedAnswer(`column ${LIST_FIELDS[i]} is not a number`);
}

function str(row: XmlRpcValue[], i: number): string {
  const v = row[i];
  if (typeof v === 'string') return v;
  throw new UnexpectedAnswer(`column ${LIST_FIELDS[i]} is not a string`);
}

/** One `d.multicall2` row in LIST_FIELDS order → the panel's torrent. */
export function rtorrentTorrent(row: XmlRpcValue): Torrent {
  if (!Array.isArray(row) || row.length !== LIST_FIELDS.length) {
    throw new UnexpectedAnswer(`a d.multicall2 row does not have ${LIST_FIELDS.length} columns`);
  }
  const size = num(row, 2);
  const completed = num(row, 3);
  const left = num(row, 4);
  const down = num(row, 11);
  const complete = num(row, 8);
  const loaded = num(row, 16);
  return {
    hash: str(row, 0).toUpperCase(),
    name: str(row, 1),
    size,
    // A magnet without metadata yet has size 0.
    progress: size > 0 ? Math.round((completed / size) * 10000) / 10000 : 0,
    state: rtorrentState({
      state: num(row, 5),
      isOpen: num(row, 6),
      isActive: num(row, 7),
      complete,
      hashing: num(row, 9),
      isHashChecking: num(row, 10),
      message: str(row, 15),
    }),
    down_rate: down,
    up_rate: num(row, 12),
    // d.ratio is per-mille.
    ratio: num(row, 13) / 1000,
    label: decodeLabel(str(row, 14)),
    eta: complete === 1 || left <= 0 ? 0 : down > 0 ? Math.ceil(left / down) : null,
    added: loaded > 0 ? new Date(loaded * 1000).toISOString() : null,
    tracker: trackerHost(str(row, 17).split('#')[0]),
    client: 'rutorrent',
  };
}

/** An announce URL → its host name ("" for none or one that is not a URL). */
export function trackerHost(url: string): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

export function rtorrentTorrents(value: XmlRpcValue): Torrent[] {
  if (!Array.isArray(value)) throw new UnexpectedAnswer('d.multicall2 did not answer an array');
  return value.map(rtorrentTorrent);
}

/** Number or numeric string (rTorrent's API version is a string) → number. */
export function asNumber(value: XmlRpcValue | undefined, what: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw new UnexpectedAnswer(`${what} is not a number`);
}

export function asString(value: XmlRpcValue | undefined, what: string): string {
  if (typeof value === 'string') return value;
  throw new UnexpectedAnswer(`${what} is not a string`);
}

/** The torrent's error as ruTorrent shows it: d.message unless empty or the harmless tracker note. */
export function rtorrentError(message: string): string | null {
  return message === '' || message === HARMLESS_MESSAGE ? null : message;
}
