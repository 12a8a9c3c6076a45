import type { QbittorrentState, QbTorrent } from './qbittorrent.state';

/** qBittorrent's "∞" for an ETA (100 days in seconds). */
export const ETA_INFINITY = 8_640_000;

const dir = (t: QbTorrent) => t.savePath.replace(/\/+$/, '');

/** The data's path: the file of a single-file torrent, the root folder of a multi-file one. */
export function contentPath(t: QbTorrent): string {
  if (!t.hasMetadata) return '';
  const first = t.files[0]?.path ?? t.name;
  return `${dir(t)}/${t.multiFile ? first.split('/')[0] : first}`;
}

/** The URL `tracker` shows: "" until the first announce has been answered. */
function currentTracker(t: QbTorrent, now: number): string {
  if (!t.announceAt || now < t.announceAt) return '';
  return t.trackers.find((tr) => tr.status === 2)?.url ?? '';
}

/** One `torrents/info` row (every key of 4.5.2's, in its order; `hash` is left out of sync rows). */
export function infoRow(state: QbittorrentState, t: QbTorrent, now: number): Record<string, unknown> {
  const st = state.stateOf(t, now);
  const size = t.hasMetadata ? t.size : 0;
  const done = t.hasMetadata ? t.transfer.doneAt(now) : 0;
  const uploaded = t.transfer.uploadedAt(now);
  const moving = !t.paused && !t.fault && !t.queued && !t.checkUntil && t.hasMetadata;
  const rates = moving ? t.transfer.ratesAt(now) : { down: 0, up: 0 };
  const eta = t.transfer.etaAt(now);
  const seeds = t.trackers[0]?.seeds ?? 0;
  const leechs = t.trackers[0]?.peers ?? 0;
  return {
    added_on: t.addedOn,
    amount_left: Math.max(0, size - done),
    auto_tmm: false,
    availability: moving ? 1 : -1,
    category: t.category,
    completed: done,
    completion_on: t.completionOn,
    content_path: contentPath(t),
    dl_limit: t.dlLimit,
    dlspeed: rates.down,
    download_path: '',
    downloaded: done,
    downloaded_session: 0,
    eta: done >= size && t.hasMetadata ? ETA_INFINITY : eta < 0 || !moving ? ETA_INFINITY : eta,
    f_l_piece_prio: false,
    force_start: t.forced,
    hash: t.hash,
    infohash_v1: t.hash,
    infohash_v2: '',
    last_activity: Math.floor(now / 1000),
    magnet_uri: t.magnetUri,
    max_ratio: -1,
    max_seeding_time: -1,
    name: t.name,
    num_complete: seeds,
    num_incomplete: leechs,
    num_leechs: moving ? Math.min(leechs, t.peers.length) : 0,
    num_seeds: moving ? Math.min(seeds, t.peers.filter((p) => p.progress >= 1).length) : 0,
    priority: 0,
    progress: size > 0 ? done / size : st === 'metaDL' ? 0 : 1,
    ratio: done > 0 ? uploaded / done : 0,
    ratio_limit: -2,
    save_path: dir(t),
    seeding_time: 0,
    seeding_time_limit: -2,
    seen_complete: 0,
    seq_dl: false,
    size,
    state: st,
    super_seeding: false,
    tags: t.tags.join(', '),
    time_active: Math.max(0, Math.floor(now / 1000) - t.addedOn),
    total_size: t.hasMetadata ? t.size : -1,
    tracker: currentTracker(t, now),
    trackers_count: t.trackers.length,
    up_limit: t.upLimit,
    uploaded,
    uploaded_session: 0,
    upspeed: rates.up,
  };
}

