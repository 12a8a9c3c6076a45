import { Module } from '@nestjs/common';
import { RutorrentSettingsController, UtorrentSettingsController } from './seed-settings.controller';
import { SeedSettingsService } from './seed-settings.service';
import { TorrentClientSettingsController } from './torrent-client-settings.controller';
import { TorrentClientSettingsService } from './torrent-client-settings.service';
import {
  RutorrentController,
  TorrentInstanceController,
  UtorrentController,
} from './torrent-client.controller';
import { TorrentClientRegistry } from './torrent-client.registry';
import { TorrentsController } from './torrents.controller';
import { MergedTorrentsService } from './merged-torrents.service';

/**
 * Every torrent client: any number of instances of each kind (`torrent_clients`, plus the seed's
 * `utorrent`/`rutorrent` sections), each under /api/torrents/clients/{id}; one merged list across them
 * (/api/torrents); and the seed's /api/utorrent and /api/rutorrent as aliases.
 */
@Module({
  controllers: [
    UtorrentSettingsController,
    RutorrentSettingsController,
    TorrentClientSettingsController,
    UtorrentController,
    RutorrentController,
    TorrentsController,
    TorrentInstanceController,
  ],
  providers: [
    TorrentClientRegistry,
    SeedSettingsService,
    TorrentClientSettingsService,
    MergedTorrentsService,
  ],
  exports: [TorrentClientRegistry, MergedTorrentsService],
})
export class TorrentsModule {}
