import { SeededRandom } from '../core/random';
import {
  generateTorrents,
  Transfer,
  type TorrentKind,
  type TorrentMeta,
  type TorrentSeed,
} from '../torrents';

export interface RtTorrent {
  hash: string;
  name: string;
  size: number;
  multiFile: boolean;
  files: { path: string; size: number; priority: number }[];
  directory: string;
  /** Empty until the item is opened in this rtorrent session. */
  basePath: string;
  /** `d.custom1`..`d.custom5` under "1".."5"; `d.custom=key` under its key. */
  custom: Map<string, string>;
  /** The user's intent (1 = started). */
  state: 0 | 1;
  isOpen: 0 | 1;
  isActive: 0 | 1;
  /** `d.hashing`: 0 none, 1 initial check, 3 re-check (d.check_hash). */
  hashing: number;
  checkUntil: number;
  message: string;
  priority: number;
  chunkSize: number;
  creationDate: number;
  loadDate: number;
  stateChanged: number;
  finishedAt: number;
  tiedToFile: string;
  /** Announce URLs in rtorrent's order (announce-list flattened, else announce); [] when none. */
  trackers: string[];
  transfer: Transfer;
  /** Done/uploaded bytes when this rtorrent session began (for throttle totals). */
  sessionBase: { done: number; uploaded: number };
  peers: { connected: number; swarm: number };
  seeds: { connected: number; swarm: number };
}

export interface RtorrentStateOptions {
  seed: number;
  torrents: number;
  labels?: string[];
  downloadDir: string;
  hostname: string;
  now: () => number;
}

/** The trackers generated torrents announce to (one each, picked by hash). */
const TRACKER_POOL = [
  'http://tracker.example.test/announce',
  'https://tracker.example.org:443/announce.php?passkey=0123456789abcdef',
  'udp://open.example.net:6969/announce',
];

/** (state, is_open, is_active) per generated kind, as ruTorrent's own actions leave them. */
const STATES: Record<TorrentKind, [0 | 1, 0 | 1, 0 | 1]> = {
  downloading: [1, 1, 1],
  seeding: [1, 1, 1],
  error: [1, 1, 1],
  checking: [1, 1, 1],
  paused: [1, 1, 0],
  queued: [0, 1, 0], // ruTorrent's "Pause" is d.stop: stopped but still open
  stopped: [0, 0, 0],
  finished: [0, 0, 0],
};

/** The rTorrent model: downloads by hash in load order (the `main` view), throttles, and erasures. */
export class RtorrentState {
  readonly torrents = new Map<string, RtTorrent>();
  readonly throttle = { downMax: 0, upMax: 0 };
  sizeLimit = 524288;
  /** How long rTorrent takes to start a torrent loaded with load.start (0: at once). */
  startDelayMs = 0;
  /** `directory.default`: where new downloads go. */
  downloadDir: string;
  /** Bytes moved by items erased this session, kept in the global totals. */
  readonly erasedTotals = { down: 0, up: 0 };
  /** Hashes whose data an erase deleted (classic erasedata: d.custom5 "1"/"2"), and deleted tied files. */
  readonly deletedData: string[] = [];
  readonly deletedTiedFiles: string[] = [];
  /** After system.shutdown.*, the web server answers 502 until `restartDaemon()`. */
  running = true;
  pid: number;
  readonly rng: SeededRandom;

  constructor(readonly options: RtorrentStateOptions) {
    this.rng = new SeededRandom(options.seed ^ 0x2e7);
    this.downloadDir = options.downloadDir;
    this.pid = this.rng.int(1000, 60000);
    const now = options.now();
    for (const seed of generateTorrents({
      seed: options.seed,
      count: options.torrents,
      labels: options.labels,
      now,
    })) {
      this.add(this.fromSeed(seed, now));
    }
  }

  now(): number {
    return this.options.now();
  }

  add(t: RtTorrent): void {
    this.torrents.set(t.hash, t);
  }

  /** Looks a hash up (case-insensitive), first applying what elapsed time changed. */
  get(hash: string, now = this.now()): RtTorrent | undefined {
    const t = this.torrents.get(hash.toUpperCase());
    if (t) this.refresh(t, now);
    return t;
  }

