import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { ConfigOptions } from './config/config.store';
import { ContainersModule } from './containers/containers.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { RequestLoggerMiddleware } from './logging/request-logger.middleware';
import { MediaServersModule } from './media-servers/media-servers.module';
import { PlexModule } from './plex/plex.module';
import { SeerrModule } from './seerr/seerr.module';
import { SyncModule } from './sync/sync.module';
import { TautulliModule } from './tautulli/tautulli.module';
import { UsersModule } from './users/users.module';
import { TorrentsModule } from './torrents/torrents.module';
import { UpstreamModule } from './upstream/upstream.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: ConfigOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        DatabaseModule,
        UpstreamModule,
        ContainersModule,
        AuthModule,
        AuditModule,
        HealthModule,
        MediaServersModule,
        PlexModule,
        SeerrModule.register(SyncModule),
        SyncModule,
        TautulliModule,
        UsersModule,
        TorrentsModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware).forRoutes('*path');
  }
}
