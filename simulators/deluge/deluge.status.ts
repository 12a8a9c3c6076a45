import type { DelugeState, DeTorrent } from './deluge.state';

type Key = (t: DeTorrent, now: number, state: DelugeState) => unknown;

const size = (t: DeTorrent) => (t.hasMetadata ? t.transfer.size : 0);
const done = (t: DeTorrent, now: number) => (t.hasMetadata ? t.transfer.doneAt(now) : 0);

function rates(t: DeTorrent, now: number, state: DelugeState): { down: number; up: number } {
  const s = state.stateOf(t, now);
  return s === 'Downloading' || s === 'Seeding' ? t.transfer.ratesAt(now) : { down: 0, up: 0 };
}

/** Torrent.get_ratio: uploaded over total_done, -1.0 while nothing is done. */
function ratio(t: DeTorrent, now: number): number {
  const d = done(t, now);
  return d > 0 ? t.transfer.uploadedAt(now) / d : -1;
}

/** Torrent.get_eta: 0 unless downloading; capped at a year, beyond it -1. */
function eta(t: DeTorrent, now: number, state: DelugeState): number {
  const down = rates(t, now, state).down;
  const left = size(t) - done(t, now);
  if (!down || left <= 0) return 0;
  const value = Math.floor(left / down);
  return value < 31557600 ? value : -1;
}

/** Torrent.get_tracker_host: the current tracker, else the first; an IP stays whole, a name loses its subdomains. */
export function trackerHost(t: DeTorrent): string {
  const url = t.tracker || t.trackers[0];
  if (!url) return '';
  let host: string;
  try {
    host = new URL(url.replace('udp://', 'http://')).hostname || 'DHT';
  } catch {
    return '';
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  const parts = host.split('.');
  if (parts.length <= 2) return host;
  const keep = ['co', 'com', 'net', 'org'].includes(parts[parts.length - 2]) || parts.at(-1) === 'uk' ? 3 : 2;
  return parts.slice(-keep).join('.');
}

function fileProgress(t: DeTorrent, now: number): number[] {
  let left = done(t, now);
  return t.files.map((f) => {
    const got = Math.min(left, f.size);
    left -= got;
    return f.size ? got / f.size : 0;
  });
}

/** The status keys the simulator computes (Torrent._create_status_funcs plus the Label plugin's `label`). */
export const STATUS_KEYS: Record<string, Key> = {
  active_time: (t, now) => Math.max(0, Math.floor(now / 1000) - t.timeAdded),
  all_time_download: done,
  auto_managed: (t) => t.queued,
  comment: () => '',
  completed_time: (t) => t.completedTime,
  distributed_copies: () => 0,
  download_location: (t) => t.savePath,
  download_payload_rate: (t, now, s) => rates(t, now, s).down,
  eta,
  file_priorities: (t) => (t.hasMetadata ? [...t.filePriorities] : []),
  file_progress: (t, now) => (t.hasMetadata ? fileProgress(t, now) : []),
  files: (t) => {
    let offset = 0;
    return t.hasMetadata
      ? t.files.map((f, index) => {
          const entry = { index, path: f.path, size: f.size, offset };
          offset += f.size;
          return entry;
        })
      : [];
  },
  hash: (t) => t.hash,
  is_finished: (t, now, s) => s.complete(t, now),
  is_seed: (t, now, s) => s.complete(t, now),
  label: (t) => t.label,
  max_connections: () => -1,
  max_download_speed: (t) => t.maxDownloadSpeed,
  max_upload_slots: () => -1,
  max_upload_speed: (t) => t.maxUploadSpeed,
  message: (t) => t.error || 'OK',
  move_completed: () => false,
  move_completed_path: (t) => t.savePath,
  name: (t) => t.name,
  num_files: (t) => (t.hasMetadata ? t.files.length : 0),
  num_peers: (t, now, s) =>
    rates(t, now, s).down + rates(t, now, s).up > 0 ? t.peers.filter((p) => !p.seed).length : 0,
  num_seeds: (t, now, s) => (rates(t, now, s).down > 0 ? t.peers.filter((p) => p.seed).length : 0),
  owner: () => 'localclient',
  paused: (t) => t.paused,
  peers: (t, now, s) =>
    ['Downloading', 'Seeding'].includes(s.stateOf(t, now))
      ? t.peers.map((p) => ({
          client: p.client,
          country: '',
          down_speed: p.downSpeed,
          ip: p.ip,
          progress: p.progress,
          // libtorrent's peer flag bit, not a boolean, in 2.0.3's answer.
          seed: p.seed ? 1024 : 0,
          up_speed: p.upSpeed,
        }))
      : [],
  piece_length: () => 262144,
  private: () => false,
  progress: (t, now) => (size(t) ? (done(t, now) / size(t)) * 100 : 0),
  queue: (t, now, s) => s.queuePosition(t, now),
  ratio,
  save_path: (t) => t.savePath,
  seeding_time: (t, now, s) =>
    s.complete(t, now) ? Math.max(0, Math.floor(now / 1000) - t.completedTime) : 0,
  state: (t, now, s) => s.stateOf(t, now),
  stop_at_ratio: () => false,
  stop_ratio: () => 2,
  time_added: (t) => t.timeAdded,
  total_done: done,
  total_payload_download: () => 0,
  total_payload_upload: () => 0,
  total_peers: (t) => t.swarmPeers,
  total_remaining: (t, now) => size(t) - done(t, now),
  total_seeds: (t) => t.seeds,
  total_size: size,
  total_uploaded: (t, now) => t.transfer.uploadedAt(now),
  total_wanted: (t) =>
    t.hasMetadata ? t.files.reduce((sum, f, i) => sum + (t.filePriorities[i] ? f.size : 0), 0) : 0,
  tracker: (t) => t.tracker,
  upload_payload_rate: (t, now, s) => rates(t, now, s).up,
  tracker_host: trackerHost,
  tracker_status: (t) => t.trackerStatus,
  trackers: (t) =>
    t.trackers.map((url, tier) => ({
      url,
      trackerid: '',
      tier,
      fail_limit: 0,
      source: 1,
      verified: t.tracker === url,
      message: '',
      scrape_incomplete: t.tracker === url ? t.swarmPeers : -1,
      scrape_complete: t.tracker === url ? t.seeds : -1,
      scrape_downloaded: -1,
      fails: 0,
      updating: false,
    })),
};

/** One torrent's status for `keys`; an empty list means every key, an unknown key is left out (as 2.0.3 does). */
export function torrentStatus(
  t: DeTorrent,
  keys: readonly string[],
  now: number,
  state: DelugeState,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys.length ? keys : Object.keys(STATUS_KEYS)) {
    const fn = STATUS_KEYS[key];
    if (fn) out[key] = fn(t, now, state);
  }
  return out;
}
