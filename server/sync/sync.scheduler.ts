import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ConfigStore } from '../config/config.store';
import { SyncService } from './sync.service';

const TIMEOUT_NAME = 'seerr-sync';

/**
 * Runs the sync every `sync_interval_minutes` (null or 0: never). A change of the interval takes
 * effect at once, without a restart; a tick that finds a run in progress skips, so two never overlap.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SyncScheduler.name);
  private minutes: number | null = null;
  private nextRun: Date | null = null;
  private unsubscribe?: () => void;

  constructor(
    private readonly config: ConfigStore,
    private readonly registry: SchedulerRegistry,
    private readonly sync: SyncService,
  ) {}

  get intervalMinutes(): number | null {
    return this.minutes;
  }

  get nextRunAt(): Date | null {
    return this.nextRun;
  }

  onApplicationBootstrap(): void {
    // The CLI builds the same app to run one sync; it must not also run the schedule.
    if (this.config.env('SYNC_SCHEDULE') === 'off') return;
    this.apply(this.config.get().sync_interval_minutes ?? null);
    this.unsubscribe = this.config.onChange((config) => this.apply(config.sync_interval_minutes ?? null));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.clear();
  }

  /** The scheduled run itself; public so tests can run a tick without waiting minutes. */
  async runDue(): Promise<number | null> {
    this.schedule();
    if (this.sync.running) {
      this.logger.log('Scheduled sync skipped: a sync is already running.');
      return null;
    }
    try {
      return await this.sync.start('schedule', 'scheduler');
    } catch (err) {
      this.logger.warn(`Scheduled sync could not start: ${(err as Error).message}`);
      return null;
    }
  }

  private apply(minutes: number | null): void {
    const next = minutes && minutes > 0 ? minutes : null;
    if (next === this.minutes) return;
    this.minutes = next;
    this.schedule();
    this.logger.log(next ? `Sync scheduled every ${next} minutes.` : 'Scheduled sync is off.');
  }

  private schedule(): void {
    this.clear();
    if (!this.minutes) return;
    const ms = this.minutes * 60_000;
    this.nextRun = new Date(Date.now() + ms);
    const timer = setTimeout(() => void this.runDue(), ms);
    timer.unref();
    this.registry.addTimeout(TIMEOUT_NAME, timer);
  }

  private clear(): void {
    this.nextRun = null;
    if (this.registry.doesExist('timeout', TIMEOUT_NAME)) this.registry.deleteTimeout(TIMEOUT_NAME);
  }
}
