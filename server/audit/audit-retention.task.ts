import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { TimedTask } from '../scheduling/timed-task';
import { AuditService } from './audit.service';

/** Removes audit entries older than `audit_retention_days` (default 90) once a day and at start-up. */
@Injectable()
export class AuditRetentionTask extends TimedTask<number> implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger = new Logger(AuditRetentionTask.name);

  constructor(
    private readonly audit: AuditService,
    private readonly config: ConfigStore,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    void this.prune();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'audit-retention' })
  prune(): Promise<number> {
    return this.runNow();
  }

  protected async work(signal: AbortSignal): Promise<number> {
    if (signal.aborted) return 0;
    const days = this.config.get().audit_retention_days ?? DEFAULT_AUDIT_RETENTION_DAYS;
    try {
      const removed = await this.audit.prune(days);
      if (removed) this.logger.log(`Removed ${removed} audit entries older than ${days} days`);
      return removed;
    } catch (err) {
      this.logger.error(`Audit retention failed: ${(err as Error).message}`);
      return 0;
    }
  }

  /** The daily run comes from the cron expression above, not from an interval. */
  protected nextDelayMs(): null {
    return null;
  }
}
