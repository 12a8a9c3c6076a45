import { SeededRandom } from '../core/random';
import { generateTorrents, Transfer, type TorrentKind, type TorrentSeed } from '../torrents';

/** qBittorrent 4.5's `state` strings (WebUI API 2.8.19). */
export type QbState =
  | 'error'
  | 'missingFiles'
  | 'uploading'
  | 'pausedUP'
  | 'queuedUP'
  | 'stalledUP'
  | 'checkingUP'
  | 'forcedUP'
  | 'downloading'
  | 'metaDL'
  | 'pausedDL'
  | 'queuedDL'
  | 'stalledDL'
  | 'checkingDL'
  | 'forcedDL';

export interface QbTracker {
  url: string;
  /** 0 disabled, 1 not contacted, 2 working, 3 updating, 4 not working. */
  status: number;
  msg: string;
  seeds: number;
  peers: number;
}

export interface QbPeer {
  ip: string;
  port: number;
  client: string;
  progress: number;
  dlSpeed: number;
  upSpeed: number;
}

/** The piece size of generated torrents and of those fetched from a URL. */
export const PIECE_SIZE = 16384;

export interface QbTorrent {
  /** Lower-case hex, as qBittorrent writes it. */
  hash: string;
  name: string;
  category: string;
  tags: string[];
  /** Bytes/s; 0 = unlimited. */
  dlLimit: number;
  upLimit: number;
  paused: boolean;
  forced: boolean;
  queued: boolean;
  /** 'error' or 'missingFiles' while the torrent is in error. */
  fault: '' | 'error' | 'missingFiles';
  /** A magnet whose metadata never arrives (DHT is off): metaDL, size 0, total_size -1. */
  hasMetadata: boolean;
  savePath: string;
  multiFile: boolean;
  files: { path: string; size: number }[];
  size: number;
  /** Bytes per piece: the .torrent's own for an uploaded file (torrents/files' piece_range counts them). */
  pieceSize: number;
  transfer: Transfer;
  addedOn: number;
  completionOn: number;
  /** Epoch ms a hash check ends (0: not checking). */
  checkUntil: number;
  trackers: QbTracker[];
  /** Epoch ms of the first announce: `tracker` stays "" until then (0: never, a trackerless torrent). */
  announceAt: number;
  peers: QbPeer[];
  magnetUri: string;
}

/** `speedLimitsMode` 0 / 1 and the global limits in bytes/s (0 = unlimited). */
export interface QbLimits {
  dl: number;
  up: number;
  altDl: number;
  altUp: number;
  alt: boolean;
}

const CHECK_MS = 30_000;
const CLIENTS = [
  'qBittorrent/4.5.2',
  'Transmission 3.00',
  'Deluge 2.0.3',
  'libtorrent/2.0.8',
  'µTorrent 3.5.5',
];

/**
 * qBittorrent keeps speed limits in whole KiB/s: any positive value is floored to a multiple of 1024
 * with 1024 as the least (100 → 1024, 2047 → 1024), and 0 or less means unlimited (verified on 4.5.2).
 */
export function roundLimit(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes <= 0) return 0;
  return Math.max(1, Math.floor(bytes / 1024)) * 1024;
}

export interface QbStateOptions {
  seed: number;
  torrents: number;
  labels?: string[];
  downloadDir: string;
  now: () => number;
}

/** The session: torrents by hash (in add order), categories, tags and global limits. */
export class QbittorrentState {
  readonly torrents = new Map<string, QbTorrent>();
  readonly categories = new Map<string, { name: string; savePath: string }>();
  readonly tags = new Set<string>();
  limits: QbLimits = { dl: 0, up: 0, altDl: 10240, altUp: 10240, alt: false };
  /** Hashes removed with deleteFiles=true, for tests. */
  readonly deletedData: string[] = [];
  readonly rng: SeededRandom;

  constructor(readonly options: QbStateOptions) {
    this.rng = new SeededRandom(options.seed ^ 0x0b17);
    const now = options.now();
    for (const seed of generateTorrents({
      seed: options.seed,
      count: options.torrents,
      labels: options.labels,
      now,
    })) {
      const t = this.fromSeed(seed, now);
      if (t.category) this.ensureCategory(t.category);
      this.torrents.set(t.hash, t);
    }
  }

  now(): number {
    return this.options.now();
  }

  get(hash: string): QbTorrent | undefined {
    return this.torrents.get(hash.toLowerCase());
  }

  ensureCategory(name: string): void {
    if (!this.categories.has(name)) this.categories.set(name, { name, savePath: '' });
  }

  /** The state qBittorrent reports now (a hash check ends by itself). */
  stateOf(t: QbTorrent, now = this.now()): QbState {
    if (t.checkUntil && now >= t.checkUntil) {
      t.checkUntil = 0;
      t.transfer.since = Math.max(t.transfer.since, now);
      t.transfer.active = !t.paused && !t.queued && !t.fault;
    }
    const complete = t.hasMetadata && t.transfer.completeAt(now);
    if (complete && !t.completionOn) {
      t.completionOn = Math.floor((t.transfer.completedDuring(now) ?? now) / 1000);
    }
    if (t.fault) return t.fault;
    if (t.paused) return complete ? 'pausedUP' : 'pausedDL';
    if (t.checkUntil) return complete ? 'checkingUP' : 'checkingDL';
    if (t.queued) return complete ? 'queuedUP' : 'queuedDL';
    if (!t.hasMetadata) return 'metaDL';
    const rates = t.transfer.ratesAt(now);
    if (complete) return t.forced ? 'forcedUP' : rates.up > 0 ? 'uploading' : 'stalledUP';
    return t.forced ? 'forcedDL' : rates.down > 0 ? 'downloading' : 'stalledDL';
  }

