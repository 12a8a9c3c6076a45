import { UnexpectedAnswer } from '../../../upstream/unexpected-answer';
import type {
  FilePriority,
  TorrentFile,
  TorrentPeer,
  TorrentTracker,
  TrackerStatus,
} from '../../torrent.types';

/** getfiles priorities: 0 skip ("don't download"), 1 low, 2 normal, 3 high. */
const PRIORITY: Record<number, FilePriority> = { 0: 'skip', 1: 'low', 2: 'normal', 3: 'high' };

/**
 * `getfiles&hash=H` → `{"files": [H, [[name, size, downloaded, priority, …], …]]}`; undefined when uTorrent
 * does not know the hash (it answers `"files": []`). Names are relative to the torrent's folder with
 * Windows separators; multi-file paths get the folder in front, as the other clients report them.
 */
export function utorrentFiles(body: unknown, name: string): TorrentFile[] | undefined {
  const files = (body as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) throw new UnexpectedAnswer('"files" is not an array');
  if (files.length === 0) return undefined;
  const rows: unknown = files[1];
  if (typeof files[0] !== 'string' || !Array.isArray(rows))
    throw new UnexpectedAnswer('"files" is not [hash, [rows]]');
  const single = rows.length === 1;
  return rows.map((row: unknown) => {
    if (
      !Array.isArray(row) ||
      typeof row[0] !== 'string' ||
      typeof row[1] !== 'number' ||
      typeof row[2] !== 'number'
    )
      throw new UnexpectedAnswer('a file row is not [name, size, downloaded, priority, …]');
    const path = row[0].replace(/\\/g, '/');
    const size = row[1];
    return {
      path: single && path === name ? path : `${name}/${path}`,
      size,
      progress: size > 0 ? Math.max(0, Math.min(1, row[2] / size)) : 1,
      priority: PRIORITY[typeof row[3] === 'number' ? row[3] : 2] ?? 'normal',
    };
  });
}

/** Columns of a `getpeers` row the panel reads (uTorrent 3.x sends 22). */
const PEER = { IP: 1, PORT: 4, CLIENT: 5, PROGRESS: 7, DOWN_RATE: 8, UP_RATE: 9 } as const;

/**
 * `getpeers&hash=H` → `{"peers": [H, [[country, ip, reverse dns, utp, port, client, flags, progress ‰,
 * down B/s, up B/s, …], …]]}`, the rows of the WebUI's Peers tab; undefined when uTorrent does not know
 * the hash (`"peers": []`). An IPv6 address is bracketed so "ip:port" stays readable.
 */
export function utorrentPeers(body: unknown): TorrentPeer[] | undefined {
  const peers = (body as { peers?: unknown } | null)?.peers;
  if (!Array.isArray(peers)) throw new UnexpectedAnswer('"peers" is not an array');
  if (peers.length === 0) return undefined;
  const rows: unknown = peers[1];
  if (typeof peers[0] !== 'string' || !Array.isArray(rows))
    throw new UnexpectedAnswer('"peers" is not [hash, [rows]]');
  return rows.map((row: unknown) => {
    if (
      !Array.isArray(row) ||
      typeof row[PEER.IP] !== 'string' ||
      typeof row[PEER.PORT] !== 'number' ||
      typeof row[PEER.PROGRESS] !== 'number'
    )
      throw new UnexpectedAnswer(
        'a peer row is not [country, ip, dns, utp, port, client, flags, progress, …]',
      );
    const ip = String(row[PEER.IP]);
    const rate = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
    return {
      address: `${ip.includes(':') ? `[${ip}]` : ip}:${row[PEER.PORT] as number}`,
      client: typeof row[PEER.CLIENT] === 'string' ? String(row[PEER.CLIENT]) : '',
      progress: Math.max(0, Math.min(1, (row[PEER.PROGRESS] as number) / 1000)),
      down_rate: rate(row[PEER.DOWN_RATE]),
      up_rate: rate(row[PEER.UP_RATE]),
    };
  });
}

/**
 * `getprops&hash=H` → `{"props": [{"trackers": "url\r\n\r\nurl2\r\n", …}]}`: one announce URL a line,
 * blank lines between tiers; undefined when uTorrent does not know the hash (`"props": []`).
 *
 * The WebUI API says nothing about a tracker's announces (no status, message or counts), so the status
 * is what the torrent's own state implies: a torrent that is not started announces to none
 * ("not-contacted"); a started one announces to its trackers, shown as "working" because uTorrent
 * reports no failure the panel could show instead. Swarm counts are per torrent in uTorrent, not per
 * tracker, so they are null.
 */
export function utorrentTrackers(body: unknown, started: boolean): TorrentTracker[] | undefined {
  const props = (body as { props?: unknown } | null)?.props;
  if (!Array.isArray(props)) throw new UnexpectedAnswer('"props" is not an array');
  if (props.length === 0) return undefined;
  const trackers = (props[0] as { trackers?: unknown } | null)?.trackers;
  if (typeof trackers !== 'string') throw new UnexpectedAnswer('"props" has no "trackers" text');
  const status: TrackerStatus = started ? 'working' : 'not-contacted';
  return trackers
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((url) => ({ url, status, message: '', seeds: null, peers: null }));
}

/** The torrent's error from its status message (column 21, "Error: …" while bit 16 is set). */
export function utorrentError(errorBit: boolean, statusMessage: string): string | null {
  if (!errorBit) return null;
  return statusMessage.replace(/^Error:\s*/i, '') || 'uTorrent reports an error for this torrent.';
}
