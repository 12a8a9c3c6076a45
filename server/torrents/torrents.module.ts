import { Module } from '@nestjs/common';
import { TorrentClientFactory } from './torrent-client.factory';

/** What the uTorrent and ruTorrent modules share: the client factory (the rest are plain classes). */
@Module({ providers: [TorrentClientFactory], exports: [TorrentClientFactory] })
export class TorrentsModule {}
