import { SeededRandom } from '../core/random';
import { generateTorrents, Transfer, type TorrentKind, type TorrentSeed } from '../torrents';

/** tr_torrent_activity of Transmission 3.00, as `status` in torrent-get. */
export const TrStatus = {
  STOPPED: 0,
  CHECK_WAIT: 1,
  CHECK: 2,
  DOWNLOAD_WAIT: 3,
  DOWNLOAD: 4,
  SEED_WAIT: 5,
  SEED: 6,
} as const;

/** tr_stat_errtype: 1 and 2 come from the tracker, 3 from the disk. */
export const TrError = { OK: 0, TRACKER_WARNING: 1, TRACKER_ERROR: 2, LOCAL_ERROR: 3 } as const;

export interface TrFile {
  /** As Transmission names it: the torrent's folder first for a multi-file torrent. */
  name: string;
  length: number;
  /** -1 low, 0 normal, 1 high. */
  priority: number;
  wanted: boolean;
}

export interface TrPeer {
  address: string;
  port: number;
  clientName: string;
  progress: number;
  rateToClient: number;
  rateToPeer: number;
}

export interface TrTorrent {
  id: number;
  /** Lower-case hex, as Transmission answers it. */
  hashString: string;
  name: string;
  /** Started (downloading/seeding or waiting for it) or stopped; Transmission has nothing else. */
  running: boolean;
  /** Epoch ms a hash check in progress ends (status 2 until then). */
  checkUntil: number;
  queued: boolean;
  error: number;
  errorString: string;
  labels: string[];
  transfer: Transfer;
  addedDate: number;
  doneDate: number;
  downloadDir: string;
  /** False for a magnet link still waiting for its metadata (no files, size 0). */
  hasMetadata: boolean;
  magnetLink: string;
  files: TrFile[];
  peers: TrPeer[];
  trackers: string[];
  seeds: { swarm: number };
  leechers: { swarm: number };
  downloadLimit: number;
  downloadLimited: boolean;
  uploadLimit: number;
  uploadLimited: boolean;
}

export interface TrSession {
  /** kB/s, where Transmission 3.00's kB is 1000 bytes (session-get `units.speed-bytes`). */
  speedLimitDown: number;
  speedLimitDownEnabled: boolean;
  speedLimitUp: number;
  speedLimitUpEnabled: boolean;
  altSpeedDown: number;
  altSpeedUp: number;
  altSpeedEnabled: boolean;
  downloadDir: string;
  startAddedTorrents: boolean;
}

export interface TransmissionStateOptions {
  seed: number;
  torrents: number;
  labels?: string[];
  downloadDir: string;
  now: () => number;
}

const CHECK_MS = 30_000;
const CLIENTS = ['Transmission 3.00', 'qBittorrent 4.5.2', 'Deluge 2.0.3', 'libtorrent (Rasterbar) 2.0.8'];

/** The Transmission model: torrents by hash with their ids, the session's settings, removals. */
export class TransmissionState {
  readonly torrents = new Map<string, TrTorrent>();
  readonly session: TrSession;
  /** Hashes removed with `delete-local-data`, for tests. */
  readonly deletedData: string[] = [];
  /** Ids removed since start, for `ids: "recently-active"`. */
  readonly removedIds: number[] = [];
  readonly rng: SeededRandom;
  private nextId = 1;

  constructor(readonly options: TransmissionStateOptions) {
    this.rng = new SeededRandom(options.seed ^ 0x7e57);
    this.session = {
      // Transmission's defaults: 100 kB/s each, not enabled.
      speedLimitDown: 100,
      speedLimitDownEnabled: false,
      speedLimitUp: 100,
      speedLimitUpEnabled: false,
      altSpeedDown: 50,
      altSpeedUp: 50,
      altSpeedEnabled: false,
      downloadDir: options.downloadDir,
      startAddedTorrents: true,
    };
    const now = options.now();
    const seeds = generateTorrents({
      seed: options.seed,
      count: options.torrents,
      labels: options.labels,
      now,
    });
    for (const seed of seeds) this.add(this.fromSeed(seed, now));
  }

  now(): number {
    return this.options.now();
  }

  add(t: Omit<TrTorrent, 'id'>): TrTorrent {
    const torrent: TrTorrent = { ...t, id: this.nextId++ };
    this.torrents.set(torrent.hashString, torrent);
    return torrent;
  }

  remove(hash: string): boolean {
    const t = this.torrents.get(hash.toLowerCase());
    if (!t) return false;
    this.torrents.delete(t.hashString);
    this.removedIds.push(t.id);
    return true;
  }

  /** By numeric id or hash string (either case), first applying what elapsed time changed. */
  find(id: unknown, now = this.now()): TrTorrent | undefined {
    let t: TrTorrent | undefined;
    if (typeof id === 'number') t = [...this.torrents.values()].find((x) => x.id === id);
    else if (typeof id === 'string') t = this.torrents.get(id.toLowerCase());
    if (t) this.refresh(t, now);
    return t;
  }

  all(now = this.now()): TrTorrent[] {
    const list = [...this.torrents.values()];
    for (const t of list) this.refresh(t, now);
    return list;
  }

