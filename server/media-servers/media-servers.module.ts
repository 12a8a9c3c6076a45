import { Module } from '@nestjs/common';
import { MediaServerClientFactory } from './media-server-client.factory';
import { MediaServersController } from './media-servers.controller';
import { MediaServersService } from './media-servers.service';
import { PlexClientIdentifier } from './plex-client-identifier.service';
import { PlexDiscoveryService } from './plex-discovery.service';
import { PlexServersController } from './plex-servers.controller';

/** Plex, Jellyfin and Emby: one client per type behind MediaServerClient, the settings API, Plex discovery. */
@Module({
  controllers: [MediaServersController, PlexServersController],
  providers: [MediaServerClientFactory, MediaServersService, PlexClientIdentifier, PlexDiscoveryService],
  exports: [MediaServerClientFactory, MediaServersService, PlexClientIdentifier],
})
export class MediaServersModule {}
