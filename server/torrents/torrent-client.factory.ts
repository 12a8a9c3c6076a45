import { Injectable } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { RtorrentClient } from '../rutorrent/rtorrent.client';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { UtorrentClient } from '../utorrent/utorrent.client';
import type { TorrentClient } from './torrent-client.interface';
import type { TorrentClientKind } from './torrent.types';

/** Builds the client of a kind; clients read their connection from the configuration at every call. */
@Injectable()
export class TorrentClientFactory {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly config: ConfigStore,
  ) {}

  create(kind: TorrentClientKind): TorrentClient {
    switch (kind) {
      case 'utorrent':
        return new UtorrentClient(this.http, this.config);
      case 'rutorrent':
        return new RtorrentClient(this.http, this.config);
    }
  }
}