  setPaused(t: QbTorrent, paused: boolean, now = this.now()): void {
    t.paused = paused;
    if (!paused) {
      // Resuming clears an error (qBittorrent retries the torrent) and leaves the queue to the queue.
      t.fault = '';
      t.forced = false;
      if (!t.announceAt && t.trackers.length) t.announceAt = now + 1000;
    }
    t.transfer.setActive(now, !t.paused && !t.queued && !t.fault && !t.checkUntil && t.hasMetadata);
  }

  /** A torrent added at run time (torrents/add). */
  added(meta: {
    hash: string;
    name: string;
    files: { path: string; size: number }[];
    multiFile: boolean;
    announce: string[];
    hasMetadata: boolean;
    savePath?: string;
    category: string;
    paused: boolean;
    tags: string[];
    /** The data is already on disk (the simulator's stand-in for a successful hash check). */
    complete?: boolean;
    magnetUri?: string;
    pieceSize?: number;
  }): QbTorrent {
    const now = this.now();
    const size = meta.files.reduce((sum, f) => sum + f.size, 0);
    // Without a tracker (and with DHT off) nobody is found to trade with: the torrent stalls.
    const rate = meta.announce.length ? this.rng.int(200, 6000) * 1024 : 0;
    const t: QbTorrent = {
      hash: meta.hash.toLowerCase(),
      name: meta.name,
      category: meta.category,
      tags: meta.tags,
      dlLimit: 0,
      upLimit: 0,
      paused: meta.paused,
      forced: false,
      queued: false,
      fault: '',
      hasMetadata: meta.hasMetadata,
      savePath: meta.savePath ?? this.options.downloadDir,
      multiFile: meta.multiFile,
      files: meta.files,
      size,
      pieceSize: meta.pieceSize ?? PIECE_SIZE,
      transfer: new Transfer(
        size,
        meta.complete ? size : 0,
        0,
        rate,
        Math.floor(rate / 4),
        now,
        false,
        this.rng.int(0, 1_000_000),
      ),
      addedOn: Math.floor(now / 1000),
      completionOn: 0,
      checkUntil: 0,
      // Working once announced; `tracker` and the trackers list show it only after the first announce.
      trackers: meta.announce.map((url) => ({ url, status: 2, msg: '', seeds: 0, peers: 0 })),
      // The first announce goes out a moment after the add (never for a paused torrent).
      announceAt: meta.announce.length && !meta.paused ? now + 1000 : 0,
      peers: [],
      magnetUri: meta.magnetUri ?? `magnet:?xt=urn:btih:${meta.hash.toLowerCase()}`,
    };
    t.transfer.setActive(now, !t.paused && t.hasMetadata);
    return t;
  }

  private fromSeed(seed: TorrentSeed, now: number): QbTorrent {
    const kind: TorrentKind = seed.kind;
    const multiFile = seed.files.length > 1;
    const active = kind === 'downloading' || kind === 'seeding';
    const host = ['tracker.example.test', 'tracker.opentrackr.example', 'linuxtracker.example.org'][
      seed.phase % 3
    ];
    const trackers: QbTracker[] = [
      {
        url: `http://${host}/announce`,
        status: kind === 'error' ? 4 : 2,
        msg: kind === 'error' ? 'Connection timed out' : '',
        seeds: seed.seeds.swarm,
        peers: seed.peers.swarm,
      },
    ];
    const peers: QbPeer[] = [];
    for (let i = 0; active && i < Math.min(5, seed.peers.connected + seed.seeds.connected); i++) {
      peers.push({
        ip: `10.${seed.phase % 250}.${i}.${1 + ((seed.phase + i) % 250)}`,
        port: 6881 + i,
        client: CLIENTS[(seed.phase + i) % CLIENTS.length],
        progress: i < seed.seeds.connected ? 1 : ((seed.phase + i * 37) % 100) / 100,
        dlSpeed: Math.floor(seed.downRate / 5),
        upSpeed: Math.floor(seed.upRate / 5),
      });
    }
    return {
      hash: seed.hash.toLowerCase(),
      name: seed.name,
      category: seed.label,
      tags: [],
      dlLimit: 0,
      upLimit: 0,
      paused: kind === 'paused' || kind === 'stopped' || kind === 'finished',
      forced: seed.forced,
      queued: kind === 'queued',
      fault: kind === 'error' ? (seed.phase % 2 ? 'missingFiles' : 'error') : '',
      hasMetadata: true,
      savePath: this.options.downloadDir,
      multiFile,
      files: seed.files,
      size: seed.size,
      pieceSize: PIECE_SIZE,
      transfer: new Transfer(
        seed.size,
        seed.done,
        seed.uploaded,
        seed.downRate,
        seed.upRate,
        now,
        active,
        seed.phase,
      ),
      addedOn: seed.addedAt,
      completionOn: seed.completedAt,
      checkUntil: kind === 'checking' ? now + CHECK_MS : 0,
      trackers,
      announceAt: seed.addedAt * 1000,
      peers,
      magnetUri: `magnet:?xt=urn:btih:${seed.hash.toLowerCase()}&dn=${encodeURIComponent(seed.name)}`,
    };
  }
}
