import { Module } from '@nestjs/common';
import { UtorrentController } from './utorrent.controller';
import { UtorrentService } from './utorrent.service';

@Module({ controllers: [UtorrentController], providers: [UtorrentService] })
export class UtorrentModule {}
