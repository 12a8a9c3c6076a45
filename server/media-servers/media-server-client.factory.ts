import { Injectable } from '@nestjs/common';
import type { MediaServerSection } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { EmbyClient } from './emby.client';
import { JellyfinClient } from './jellyfin.client';
import { serverLabel } from './media-server.errors';
import type { MediaServerClient } from './media-server.types';
import { PlexClientIdentifier } from '../plex-common/plex-client-identifier.service';
import { PlexUsersClient } from './plex-users.client';
import { PlexTvClient } from './plextv.client';

/** Builds the client for one configured server; clients are cheap and hold no connection. */
@Injectable()
export class MediaServerClientFactory {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly config: ConfigStore,
    private readonly plexClientId: PlexClientIdentifier,
  ) {}

  create(entry: MediaServerSection): MediaServerClient {
    switch (entry.type) {
      case 'plex':
        return new PlexUsersClient(
          this.http,
          entry,
          this.plexTv(entry.token, `plex.tv for ${serverLabel(entry)}`),
        );
      case 'jellyfin':
        return new JellyfinClient(this.http, entry);
      case 'emby':
        return new EmbyClient(this.http, entry);
    }
  }

  /** plex.tv for an account token (a server entry's, or one given for discovery). */
  plexTv(token: string, service = 'plex.tv'): PlexTvClient {
    return new PlexTvClient(this.http, {
      service,
      baseUrl: this.config.plexTvUrl,
      token,
      clientIdentifier: this.plexClientId.get(),
    });
  }
}
