import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ConfigStore } from '../config/config.store';
import { registryClock } from '../scheduling/registry-clock';
import { TimedTask } from '../scheduling/timed-task';
import { SyncService } from './sync.service';

const TIMEOUT_NAME = 'seerr-sync';

/**
 * Runs the sync every `sync_interval_minutes` (null or 0: never). A change of the interval takes
 * effect at once, without a restart; a tick that finds a run in progress skips, so two never overlap.
 */
@Injectable()
export class SyncScheduler
  extends TimedTask<number | null>
  implements OnApplicationBootstrap, OnModuleDestroy
{
  protected readonly logger = new Logger(SyncScheduler.name);
  private minutes: number | null = null;
  private unsubscribe?: () => void;

  constructor(
    private readonly config: ConfigStore,
    registry: SchedulerRegistry,
    private readonly sync: SyncService,
  ) {
    super(registryClock(registry, TIMEOUT_NAME));
  }

  get intervalMinutes(): number | null {
    return this.minutes;
  }

  onApplicationBootstrap(): void {
    // The CLI builds the same app to run one sync; it must not also run the schedule.
    if (this.config.env.syncScheduleOff) return;
    this.apply(this.config.get().sync_interval_minutes ?? null);
    this.unsubscribe = this.config.onChange((config) => this.apply(config.sync_interval_minutes ?? null));
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.stop();
  }

  /** The scheduled run itself; public so tests can run a tick without waiting minutes. */
  runDue(): Promise<number | null> {
    return this.runNow();
  }

  protected async work(): Promise<number | null> {
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

  protected nextDelayMs(): number | null {
    return this.minutes ? this.minutes * 60_000 : null;
  }

  private apply(minutes: number | null): void {
    const next = minutes && minutes > 0 ? minutes : null;
    if (next === this.minutes) return;
    this.minutes = next;
    this.reschedule();
    this.logger.log(next ? `Sync scheduled every ${next} minutes.` : 'Scheduled sync is off.');
  }
}
