import { Logger } from '@nestjs/common';
import { TimedTask } from '../scheduling/timed-task';
import { SingleFlight } from '../upstream/single-flight';
import { diffTorrents, isEmpty } from './torrent-diff';
import type { TorrentClient } from './torrent-client.interface';
import { sentenceOf } from './torrent.errors';
import type { TorrentEventHub } from './torrent-events';
import type { Torrent } from './torrent.types';

/** One poll's list, kept until the next; `revision` moves only when something changed. */
export interface Snapshot {
  torrents: readonly Torrent[];
  byHash: ReadonlyMap<string, Torrent>;
  revision: number;
  updatedAt: Date;
}

export interface PollIntervals {
  /** Between polls while nobody watches the event stream. */
  idleMs: number;
  /** Between polls while at least one event stream is open. */
  watchedMs: number;
}

export interface StreamStatus {
  connected: boolean;
  error: string | null;
  revision: number;
  updated_at: string | null;
}

/** Without readers or watchers for this long, polling stops (and the list is dropped) until the next read. */
const IDLE_STOP_MS = 5 * 60_000;

/**
 * One poller per client: a single list call per tick whatever the number of readers, faster while an
 * event stream is open, stopped when nobody has asked for a while. Ticks never overlap (each schedules
 * the next once done), reads between ticks are served from the last result (a failure included, so a
 * down client is not hammered by every browser), and each change is broadcast to every event stream.
 */
export class TorrentPoller extends TimedTask {
  protected readonly logger: Logger;
  private result?: { ok: true; snapshot: Snapshot } | { ok: false; error: unknown };
  private last?: Snapshot;
  private revision = 0;
  private lastDemand = 0;
  private watchers = 0;
  /** Polling stopped for lack of demand; the next read starts it again. */
  private idle = false;
  private pending?: Promise<Snapshot>;
  /** Readers arriving while a poll runs wait for it instead of starting their own. */
  private readonly polls = new SingleFlight<Snapshot>();
  /** List calls made (for tests and the benchmark). */
  pollCount = 0;
  /** Moves with every poll outcome and reset: what `status()` and `lastSnapshot()` say changes only then. */
  generation = 0;

  constructor(
    private readonly client: TorrentClient,
    private readonly hub: TorrentEventHub,
    private readonly intervals: () => PollIntervals,
    private readonly idleStopMs = IDLE_STOP_MS,
  ) {
    super();
    this.logger = new Logger(`TorrentPoller(${client.service})`);
  }

  /** The latest list; the first read (or the first after idling) loads it, shared by concurrent readers. */
  async read(): Promise<Snapshot> {
    this.lastDemand = Date.now();
    this.ensureScheduled();
    const result = this.result;
    if (!result) return this.refresh();
    if (result.ok) return result.snapshot;
    throw result.error;
  }

  /** Polls now (or joins the poll in progress); actions call it so their effect shows at once. */
  refresh(): Promise<Snapshot> {
    const pending = this.polls.run('list', () => this.poll());
    this.pending = pending;
    return pending;
  }

  /** Forget the last result (the settings changed): the next read polls again. */
  reset(): void {
    this.result = undefined;
    this.generation++;
  }

  /** The last list that was read, also while the client is down since (the merged view shows it stale). */
  lastSnapshot(): Snapshot | undefined {
    return this.last;
  }

  status(): StreamStatus {
    const r = this.result;
    return {
      connected: r?.ok === true,
      error: r && !r.ok ? sentenceOf(r.error) : null,
      revision: this.revision,
      updated_at: r?.ok ? r.snapshot.updatedAt.toISOString() : null,
    };
  }

  setWatchers(count: number): void {
    const before = this.watchers;
    this.watchers = count;
    if (count > 0) this.lastDemand = Date.now();
    // The first watcher should not wait out a long idle interval.
    const due = this.nextRunAt?.getTime();
    if (before === 0 && count > 0 && (due === undefined || due - Date.now() > this.intervals().watchedMs)) {
      this.idle = false;
      this.reschedule();
    }
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.pending?.catch(() => undefined);
  }

  private async poll(): Promise<Snapshot> {
    this.pollCount++;
    let torrents: Torrent[];
    try {
      torrents = await this.client.list();
    } catch (err) {
      const before = this.result;
      this.result = { ok: false, error: err };
      this.generation++;
      if (!before || before.ok || sentenceOf(before.error) !== sentenceOf(err)) {
        this.logger.warn(sentenceOf(err));
        this.hub.broadcast({ event: 'status', data: this.status() });
      }
      throw err;
    }
    const wasConnected = this.result?.ok === true;
    const changes = diffTorrents(this.last?.byHash ?? new Map<string, Torrent>(), torrents);
    const changed = !this.last || !isEmpty(changes);
    if (changed) this.revision++;
    const snapshot: Snapshot = changed
      ? {
          torrents,
          byHash: new Map(torrents.map((t) => [t.hash, t])),
          revision: this.revision,
          updatedAt: new Date(),
        }
      : { ...(this.last as Snapshot), updatedAt: new Date() };
    this.last = snapshot;
    this.result = { ok: true, snapshot };
    this.generation++;
    if (!wasConnected) this.hub.broadcast({ event: 'status', data: this.status() });
    if (!isEmpty(changes))
      this.hub.broadcast({ event: 'changes', data: { revision: this.revision, ...changes } });
    return snapshot;
  }

  private ensureScheduled(): void {
    if (this.nextRunAt || this.ticking) return;
    this.idle = false;
    this.reschedule();
  }

  protected nextDelayMs(): number | null {
    if (this.idle) return null;
    const { idleMs, watchedMs } = this.intervals();
    return this.watchers > 0 ? Math.min(idleMs, watchedMs) : idleMs;
  }

  protected async work(): Promise<void> {
    if (this.watchers === 0 && Date.now() - this.lastDemand > this.idleStopMs) {
      this.logger.debug('Nobody has asked for a while; polling stops until the next read.');
      this.idle = true;
      this.result = undefined;
      this.last = undefined;
      this.generation++;
      return;
    }
    await this.refresh().catch(() => undefined); // the failure is kept as the result
  }
}
