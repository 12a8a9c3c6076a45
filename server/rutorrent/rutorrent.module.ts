import { Module } from '@nestjs/common';
import { TorrentsModule } from '../torrents/torrents.module';
import { RutorrentController } from './rutorrent.controller';
import { RutorrentService } from './rutorrent.service';

@Module({ imports: [TorrentsModule], controllers: [RutorrentController], providers: [RutorrentService] })
export class RutorrentModule {}
