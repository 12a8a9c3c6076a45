import { Injectable } from '@nestjs/common';
import { APP_VERSION } from '../common/version';
import { ConfigStore } from '../config/config.store';
import { AuditService } from '../audit/audit.service';
import { DatabaseService } from '../database/database.service';
import { diskSpaceCheck } from './disk-space.check';
import { diskPaths, diskUsage } from './disk-usage';
import { ServiceHealthService, servicesCheck } from './service-health.service';
import type { AboutDto, DiskUsageDto, HealthDto, ReadinessDto } from './health.dto';

@Injectable()
export class HealthService {
  private readonly startedAt = new Date();

  constructor(
    private readonly database: DatabaseService,
    private readonly config: ConfigStore,
    private readonly audit: AuditService,
    private readonly services: ServiceHealthService,
  ) {}

  health(): HealthDto {
    return {
      status: 'ok',
      version: APP_VERSION,
      uptime_seconds: Math.floor((Date.now() - this.startedAt.getTime()) / 1000),
      started_at: this.startedAt.toISOString(),
    };
  }

  about(): AboutDto {
    const { version, uptime_seconds, started_at } = this.health();
    return {
      version,
      uptime_seconds,
      started_at,
      config_file: this.config.file,
      database_file: this.config.databaseFile,
      node_version: process.version,
      environment_overrides: this.config.overrides(),
    };
  }

  /** Every `disk_paths` entry (or the known defaults), read now: statfs is a cheap local call. */
  disks(): DiskUsageDto[] {
    return diskPaths(this.config.get(), this.config.directory).map(diskUsage);
  }

  async readiness(): Promise<ReadinessDto> {
    const checks: ReadinessDto['checks'] = [
      { name: 'database', ...(await this.database.check()) },
      { name: 'config', ...this.config.checkFile() },
      { name: 'disk', ...diskSpaceCheck(this.config.directory, this.audit.backlog) },
      // The Dashboard's dots come from the same probes, so a broken upstream fails both.
      { name: 'services', ...servicesCheck(await this.services.check()) },
    ];
    return { status: checks.every((c) => c.ok) ? 'ok' : 'degraded', checks };
  }
}
