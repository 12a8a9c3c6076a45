import { createHash } from 'node:crypto';
import { SeededRandom } from '../core/random';
import { generateTorrents, Transfer, type TorrentSeed } from '../torrents';

/** Deluge 2.0.3's torrent states (Torrent.update_state); the simulator never shows Allocating or Moving. */
export type DelugeStateName = 'Downloading' | 'Seeding' | 'Paused' | 'Checking' | 'Queued' | 'Error';

/** Per-file priority as `file_priorities` answers it: 0 skip, 1 low, 4 normal, 7 high. */
export const FILE_PRIORITY = { SKIP: 0, LOW: 1, NORMAL: 4, HIGH: 7 } as const;

export interface DePeer {
  client: string;
  ip: string;
  /** 0..1 */
  progress: number;
  seed: boolean;
  downSpeed: number;
  upSpeed: number;
}

export interface DeTorrent {
  /** 40 lower-case hex characters: Deluge keys its torrents by the lower-case id only. */
  hash: string;
  name: string;
  /** Paths as `files` answers them: a multi-file torrent's own folder first. */
  files: { path: string; size: number }[];
  filePriorities: number[];
  paused: boolean;
  queued: boolean;
  /** Epoch ms a hash check in progress ends ("Checking" until then). */
  checkUntil: number;
  /** A forced error's message ("Error" state); '' = none. */
  error: string;
  label: string;
  transfer: Transfer;
  /** Epoch seconds. */
  timeAdded: number;
  completedTime: number;
  savePath: string;
  trackers: string[];
  /** Set once a tracker answered; '' before, as `tracker` is until the first announce. */
  tracker: string;
  trackerStatus: string;
  hasMetadata: boolean;
  peers: DePeer[];
  seeds: number;
  swarmPeers: number;
  /** KiB/s, -1 = unlimited. */
  maxDownloadSpeed: number;
  maxUploadSpeed: number;
}

export interface DelugeConfig {
  /** KiB/s as floats, -1.0 = unlimited (core.conf). */
  max_download_speed: number;
  max_upload_speed: number;
  max_connections_global: number;
  download_location: string;
  add_paused: boolean;
  dht: boolean;
  [key: string]: unknown;
}

export interface DelugeStateOptions {
  seed: number;
  torrents: number;
  labels?: string[];
  downloadDir: string;
  now: () => number;
}

export const CHECK_MS = 30_000;
const CLIENTS = ['Deluge 2.0.3', 'qBittorrent 4.5.2', 'Transmission 3.00', 'libtorrent (Rasterbar) 2.0.8'];

/** The Label plugin's rule: lower-cased, then only these characters. */
export const LABEL_PATTERN = /^[a-z0-9_-]+$/;

/** The daemon's model: torrents by lower-case hash, core.conf values, the Label plugin's labels. */
export class DelugeState {
  readonly torrents = new Map<string, DeTorrent>();
  readonly config: DelugeConfig;
  readonly labels = new Set<string>();
  /** Hashes removed with their data, for tests. */
  readonly deletedData: string[] = [];
  readonly rng: SeededRandom;

  constructor(readonly options: DelugeStateOptions) {
    this.rng = new SeededRandom(options.seed ^ 0xde1);
    this.config = {
      max_download_speed: -1,
      max_upload_speed: -1,
      max_connections_global: 200,
      download_location: options.downloadDir,
      add_paused: false,
      dht: false,
      max_active_downloading: 3,
      max_active_seeding: 5,
      listen_ports: [6881, 6891],
    };
    const now = options.now();
    for (const seed of generateTorrents({
      seed: options.seed,
      count: options.torrents,
      labels: options.labels,
      now,
    }))
      this.put(this.fromSeed(seed, now));
  }

  now(): number {
    return this.options.now();
  }

  put(t: DeTorrent): DeTorrent {
    this.torrents.set(t.hash, t);
    if (t.label) this.labels.add(t.label);
    return t;
  }

  /** By id exactly as given: an upper-case hash is not found, as in Deluge. */
  find(id: unknown, now = this.now()): DeTorrent | undefined {
    const t = typeof id === 'string' ? this.torrents.get(id) : undefined;
    if (t) this.refresh(t, now);
    return t;
  }

  all(now = this.now()): DeTorrent[] {
    const list = [...this.torrents.values()];
    for (const t of list) this.refresh(t, now);
    return list;
  }

  /** The 0-based queue position of an unfinished torrent, -1 for a finished one. */
  queuePosition(t: DeTorrent, now = this.now()): number {
    if (this.complete(t, now)) return -1;
    let i = 0;
    for (const other of this.torrents.values()) {
      if (other === t) return i;
      if (!this.complete(other, now)) i++;
    }
    return i;
  }

  refresh(t: DeTorrent, now: number): void {
    if (t.checkUntil && now >= t.checkUntil) {
      t.checkUntil = 0;
      t.transfer.setActive(now, !t.paused && !t.queued && !t.error);
    }
    const completed = t.transfer.completedDuring(now);
    if (completed !== undefined && !t.completedTime) t.completedTime = Math.floor(completed / 1000);
  }

