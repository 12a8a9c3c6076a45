import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRetentionTask } from './audit-retention.task';
import { AuditService } from './audit.service';

/** Global: any service can add its own entries (sync runs, scheduler, CLI). */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRetentionTask, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
