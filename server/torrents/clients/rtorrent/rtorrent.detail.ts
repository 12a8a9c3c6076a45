import { UnexpectedAnswer } from '../../../upstream/unexpected-answer';
import type { FilePriority, TorrentDetail, TrackerStatus } from '../../torrent.types';
import { asNumber, asString, rtorrentError } from './rtorrent.mapper';
import type { XmlRpcValue } from './xmlrpc';

/** The f.multicall columns of the detail view, in order. */
export const FILE_FIELDS = [
  'f.path=',
  'f.size_bytes=',
  'f.completed_chunks=',
  'f.size_chunks=',
  'f.priority=',
];
/** The p.multicall columns of the detail view, in order. */
export const PEER_FIELDS = [
  'p.address=',
  'p.port=',
  'p.client_version=',
  'p.completed_percent=',
  'p.down_rate=',
  'p.up_rate=',
];
/**
 * The t.multicall columns of the detail view, in order. rtorrent 0.9.8 has no per-tracker message
 * (no t.message); a failed announce shows in the download's d.message instead.
 */
export const TRACKER_FIELDS = [
  't.url=',
  't.is_enabled=',
  't.is_busy=',
  't.success_counter=',
  't.failed_counter=',
  't.scrape_complete=',
  't.scrape_incomplete=',
  't.scrape_time_last=',
];

const FILE_PRIORITY: Record<number, FilePriority> = { 0: 'skip', 1: 'normal', 2: 'high' };

function rows(value: XmlRpcValue, what: string, columns: number): XmlRpcValue[][] {
  if (!Array.isArray(value)) throw new UnexpectedAnswer(`${what} did not answer a list`);
  return value.map((row) => {
    if (!Array.isArray(row) || row.length !== columns)
      throw new UnexpectedAnswer(`a ${what} row does not have ${columns} columns`);
    return row;
  });
}

/** What detail reads in one system.multicall, before mapping. */
export interface RtDetailAnswer {
  hash: string;
  name: string;
  multiFile: boolean;
  message: string;
  savePath: string;
  files: XmlRpcValue;
  peers: XmlRpcValue;
  trackers: XmlRpcValue;
}

/**
 * Files (priority 0 off, 1 normal, 2 high; progress from chunks, so a chunk shared with the next
 * file counts for both), peers and trackers of one download. Multi-file paths get the torrent's
 * folder in front, as the other clients report them. A tracker is disabled, busy (updating), failed
 * (its last announce failed: rtorrent resets the failure count on success), working, or never contacted;
 * swarm counts are known only once a tracker answered with them (t.scrape_time_last set).
 */
export function rtorrentDetail(a: RtDetailAnswer): TorrentDetail {
  const error = rtorrentError(a.message);
  const trackerFailure = /^Tracker: \[(.*)\]$/.exec(a.message)?.[1] ?? '';
  const n = (v: XmlRpcValue, what: string) => asNumber(v, what);
  const s = (v: XmlRpcValue, what: string) => asString(v, what);
  return {
    hash: a.hash,
    save_path: a.savePath,
    error,
    files: rows(a.files, 'f.multicall', FILE_FIELDS.length).map(([path, size, done, chunks, priority]) => {
      const total = n(chunks, 'f.size_chunks');
      const bytes = n(size, 'f.size_bytes');
      return {
        path: a.multiFile ? `${a.name}/${s(path, 'f.path')}` : s(path, 'f.path'),
        size: bytes,
        progress: total > 0 ? Math.min(1, n(done, 'f.completed_chunks') / total) : bytes === 0 ? 1 : 0,
        priority: FILE_PRIORITY[n(priority, 'f.priority')] ?? 'normal',
      };
    }),
    peers: rows(a.peers, 'p.multicall', PEER_FIELDS.length).map(([ip, port, client, pct, down, up]) => {
      const address = s(ip, 'p.address');
      return {
        address: `${address.includes(':') ? `[${address}]` : address}:${n(port, 'p.port')}`,
        client: s(client, 'p.client_version'),
        progress: Math.max(0, Math.min(1, n(pct, 'p.completed_percent') / 100)),
        down_rate: n(down, 'p.down_rate'),
        up_rate: n(up, 'p.up_rate'),
      };
    }),
    trackers: rows(a.trackers, 't.multicall', TRACKER_FIELDS.length).map(
      ([url, enabled, busy, success, failed, complete, incomplete, scraped]) => {
        const status: TrackerStatus =
          n(enabled, 't.is_enabled') === 0
            ? 'disabled'
            : n(busy, 't.is_busy') !== 0
              ? 'updating'
              : n(failed, 't.failed_counter') > 0
                ? 'error'
                : n(success, 't.success_counter') > 0
                  ? 'working'
                  : 'not-contacted';
        const known = n(scraped, 't.scrape_time_last') > 0;
        return {
          url: s(url, 't.url'),
          status,
          message: status === 'error' ? trackerFailure : '',
          seeds: known ? n(complete, 't.scrape_complete') : null,
          peers: known ? n(incomplete, 't.scrape_incomplete') : null,
        };
      },
    ),
  };
}
