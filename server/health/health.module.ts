import { Module } from '@nestjs/common';
import { MediaServersModule } from '../media-servers/media-servers.module';
import { PlexModule } from '../plex/plex.module';
import { SeerrClientModule } from '../seerr/seerr-client.module';
import { TautulliModule } from '../tautulli/tautulli.module';
import { TorrentsModule } from '../torrents/torrents.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { ServiceHealthService } from './service-health.service';

/** Liveness, readiness, the About facts, disk space and the upstreams' health (the Dashboard's dots). */
@Module({
  imports: [SeerrClientModule, MediaServersModule, PlexModule, TautulliModule, TorrentsModule],
  controllers: [HealthController],
  providers: [HealthService, ServiceHealthService],
})
export class HealthModule {}