  complete(t: DeTorrent, now = this.now()): boolean {
    return t.hasMetadata && t.transfer.completeAt(now);
  }

  stateOf(t: DeTorrent, now = this.now()): DelugeStateName {
    if (t.error) return 'Error';
    if (t.checkUntil > now) return 'Checking';
    if (t.paused) return 'Paused';
    if (t.queued) return 'Queued';
    return this.complete(t, now) ? 'Seeding' : 'Downloading';
  }

  setPaused(t: DeTorrent, paused: boolean, now = this.now()): void {
    t.paused = paused;
    if (!paused) {
      // Resuming clears a forced error (Deluge drops forced_error on resume) and leaves the queue.
      t.error = '';
      t.queued = false;
    }
    t.transfer.setActive(now, !paused && t.checkUntil <= now);
  }

  /** A torrent added at run time (core.add_torrent_*). */
  added(meta: {
    hash: string;
    name: string;
    files: { path: string; size: number }[];
    hasMetadata: boolean;
    trackers: string[];
    paused: boolean;
    savePath?: string;
  }): DeTorrent {
    const now = this.now();
    const size = meta.files.reduce((sum, f) => sum + f.size, 0);
    // Nothing to download from on loopback: a real daemon without peers stays at 0 B/s.
    return {
      hash: meta.hash.toLowerCase(),
      name: meta.name,
      files: meta.files,
      filePriorities: meta.files.map(() => FILE_PRIORITY.NORMAL),
      paused: meta.paused,
      queued: false,
      checkUntil: 0,
      error: '',
      label: '',
      transfer: new Transfer(size, 0, 0, 0, 0, now, !meta.paused, this.rng.int(0, 1_000_000)),
      timeAdded: Math.floor(now / 1000),
      completedTime: 0,
      savePath: meta.savePath ?? this.config.download_location,
      trackers: meta.trackers,
      tracker: '',
      trackerStatus: '',
      hasMetadata: meta.hasMetadata,
      peers: [],
      seeds: -1,
      swarmPeers: -1,
      maxDownloadSpeed: -1,
      maxUploadSpeed: -1,
    };
  }

  private fromSeed(seed: TorrentSeed, now: number): DeTorrent {
    const paused = ['paused', 'stopped', 'finished'].includes(seed.kind);
    const queued = seed.kind === 'queued';
    const checking = seed.kind === 'checking';
    const host = ['tracker.example.org', 'open.tracker.test', 'tv.tracker.test'][seed.phase % 3];
    const running = !paused && seed.kind !== 'error';
    return {
      hash: seed.hash.toLowerCase(),
      name: seed.name,
      files: seed.files,
      filePriorities: seed.files.map(() => FILE_PRIORITY.NORMAL),
      paused,
      queued,
      checkUntil: checking ? now + CHECK_MS : 0,
      // What Deluge shows when a torrent's data went missing.
      error: seed.kind === 'error' ? 'Missing or invalid torrent data!' : '',
      label: seed.label.toLowerCase(),
      transfer: new Transfer(
        seed.size,
        seed.done,
        seed.uploaded,
        seed.downRate,
        seed.upRate,
        now,
        running && !queued && !checking,
        seed.phase,
      ),
      timeAdded: seed.addedAt,
      completedTime: seed.completedAt,
      savePath: this.options.downloadDir,
      trackers: [`https://${host}/announce`],
      tracker: running ? `https://${host}/announce` : '',
      trackerStatus: running ? 'Announce OK' : '',
      hasMetadata: true,
      peers: running ? this.peersFor(seed.peers.connected) : [],
      seeds: seed.seeds.swarm,
      swarmPeers: seed.peers.swarm,
      maxDownloadSpeed: -1,
      maxUploadSpeed: -1,
    };
  }

  private peersFor(count: number): DePeer[] {
    return Array.from({ length: Math.min(count, 5) }, (_, i) => ({
      client: this.rng.pick(CLIENTS),
      ip: `10.0.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}:${51413 + i}`,
      progress: Math.round(this.rng.next() * 1000) / 1000,
      seed: this.rng.chance(0.3),
      downSpeed: this.rng.int(0, 500) * 1024,
      upSpeed: this.rng.int(0, 200) * 1024,
    }));
  }
}

/** deluge-web's session cookie: sha256 hex of random bytes followed by the sum of its char codes. */
export function makeSessionCookie(rng: SeededRandom): { id: string; cookie: string } {
  const id = createHash('sha256').update(rng.hex(64)).digest('hex');
  let checksum = 0;
  for (const ch of id) checksum += ch.charCodeAt(0);
  return { id, cookie: `${id}${checksum}` };
}

/** The session id inside a cookie value, when its checksum (the last 4 digits) is right. */
export function sessionIdOf(cookie: string): string | undefined {
  const id = cookie.slice(0, -4);
  let checksum = 0;
  for (const ch of id) checksum += ch.charCodeAt(0);
  return cookie.length > 4 && String(checksum) === cookie.slice(-4) ? id : undefined;
}
