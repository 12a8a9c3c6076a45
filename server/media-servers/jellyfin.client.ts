import type { MediaServerSection } from '../config/config.schema';
import { UpstreamHttp, type UpstreamRequest } from '../upstream/upstream-http.service';
import { mapAnswer } from '../upstream/unexpected-answer';
import { requireSetting, serverLabel } from './media-server.errors';
import type { MediaServerClient, MediaServerInfo, MediaUser } from './media-server.types';
import { mediaBrowserErrorMessage, mediaBrowserInfo, mediaBrowserUsers } from './mediabrowser.mapper';

/**
 * Jellyfin 10.x–12.0. Only `Authorization: MediaBrowser Token="…"` works on every version: 12.0 turns
 * legacy authorization off, and then ignores `X-Emby-Token`, `X-Emby-Authorization` and `?api_key=`.
 */
export class JellyfinClient implements MediaServerClient {
  readonly type = 'jellyfin' as const;
  private readonly service: string;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly entry: MediaServerSection,
  ) {
    this.service = serverLabel(entry);
  }

  async listUsers(): Promise<MediaUser[]> {
    const body = await this.get('/Users');
    return mapAnswer(this.service, () => mediaBrowserUsers(body));
  }

  async info(): Promise<MediaServerInfo> {
    const body = await this.get('/System/Info');
    return mapAnswer(this.service, () => mediaBrowserInfo(body));
  }

  private async get(path: string): Promise<unknown> {
    const token = requireSetting(this.service, this.entry.token, 'token');
    const req: UpstreamRequest = {
      service: this.service,
      baseUrl: requireSetting(this.service, this.entry.url, 'URL'),
      path,
      headers: { Accept: 'application/json', Authorization: `MediaBrowser Token="${token}"` },
      errorMessage: mediaBrowserErrorMessage,
    };
    return (await this.http.request<unknown>(req)).data;
  }
}
