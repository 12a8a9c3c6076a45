import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRoutes } from './audit-routes';
import { AuditRetentionTask } from './audit-retention.task';
import { AuditService } from './audit.service';

/** Global: any service can add its own entries (sync runs, scheduler, CLI). */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AuditController],
  providers: [AuditService, AuditRoutes, AuditRetentionTask, AuditInterceptor],
  exports: [AuditService, AuditRoutes],
})
export class AuditModule {}
