import { Module } from '@nestjs/common';
import { PlexCommonModule } from '../plex-common/plex-common.module';
import { TautulliModule } from '../tautulli/tautulli.module';
import { PlexClient } from './plex.client';
import { PlexController } from './plex.controller';
import { PlexSessionsPoller } from './plex-sessions.poller';
import { PlexSettingsService } from './plex-settings.service';
import { PlexService } from './plex.service';

/**
 * Plex Media Server control: status, libraries, sessions (with a shared event-stream poller), history,
 * scans, optimisation, stopping a stream (through Tautulli when it is configured), restarts through the container runtime, and its settings. The plex.tv client
 * identifier is shared with the media-servers module, so the installation has one.
 */
@Module({
  imports: [PlexCommonModule, TautulliModule],
  controllers: [PlexController],
  providers: [PlexClient, PlexService, PlexSessionsPoller, PlexSettingsService],
  exports: [PlexClient],
})
export class PlexModule {}