/** `torrents/properties`: per-torrent limits are -1 when unlimited here (0 in the list). */
export function propertiesOf(state: QbittorrentState, t: QbTorrent, now: number): Record<string, unknown> {
  const row = infoRow(state, t, now);
  const pieceSize = t.pieceSize;
  const pieces = Math.ceil(t.size / pieceSize);
  const done = Number(row.completed);
  return {
    addition_date: t.addedOn,
    comment: '',
    completion_date: t.completionOn || -1,
    created_by: '',
    creation_date: 0,
    dl_limit: t.dlLimit || -1,
    dl_speed: row.dlspeed,
    dl_speed_avg: row.dlspeed,
    download_path: '',
    eta: row.eta,
    hash: t.hash,
    infohash_v1: t.hash,
    infohash_v2: '',
    is_private: false,
    last_seen: -1,
    name: t.name,
    nb_connections: t.peers.length,
    nb_connections_limit: 100,
    peers: row.num_leechs,
    peers_total: row.num_incomplete,
    piece_size: t.hasMetadata ? pieceSize : -1,
    pieces_have: t.size ? Math.floor((done / t.size) * pieces) : 0,
    pieces_num: t.hasMetadata ? pieces : -1,
    reannounce: 0,
    save_path: String(row.save_path),
    seeding_time: 0,
    seeds: row.num_seeds,
    seeds_total: row.num_complete,
    share_ratio: row.ratio,
    time_elapsed: row.time_active,
    total_downloaded: done,
    total_downloaded_session: 0,
    total_size: t.hasMetadata ? t.size : -1,
    total_uploaded: row.uploaded,
    total_uploaded_session: 0,
    total_wasted: 0,
    up_limit: t.upLimit || -1,
    up_speed: row.upspeed,
    up_speed_avg: row.upspeed,
  };
}

/** `torrents/trackers`: the DHT, PeX and LSD pseudo-rows first (status 0 while they are off). */
export function trackersOf(t: QbTorrent, now: number): Record<string, unknown>[] {
  const pseudo = ['** [DHT] **', '** [PeX] **', '** [LSD] **'].map((url) => ({
    msg: '',
    num_downloaded: 0,
    num_leeches: 0,
    num_peers: 0,
    num_seeds: 0,
    status: 0,
    tier: -1,
    url,
  }));
  const announced = t.announceAt > 0 && now >= t.announceAt;
  return [
    ...pseudo,
    ...t.trackers.map((tr, tier) => {
      const status = announced ? tr.status : 1;
      const known = announced && status === 2;
      return {
        msg: announced ? tr.msg : '',
        num_downloaded: known ? 0 : -1,
        num_leeches: known ? tr.peers : -1,
        num_peers: known ? Math.min(tr.peers, t.peers.length) : -1,
        num_seeds: known ? tr.seeds : -1,
        status,
        tier,
        url: tr.url,
      };
    }),
  ];
}

/** `torrents/files`: priority 1 normal (0 skip, 6 high, 7 maximal). */
export function filesOf(t: QbTorrent, now: number): Record<string, unknown>[] {
  const done = t.transfer.doneAt(now);
  let offset = 0;
  return t.files.map((f, index) => {
    const start = offset;
    offset += f.size;
    const have = Math.max(0, Math.min(f.size, done - start));
    return {
      availability: -1,
      index,
      is_seed: done >= t.size,
      name: f.path,
      piece_range: [Math.floor(start / t.pieceSize), Math.max(0, Math.ceil(offset / t.pieceSize) - 1)],
      priority: 1,
      progress: f.size ? have / f.size : 1,
      size: f.size,
    };
  });
}

/** `sync/torrentPeers` peers, keyed "ip:port". */
export function peersOf(t: QbTorrent): Record<string, Record<string, unknown>> {
  const active = !t.paused && !t.fault && !t.queued;
  const out: Record<string, Record<string, unknown>> = {};
  for (const p of active ? t.peers : []) {
    out[`${p.ip}:${p.port}`] = {
      client: p.client,
      connection: 'BT',
      country: '',
      country_code: '',
      dl_speed: p.dlSpeed,
      downloaded: 0,
      files: '',
      flags: 'D U',
      flags_desc:
        'D = Currently downloading (interested and not choked)\nU = Currently uploading (interested and not choked)',
      ip: p.ip,
      port: p.port,
      progress: p.progress,
      relevance: 0,
      up_speed: p.upSpeed,
      uploaded: 0,
    };
  }
  return out;
}
