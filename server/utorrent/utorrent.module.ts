import { Module } from '@nestjs/common';
import { TorrentsModule } from '../torrents/torrents.module';
import { UtorrentController } from './utorrent.controller';
import { UtorrentService } from './utorrent.service';

@Module({ imports: [TorrentsModule], controllers: [UtorrentController], providers: [UtorrentService] })
export class UtorrentModule {}
