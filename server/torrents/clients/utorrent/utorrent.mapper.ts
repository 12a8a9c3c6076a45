import { UnexpectedAnswer } from '../../../upstream/unexpected-answer';
import type { Torrent, TorrentState } from '../../torrent.types';

/** uTorrent's status bitfield (list column 1). */
export const UtStatus = {
  STARTED: 1,
  CHECKING: 2,
  START_AFTER_CHECK: 4,
  CHECKED: 8,
  ERROR: 16,
  PAUSED: 32,
  QUEUED: 64,
  LOADED: 128,
} as const;

/** Columns of a `list=1` row; uTorrent 2.0 sent only 0..18, so later ones may be missing. */
const COL = {
  HASH: 0,
  STATUS: 1,
  NAME: 2,
  SIZE: 3,
  PROGRESS: 4,
  RATIO: 7,
  UP_RATE: 8,
  DOWN_RATE: 9,
  ETA: 10,
  LABEL: 11,
  DOWNLOAD_URL: 19,
  STATUS_MESSAGE: 21,
  ADDED: 23,
  SAVE_PATH: 26,
} as const;
const MIN_COLUMNS = 19;

/**
 * The official WebUI's order for turning bits into a state, first match wins: paused, started
 * (seeding when progress is 1000 ‰), checking, error, queued, finished, stopped.
 */
export function utorrentState(status: number, progressPerMille: number): TorrentState {
  const done = progressPerMille >= 1000;
  if (status & UtStatus.PAUSED) return 'paused';
  if (status & UtStatus.STARTED) return done ? 'seeding' : 'downloading';
  if (status & UtStatus.CHECKING) return 'checking';
  if (status & UtStatus.ERROR) return 'error';
  if (status & UtStatus.QUEUED) return 'queued';
  return done ? 'completed' : 'stopped';
}

const num = (row: unknown[], i: number): number => {
  const v = row[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
const str = (row: unknown[], i: number): string => (typeof row[i] === 'string' ? row[i] : '');

/** Where the torrent's data is (column 26, uTorrent 2.2 and later); '' when the row does not say. */
export function utorrentSavePath(row: unknown[]): string {
  return str(row, COL.SAVE_PATH);
}

/** One 19- to 27-column row → the panel's torrent. */
export function utorrentTorrent(row: unknown): Torrent {
  if (!Array.isArray(row) || row.length < MIN_COLUMNS || typeof row[COL.HASH] !== 'string') {
    throw new UnexpectedAnswer('a torrent row is not an array of at least 19 columns');
  }
  const progress = Math.max(0, Math.min(1000, num(row, COL.PROGRESS)));
  const eta = num(row, COL.ETA);
  const added = num(row, COL.ADDED);
  return {
    hash: str(row, COL.HASH).toUpperCase(),
    name: str(row, COL.NAME),
    size: num(row, COL.SIZE),
    progress: progress / 1000,
    state: utorrentState(num(row, COL.STATUS), progress),
    down_rate: num(row, COL.DOWN_RATE),
    up_rate: num(row, COL.UP_RATE),
    ratio: num(row, COL.RATIO) / 1000,
    label: str(row, COL.LABEL),
    // -1 is uTorrent's "∞" (not moving); 0 means done.
    eta: eta < 0 ? null : eta,
    added: added > 0 ? new Date(added * 1000).toISOString() : null,
    // The list has no tracker column; getprops has the trackers of one torrent (the detail view).
    tracker: '',
    client: 'utorrent',
  };
}

/** The status bitfield (column 1) and status message (column 21, e.g. "Error: Files missing…"). */
export function utorrentStatus(row: unknown[]): { bits: number; message: string } {
  return { bits: num(row, COL.STATUS), message: str(row, COL.STATUS_MESSAGE) };
}

/** Column 19: the URL a torrent was added from (how add-url finds what it added). */
export function utorrentDownloadUrl(row: unknown[]): string {
  return str(row, COL.DOWNLOAD_URL);
}

/** A `list=1` answer: the full list (`torrents`) or, after `cid=`, changes and removals. */
export type UtListReply =
  | { kind: 'full'; build: number; cid: string; rows: unknown[][] }
  | { kind: 'changes'; build: number; cid: string; changed: unknown[][]; removed: string[] };

export function utorrentListReply(body: unknown): UtListReply {
  if (!body || typeof body !== 'object') throw new UnexpectedAnswer('the list is not a JSON object');
  const o = body as Record<string, unknown>;
  const build = typeof o.build === 'number' ? o.build : 0;
  const cid = typeof o.torrentc === 'string' || typeof o.torrentc === 'number' ? String(o.torrentc) : '';
  const rows = (v: unknown, what: string): unknown[][] => {
    if (!Array.isArray(v)) throw new UnexpectedAnswer(`${what} is not an array`);
    return v as unknown[][];
  };
  if (o.torrents !== undefined) return { kind: 'full', build, cid, rows: rows(o.torrents, '"torrents"') };
  if (o.torrentp !== undefined || o.torrentm !== undefined) {
    const removed = o.torrentm === undefined ? [] : rows(o.torrentm, '"torrentm"');
    return {
      kind: 'changes',
      build,
      cid,
      changed: o.torrentp === undefined ? [] : rows(o.torrentp, '"torrentp"'),
      removed: (removed as unknown[])
        .filter((h): h is string => typeof h === 'string')
        .map((h) => h.toUpperCase()),
    };
  }
  throw new UnexpectedAnswer('the list has neither "torrents" nor "torrentp"');
}

/**
 * The answer to add-file: `{"build": N}` when uTorrent took the file (or already had the torrent), or
 * `{"build": N, "error": "Can't add torrent: …"}` when it could not read it → that sentence.
 */
export function addFileRefusal(body: unknown): string | undefined {
  const o = body as { build?: unknown; error?: unknown } | null;
  if (typeof o?.build !== 'number') throw new UnexpectedAnswer('no "build" in the add-file answer');
  return typeof o.error === 'string' && o.error ? o.error : undefined;
}

/** `getsettings` rows `[name, type, value-as-string, {access}]` → name → value. */
export function utorrentSettings(body: unknown): Map<string, string> {
  const settings = (body as { settings?: unknown } | null)?.settings;
  if (!Array.isArray(settings)) throw new UnexpectedAnswer('"settings" is not an array');
  const out = new Map<string, string>();
  for (const entry of settings) {
    if (Array.isArray(entry) && typeof entry[0] === 'string') out.set(entry[0], String(entry[2] ?? ''));
  }
  return out;
}

/** `max_dl_rate`/`max_ul_rate` are KiB/s with 0 = unlimited → bytes/s or null. */
export function kibLimit(value: string | undefined): number | null {
  const kib = Number.parseInt(value ?? '', 10);
  return Number.isFinite(kib) && kib > 0 ? kib * 1024 : null;
}

/** The token inside token.html: `<div id='token' style='display:none;'>TOKEN</div>`. */
export function tokenFromHtml(html: string): string | undefined {
  return /<div[^>]*id=['"]token['"][^>]*>([^<]+)<\/div>/i.exec(html)?.[1]?.trim() || undefined;
}

/** The GUID cookie from a (possibly joined) Set-Cookie header. */
export function guidFromSetCookie(header: string | undefined): string | undefined {
  return /(?:^|[;,]\s*)GUID=([^;,\s]+)/.exec(header ?? '')?.[1];
}
