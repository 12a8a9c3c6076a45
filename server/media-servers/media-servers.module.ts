import { Module } from '@nestjs/common';
import { PlexCommonModule } from '../plex-common/plex-common.module';
import { MediaServerClientFactory } from './media-server-client.factory';
import { MediaServersController } from './media-servers.controller';
import { MediaServersService } from './media-servers.service';
import { PlexDiscoveryService } from './plex-discovery.service';
import { PlexServersController } from './plex-servers.controller';

/** Plex, Jellyfin and Emby: one client per type behind MediaServerClient, the settings API, Plex discovery. */
@Module({
  imports: [PlexCommonModule],
  controllers: [MediaServersController, PlexServersController],
  providers: [MediaServerClientFactory, MediaServersService, PlexDiscoveryService],
  exports: [MediaServerClientFactory, MediaServersService],
})
export class MediaServersModule {}
