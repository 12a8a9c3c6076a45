import { Module } from '@nestjs/common';
import { RutorrentController } from './rutorrent.controller';
import { RutorrentService } from './rutorrent.service';

@Module({ controllers: [RutorrentController], providers: [RutorrentService] })
export class RutorrentModule {}
