import type { MediaServerSection } from '../config/config.schema';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { mapAnswer } from '../upstream/unexpected-answer';
import { requireSetting, serverLabel } from './media-server.errors';
import {
  includesOwner,
  type MediaServerClient,
  type MediaServerInfo,
  type MediaUser,
} from './media-server.types';
import { plexServerInfo, plexUsers } from './plex.mapper';
import type { PlexTvClient } from './plextv.client';

/**
 * A Plex server's users live on plex.tv, not on the server: the owner's friends and Home members
 * (`/api/users`), narrowed to one server's shares when its machine identifier is set, plus the owner
 * when asked. The server itself (PMS at the entry's URL) only answers `info()`.
 */
export class PlexUsersClient implements MediaServerClient {
  readonly type = 'plex' as const;
  private readonly service: string;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly entry: MediaServerSection,
    private readonly plexTv: PlexTvClient,
  ) {
    this.service = serverLabel(entry);
  }

  async listUsers(): Promise<MediaUser[]> {
    requireSetting(this.service, this.entry.token, 'token');
    const machineIdentifier = this.entry.machine_identifier?.trim();
    // Neither /api/users nor shared_servers lists the owner; /api/v2/user is the only way to get them.
    const [accounts, shares, owner] = await Promise.all([
      this.plexTv.accounts(),
      machineIdentifier ? this.plexTv.shares(machineIdentifier) : undefined,
      includesOwner(this.entry) ? this.plexTv.owner() : undefined,
    ]);
    const users = plexUsers(accounts, shares);
    return owner ? [owner, ...users.filter((u) => u.id !== owner.id)] : users;
  }

  async info(): Promise<MediaServerInfo> {
    const res = await this.http.request<unknown>({
      service: this.service,
      baseUrl: requireSetting(this.service, this.entry.url, 'URL'),
      path: '/',
      // PMS answers JSON for this Accept; older builds answer XML regardless, so follow the Content-Type.
      expect: 'auto',
      headers: {
        Accept: 'application/json',
        'X-Plex-Token': requireSetting(this.service, this.entry.token, 'token'),
      },
    });
    return mapAnswer(this.service, () => plexServerInfo(res.data));
  }
}
