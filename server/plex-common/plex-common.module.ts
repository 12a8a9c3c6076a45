import { Module } from '@nestjs/common';
import { PlexClientIdentifier } from './plex-client-identifier.service';

/** What the Plex module and the media-servers module share: the installation's one client identifier. */
@Module({
  providers: [PlexClientIdentifier],
  exports: [PlexClientIdentifier],
})
export class PlexCommonModule {}