  refresh(t: RtTorrent, now: number): void {
    if (t.hashing && now >= t.checkUntil) {
      t.hashing = 0;
      // Bytes move again from the moment the check ended, not from this read.
      t.transfer.setActive(Math.max(t.transfer.since, t.checkUntil), t.isActive === 1 && t.isOpen === 1);
    }
    const completed = t.transfer.completedDuring(now);
    if (completed !== undefined && !t.finishedAt) t.finishedAt = Math.floor(completed / 1000);
  }

  /** Re-derives whether bytes move after a state change: active, open and not hashing. */
  sync(t: RtTorrent, now = this.now()): void {
    t.transfer.setActive(now, t.isActive === 1 && t.isOpen === 1 && t.hashing === 0);
    t.stateChanged = Math.floor(now / 1000);
  }

  erase(t: RtTorrent, now = this.now()): void {
    this.erasedTotals.down += t.transfer.doneAt(now) - t.sessionBase.done;
    this.erasedTotals.up += t.transfer.uploadedAt(now) - t.sessionBase.uploaded;
    this.torrents.delete(t.hash);
    // ruTorrent <= 5.3.3's erasedata hook (as the test peer emulates): custom5 "1"/"2" deletes the data.
    const mark = t.custom.get('5');
    if (mark === '1' || mark === '2') this.deletedData.push(t.hash);
  }

  private fromSeed(seed: TorrentSeed, now: number): RtTorrent {
    const [state, isOpen, isActive] = STATES[seed.kind];
    const t = this.blank(seed, now);
    Object.assign(t, { state, isOpen, isActive });
    if (isOpen) t.basePath = `${t.directory}/${seed.name}`;
    if (seed.kind === 'checking') {
      t.hashing = 1;
      t.checkUntil = now + 30_000;
    }
    if (seed.kind === 'error') t.message = 'Tracker: [Failure reason "Unregistered torrent"]';
    t.transfer.active = isActive === 1 && isOpen === 1 && t.hashing === 0;
    return t;
  }

  private blank(seed: TorrentSeed, now: number): RtTorrent {
    const custom = new Map<string, string>();
    // ruTorrent stores the label URI-encoded in custom1.
    if (seed.label) custom.set('1', encodeURIComponent(seed.label));
    return {
      hash: seed.hash,
      name: seed.name,
      size: seed.size,
      multiFile: seed.files.length > 1,
      files: seed.files.map((f) => ({ ...f, priority: 1 })),
      directory: this.downloadDir,
      basePath: '',
      custom,
      state: 0,
      isOpen: 0,
      isActive: 0,
      hashing: 0,
      checkUntil: 0,
      message: '',
      priority: 2,
      chunkSize: seed.size > 4 * 1024 ** 3 ? 4194304 : seed.size > 512 * 1024 ** 2 ? 1048576 : 262144,
      creationDate: seed.createdAt,
      loadDate: seed.addedAt,
      stateChanged: seed.addedAt,
      finishedAt: seed.completedAt,
      tiedToFile: '',
      trackers: [TRACKER_POOL[parseInt(seed.hash.slice(0, 2), 16) % TRACKER_POOL.length]],
      transfer: new Transfer(
        seed.size,
        seed.done,
        seed.uploaded,
        seed.downRate,
        seed.upRate,
        now,
        false,
        seed.phase,
      ),
      sessionBase: { done: seed.done, uploaded: seed.uploaded },
      peers: seed.peers,
      seeds: seed.seeds,
    };
  }

  /** A new item from a .torrent, magnet or URL; `done` is how much data is already on disk. */
  loaded(meta: TorrentMeta, done: number, tiedToFile = ''): RtTorrent {
    const now = this.now();
    const nowS = Math.floor(now / 1000);
    const rate = this.rng.int(200, 6000) * 1024;
    const t = this.blank(
      {
        hash: meta.hash,
        name: meta.name,
        kind: 'stopped',
        forced: false,
        label: '',
        size: meta.size,
        files: meta.files,
        done,
        uploaded: 0,
        downRate: rate,
        upRate: Math.floor(rate / 4),
        addedAt: nowS,
        completedAt: done >= meta.size ? nowS : 0,
        createdAt: nowS,
        peers: { connected: 0, swarm: 0 },
        seeds: { connected: 0, swarm: 0 },
        phase: this.rng.int(0, 1_000_000),
      },
      now,
    );
    t.multiFile = meta.multiFile;
    t.tiedToFile = tiedToFile;
    if (meta.announce) t.trackers = [meta.announce];
    t.chunkSize = meta.pieceLength || t.chunkSize;
    return t;
  }
}
