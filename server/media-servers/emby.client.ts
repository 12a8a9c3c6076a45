import type { MediaServerSection } from '../config/config.schema';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { assertCompleteList } from '../upstream/incomplete-list';
import { mapAnswer } from '../upstream/unexpected-answer';
import { requireSetting, serverLabel } from './media-server.errors';
import type { MediaServerClient, MediaServerInfo, MediaUser } from './media-server.types';
import { embyUserPage, mediaBrowserErrorMessage, mediaBrowserInfo } from './mediabrowser.mapper';

/** Users per `/Users/Query` page: few servers have more, and a page stays well under a megabyte. */
export const EMBY_PAGE_SIZE = 500;

/** Emby 4.x: API key in `X-Emby-Token`; users from the admin-only, paged `/Users/Query`. */
export class EmbyClient implements MediaServerClient {
  readonly type = 'emby' as const;
  private readonly service: string;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly entry: MediaServerSection,
    private readonly pageSize = EMBY_PAGE_SIZE,
  ) {
    this.service = serverLabel(entry);
  }

  async listUsers(): Promise<MediaUser[]> {
    const users = new Map<string, MediaUser>();
    let total = 0;
    for (let start = 0; ;) {
      const body = await this.get('/Users/Query', { StartIndex: start, Limit: this.pageSize });
      const page = mapAnswer(this.service, () => embyUserPage(body));
      // Users added or removed between pages shift the window; the id map drops repeats.
      for (const user of page.users) users.set(user.id, user);
      total = page.total;
      start += page.users.length;
      if (page.users.length === 0 || start >= page.total) break;
    }
    assertCompleteList(this.service, 'users', users.size, total);
    return [...users.values()];
  }

  async info(): Promise<MediaServerInfo> {
    const body = await this.get('/System/Info');
    return mapAnswer(this.service, () => mediaBrowserInfo(body));
  }

  private async get(path: string, query?: Record<string, number>): Promise<unknown> {
    const res = await this.http.request<unknown>({
      service: this.service,
      baseUrl: requireSetting(this.service, this.entry.url, 'URL'),
      path,
      query,
      headers: {
        Accept: 'application/json',
        'X-Emby-Token': requireSetting(this.service, this.entry.token, 'token'),
      },
      errorMessage: mediaBrowserErrorMessage,
    });
    return res.data;
  }
}
