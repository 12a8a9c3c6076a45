import { APP_NAME, APP_VERSION } from '../common/version';
import { UpstreamError } from '../upstream/upstream-error';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { mapAnswer } from '../upstream/unexpected-answer';
import type { MediaUser } from './media-server.types';
import {
  plexOwner,
  plexServerResources,
  plexShares,
  plexTvAccounts,
  plexTvErrorMessage,
  type PlexResource,
  type PlexShare,
  type PlexTvAccount,
} from './plex.mapper';

export interface PlexTvClientOptions {
  /** Display name in messages, e.g. "plex.tv" or "plex.tv for Plex (Main Plex)". */
  service: string;
  baseUrl: string;
  /** The account owner's plex.tv token. */
  token: string;
  clientIdentifier: string;
}

/**
 * The account-level plex.tv API. v1 endpoints answer XML (a JSON variant is possible, so the format
 * follows the Content-Type); v2 endpoints answer JSON only when `Accept` is exactly `application/json`
 * and refuse any request without `X-Plex-Client-Identifier`.
 */
export class PlexTvClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly options: PlexTvClientOptions,
  ) {}

  /** `/api/users`: friends and Home members of the token's account (never the owner). */
  async accounts(): Promise<PlexTvAccount[]> {
    const body = await this.get('/api/users', 'v1');
    return mapAnswer(this.options.service, () => plexTvAccounts(body));
  }

  /** The accounts sharing one server the token's account owns. */
  async shares(machineIdentifier: string): Promise<PlexShare[]> {
    const { service } = this.options;
    const res = await this.http.request<unknown>({
      ...this.request(`/api/servers/${encodeURIComponent(machineIdentifier)}/shared_servers`, 'v1'),
      acceptStatus: (status) => status === 404,
    });
    if (res.status === 404) {
      throw new UpstreamError(
        service,
        'status',
        `${service} knows no server with machine identifier ${machineIdentifier} owned by this token's account; check the machine identifier.`,
        404,
      );
    }
    return mapAnswer(service, () => plexShares(res.data));
  }

  /** `/api/v2/user`: the token's account itself. */
  async owner(): Promise<MediaUser> {
    const body = await this.get('/api/v2/user', 'v2');
    return mapAnswer(this.options.service, () => plexOwner(body));
  }

  /** `/api/v2/resources`: the account's Plex Media Servers with their connections. */
  async servers(): Promise<PlexResource[]> {
    const body = await this.get('/api/v2/resources', 'v2', { includeHttps: 1, includeRelay: 1 });
    return mapAnswer(this.options.service, () => plexServerResources(body));
  }

  private async get(
    path: string,
    api: 'v1' | 'v2',
    query?: Record<string, string | number>,
  ): Promise<unknown> {
    return (await this.http.request<unknown>({ ...this.request(path, api), query })).data;
  }

  private request(path: string, api: 'v1' | 'v2') {
    const { service, baseUrl, token, clientIdentifier } = this.options;
    return {
      service,
      baseUrl,
      path,
      expect: api === 'v2' ? ('json' as const) : ('auto' as const),
      headers: {
        Accept: api === 'v2' ? 'application/json' : 'application/xml',
        'X-Plex-Token': token,
        'X-Plex-Client-Identifier': clientIdentifier,
        'X-Plex-Product': APP_NAME,
        'X-Plex-Version': APP_VERSION,
      },
      errorMessage: plexTvErrorMessage,
    };
  }
}
