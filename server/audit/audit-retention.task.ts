import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { AuditService } from './audit.service';

/** Removes audit entries older than `audit_retention_days` (default 90) once a day and at start-up. */
@Injectable()
export class AuditRetentionTask implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditRetentionTask.name);

  constructor(
    private readonly audit: AuditService,
    private readonly config: ConfigStore,
  ) {}

  onApplicationBootstrap(): void {
    void this.prune();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'audit-retention' })
  async prune(): Promise<number> {
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
}