  refresh(t: TrTorrent, now: number): void {
    if (t.checkUntil && now >= t.checkUntil) {
      t.checkUntil = 0;
      t.transfer.since = Math.max(t.transfer.since, now);
      t.transfer.active = t.running && !t.queued;
    }
    const completed = t.transfer.completedDuring(now);
    if (completed !== undefined && !t.doneDate) t.doneDate = Math.floor(completed / 1000);
  }

  status(t: TrTorrent, now = this.now()): number {
    if (t.checkUntil > now) return TrStatus.CHECK;
    const complete = t.hasMetadata && t.transfer.completeAt(now);
    if (!t.running) return TrStatus.STOPPED;
    if (t.queued) return complete ? TrStatus.SEED_WAIT : TrStatus.DOWNLOAD_WAIT;
    return complete ? TrStatus.SEED : TrStatus.DOWNLOAD;
  }

  setRunning(t: TrTorrent, running: boolean, now = this.now()): void {
    t.running = running;
    if (!running) t.queued = false;
    // A local error ("No data found!") clears when the torrent is started again; it then rechecks.
    if (running && t.error === 3) {
      t.error = 0;
      t.errorString = '';
    }
    t.transfer.setActive(now, running && !t.queued && t.checkUntil <= now);
  }

  private fromSeed(seed: TorrentSeed, now: number): Omit<TrTorrent, 'id'> {
    const running = ['downloading', 'seeding', 'queued', 'checking'].includes(seed.kind);
    const queued = seed.kind === 'queued';
    const checking = seed.kind === 'checking';
    const tracker = `https://${['tracker.example.org', 'open.tracker.test', 'tv.tracker.test'][seed.phase % 3]}/announce`;
    return {
      hashString: seed.hash.toLowerCase(),
      name: seed.name,
      running,
      checkUntil: checking ? now + CHECK_MS : 0,
      queued,
      ...errorFor(seed.kind),
      labels: seed.label ? [seed.label] : [],
      transfer: new Transfer(
        seed.size,
        seed.done,
        seed.uploaded,
        seed.downRate,
        seed.upRate,
        now,
        running && !queued && !checking && seed.kind !== 'error',
        seed.phase,
      ),
      addedDate: seed.addedAt,
      doneDate: seed.completedAt,
      downloadDir: this.options.downloadDir,
      hasMetadata: true,
      magnetLink: `magnet:?xt=urn:btih:${seed.hash.toLowerCase()}&dn=${encodeURIComponent(seed.name)}`,
      files: seed.files.map((f) => ({ name: f.path, length: f.size, priority: 0, wanted: true })),
      peers: running ? this.peersFor(seed.peers.connected) : [],
      trackers: [tracker],
      seeds: { swarm: seed.seeds.swarm },
      leechers: { swarm: seed.peers.swarm },
      downloadLimit: 100,
      downloadLimited: false,
      uploadLimit: 100,
      uploadLimited: false,
    };
  }

  private peersFor(count: number): TrPeer[] {
    return Array.from({ length: Math.min(count, 5) }, (_, i) => ({
      address: `10.0.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`,
      port: 51413 + i,
      clientName: this.rng.pick(CLIENTS),
      progress: Math.round(this.rng.next() * 1000) / 1000,
      rateToClient: this.rng.int(0, 500) * 1000,
      rateToPeer: this.rng.int(0, 200) * 1000,
    }));
  }

  /** A torrent added at run time (torrent-add), started unless `paused`. */
  added(meta: {
    hash: string;
    name: string;
    files: { path: string; size: number }[];
    hasMetadata: boolean;
    trackers: string[];
    paused: boolean;
    downloadDir?: string;
  }): Omit<TrTorrent, 'id'> {
    const now = this.now();
    const size = meta.files.reduce((sum, f) => sum + f.size, 0);
    // Nothing to download from on loopback: a real daemon without peers stays at 0 B/s.
    return {
      hashString: meta.hash.toLowerCase(),
      name: meta.name,
      running: !meta.paused,
      checkUntil: 0,
      queued: false,
      error: 0,
      errorString: '',
      labels: [],
      transfer: new Transfer(size, 0, 0, 0, 0, now, !meta.paused, this.rng.int(0, 1_000_000)),
      addedDate: Math.floor(now / 1000),
      doneDate: 0,
      downloadDir: meta.downloadDir ?? this.session.downloadDir,
      hasMetadata: meta.hasMetadata,
      magnetLink: `magnet:?xt=urn:btih:${meta.hash.toLowerCase()}&dn=${encodeURIComponent(meta.name)}`,
      files: meta.files.map((f) => ({ name: f.path, length: f.size, priority: 0, wanted: true })),
      peers: [],
      trackers: meta.trackers,
      seeds: { swarm: -1 },
      leechers: { swarm: -1 },
      downloadLimit: 100,
      downloadLimited: false,
      uploadLimit: 100,
      uploadLimited: false,
    };
  }
}

function errorFor(kind: TorrentKind): { error: number; errorString: string } {
  if (kind !== 'error') return { error: 0, errorString: '' };
  // The message Transmission 3.00 shows when a torrent's data went missing.
  return {
    error: TrError.LOCAL_ERROR,
    errorString:
      'No data found! Ensure your drives are connected or use "Set Location". To re-download, remove the torrent and re-add it.',
  };
}

export { CHECK_MS };
