import { SeededRandom } from '../core/random';
import { generateTorrents, Transfer, type TorrentSeed } from '../torrents';
import { createSettings, type UtSetting } from './utorrent.settings';
import { Bit, isTransferring, statusForKind } from './utorrent.status';

export interface UtProps {
  seedRatio: number;
  seedTime: number;
  ulrate: number;
  dlrate: number;
  superseed: number;
  dht: number;
  pex: number;
  seedOverride: number;
  ulslots: number;
  trackers: string;
}

export interface UtTorrent {
  hash: string;
  name: string;
  size: number;
  label: string;
  /** Status bitfield (see `Bit`). */
  status: number;
  /** Text after "Error: " while bit 16 is set. */
  error: string;
  transfer: Transfer;
  addedAt: number;
  completedAt: number;
  peers: { connected: number; swarm: number };
  seeds: { connected: number; swarm: number };
  downloadUrl: string;
  savePath: string;
  /** Epoch ms a hash check in progress ends. */
  checkUntil: number;
  files: { path: string; size: number; priority: number }[];
  props: UtProps;
}

export interface UtorrentStateOptions {
  seed: number;
  torrents: number;
  labels?: string[];
  downloadDir: string;
  now: () => number;
}

const CHECK_MS = 45_000;

/** The uTorrent model: torrents by hash (in add order), the queue, settings, and removals. */
export class UtorrentState {
  readonly torrents = new Map<string, UtTorrent>();
  /** Queue order of hashes; positions count only incomplete torrents that have bit 64. */
  queue: string[] = [];
  readonly settings: Map<string, UtSetting>;
  /** Hashes removed with their data (`removedata`/`removedatatorrent`), for tests. */
  readonly deletedData: string[] = [];
  readonly rng: SeededRandom;

  constructor(readonly options: UtorrentStateOptions) {
    this.rng = new SeededRandom(options.seed ^ 0x5eed);
    this.settings = createSettings(options.downloadDir);
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

  add(t: UtTorrent): void {
    this.torrents.set(t.hash, t);
    this.queue.push(t.hash);
  }

  remove(hash: string): boolean {
    if (!this.torrents.delete(hash)) return false;
    const at = this.queue.indexOf(hash);
    if (at >= 0) this.queue.splice(at, 1);
    return true;
  }

  /** Finds a torrent, first applying what elapsed time changed (a finished hash check). */
  get(hash: string, now = this.now()): UtTorrent | undefined {
    const t = this.torrents.get(hash.toUpperCase());
    if (t) this.refresh(t, now);
    return t;
  }

  refresh(t: UtTorrent, now: number): void {
    if (t.status & Bit.CHECKING && now >= t.checkUntil) {
      const resume = (t.status & Bit.START_AFTER_CHECK) !== 0;
      t.status = (t.status & ~(Bit.CHECKING | Bit.START_AFTER_CHECK | Bit.ERROR)) | Bit.CHECKED;
      if (resume) t.status |= Bit.STARTED | Bit.QUEUED;
      t.error = '';
      t.transfer.since = Math.max(t.transfer.since, t.checkUntil);
      t.transfer.active = isTransferring(t.status);
    }
    const completed = t.transfer.completedDuring(now);
    if (completed !== undefined && !t.completedAt) t.completedAt = Math.floor(completed / 1000);
  }

  /** Applies a new bitfield, settling the transfer so the old interval keeps its rates. */
  setStatus(t: UtTorrent, status: number, now = this.now()): void {
    t.status = status;
    t.transfer.setActive(now, isTransferring(status));
  }

  startCheck(t: UtTorrent, now = this.now()): void {
    const wasStarted = (t.status & Bit.STARTED) !== 0;
    this.setStatus(
      t,
      (t.status & ~(Bit.STARTED | Bit.PAUSED)) | Bit.CHECKING | (wasStarted ? Bit.START_AFTER_CHECK : 0),
      now,
    );
    t.checkUntil = now + CHECK_MS;
  }

  /** Queue positions (1-based) of incomplete, queue-managed torrents; -1 for the rest. */
  queuePositions(now = this.now()): Map<string, number> {
    const positions = new Map<string, number>();
    let n = 0;
    for (const hash of this.queue) {
      const t = this.torrents.get(hash);
      if (t && t.status & Bit.QUEUED && !t.transfer.completeAt(now)) positions.set(hash, ++n);
    }
    return positions;
  }

  private fromSeed(seed: TorrentSeed, now: number): UtTorrent {
    const status = statusForKind(seed.kind, seed.forced);
    return {
      hash: seed.hash,
      name: seed.name,
      size: seed.size,
      label: seed.label,
      status,
      error: seed.kind === 'error' ? 'Files missing from job. Please recheck.' : '',
      transfer: new Transfer(
        seed.size,
        seed.done,
        seed.uploaded,
        seed.downRate,
        seed.upRate,
        now,
        isTransferring(status),
        seed.phase,
      ),
      addedAt: seed.addedAt,
      completedAt: seed.completedAt,
      peers: seed.peers,
      seeds: seed.seeds,
      downloadUrl: '',
      savePath: `${this.options.downloadDir}\\${seed.name}`,
      checkUntil: seed.kind === 'checking' ? now + CHECK_MS : 0,
      files: seed.files.map((f) => ({ ...f, priority: 2 })),
      props: defaultProps(),
    };
  }

  /** A torrent added at run time (add-url, add-file), started and queued like uTorrent does. */
  added(meta: {
    hash: string;
    name: string;
    size: number;
    files?: { path: string; size: number }[];
    url?: string;
  }): UtTorrent {
    const now = this.now();
    const rate = this.rng.int(200, 6000) * 1024;
    return {
      hash: meta.hash,
      name: meta.name,
      size: meta.size,
      label: '',
      status: Bit.LOADED | Bit.CHECKED | Bit.QUEUED | Bit.STARTED,
      error: '',
      transfer: new Transfer(
        meta.size,
        0,
        0,
        rate,
        Math.floor(rate / 4),
        now,
        true,
        this.rng.int(0, 1_000_000),
      ),
      addedAt: Math.floor(now / 1000),
      completedAt: 0,
      peers: { connected: this.rng.int(1, 20), swarm: this.rng.int(20, 200) },
      seeds: { connected: this.rng.int(1, 20), swarm: this.rng.int(20, 400) },
      downloadUrl: meta.url ?? '',
      savePath: `${this.options.downloadDir}\\${meta.name}`,
      checkUntil: 0,
      files: (meta.files ?? [{ path: meta.name, size: meta.size }]).map((f) => ({ ...f, priority: 2 })),
      props: defaultProps(),
    };
  }
}

function defaultProps(): UtProps {
  return {
    seedRatio: 0,
    seedTime: 0,
    ulrate: 0,
    dlrate: 0,
    superseed: 0,
    dht: 1,
    pex: 1,
    seedOverride: 0,
    ulslots: 0,
    trackers: 'http://tracker.example.test/announce\r\n',
  };
}
