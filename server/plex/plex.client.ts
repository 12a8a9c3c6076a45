import { Injectable } from '@nestjs/common';
import { APP_NAME, APP_VERSION } from '../common/version';
import { ConfigStore } from '../config/config.store';
import { PlexClientIdentifier } from '../plex-common/plex-client-identifier.service';
import { UpstreamError } from '../upstream/upstream-error';
import { UpstreamHttp, type UpstreamFormat, type UpstreamResponse } from '../upstream/upstream-http.service';
import { mapAnswer } from '../upstream/unexpected-answer';
import type { PlexHealthDto, PlexHistoryItemDto, PlexSessionsDto, PlexStatusDto } from './plex.dto';
import {
  plexAccounts,
  plexHistory,
  plexIdentity,
  plexSections,
  plexSessions,
  plexStatus,
  plexStorage,
  plexTotalSize,
  type PlexSection,
  type PlexStorage,
} from './plex.wire';

export const PLEX = 'Plex';

interface Call {
  method?: 'GET' | 'PUT';
  query?: Record<string, string | number | undefined>;
  expect?: UpstreamFormat;
  /** `/identity` is the one endpoint PMS serves without a token. */
  tokenless?: boolean;
  /** Defaults to the transport's rule (GET only). */
  retry?: boolean;
}

export interface PlexHistoryRequest {
  start: number;
  size: number;
  accountId?: number;
  libraryKey?: string;
}

/**
 * The only code that speaks to Plex Media Server (`plex.url`, header X-Plex-Token). It asks for JSON
 * (`Accept: application/json`) but follows the Content-Type, since PMS answers XML by default and some
 * builds ignore Accept on some endpoints. Settings are read at every call, so a saved change applies
 * at once. Failures are UpstreamErrors with a sentence naming Plex.
 */
@Injectable()
export class PlexClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly config: ConfigStore,
    private readonly clientId: PlexClientIdentifier,
  ) {}

  /** The base URL in force (with no trailing slash), for cache keys. */
  get baseUrl(): string {
    return (this.config.get().plex?.url ?? '').trim().replace(/\/+$/, '');
  }

  /** `/identity`: reachable and version, the cheapest call PMS has. */
  async health(): Promise<PlexHealthDto> {
    const started = Date.now();
    const res = await this.call('/identity', { tokenless: true });
    return this.map(() => plexIdentity(res.data, Date.now() - started));
  }

  async status(): Promise<PlexStatusDto> {
    const res = await this.call('/');
    return this.map(() => plexStatus(res.data));
  }

  async sections(): Promise<PlexSection[]> {
    const res = await this.call('/library/sections');
    return this.map(() => plexSections(res.data));
  }

  /** Items of one level of a library, from an empty page's `totalSize` (PMS counts without sending items). */
  async count(key: string, type: number): Promise<number> {
    const res = await this.call(`/library/sections/${encodeURIComponent(key)}/all`, {
      query: { type, includeCollections: 0, ...page(0, 0) },
    });
    return this.map(() => plexTotalSize(res.data, res.headers));
  }

  /** Size on disk and running time of every library. */
  async storage(): Promise<Map<string, PlexStorage>> {
    const res = await this.call('/media/providers', { query: { includeStorage: 1 } });
    return this.map(() => plexStorage(res.data));
  }

  /** Plays of one library in the server's history, from an empty page. */
  async plays(key: string): Promise<number> {
    const res = await this.call('/status/sessions/history/all', {
      query: { librarySectionID: key, ...page(0, 0) },
    });
    return this.map(() => plexTotalSize(res.data, res.headers));
  }

  async sessions(): Promise<PlexSessionsDto> {
    const res = await this.call('/status/sessions');
    return this.map(() => plexSessions(res.data, new Date()));
  }

  /** One page of the playback history, newest first (it can be huge, so it is always paged). */
  async history(
    req: PlexHistoryRequest,
    accounts: ReadonlyMap<number, string>,
  ): Promise<{ total: number; items: PlexHistoryItemDto[] }> {
    const res = await this.call('/status/sessions/history/all', {
      query: {
        sort: 'viewedAt:desc',
        accountID: req.accountId,
        librarySectionID: req.libraryKey,
        ...page(req.start, req.size),
      },
    });
    return this.map(() => plexHistory(res.data, res.headers, accounts));
  }

  async accounts(): Promise<Map<number, string>> {
    const res = await this.call('/accounts');
    return this.map(() => plexAccounts(res.data));
  }

  /**
   * Starts a scan and returns at once (PMS scans in the background and marks the section
   * `refreshing`). GET is what python-plexapi sends and every PMS accepts; never retried.
   */
  async scan(key: string, force: boolean): Promise<void> {
    await this.call(`/library/sections/${encodeURIComponent(key)}/refresh`, {
      query: { force: force ? 1 : undefined },
      expect: 'none',
      // A scan is started with a GET: never send it twice because an answer was slow.
      retry: false,
    });
  }

  /**
   * `GET /status/sessions/terminate?sessionId=…&reason=…`: stops a stream, the reason shown on the
   * player. PMS allows it only on a Plex Pass server and answers 403 otherwise; 404 when the session
   * has already ended. Never retried.
   */
  async terminate(sessionId: string, reason: string): Promise<void> {
    try {
      await this.call('/status/sessions/terminate', {
        query: { sessionId, reason },
        expect: 'none',
        retry: false,
      });
    } catch (err) {
      if (err instanceof UpstreamError && err.upstreamStatus === 403)
        throw new UpstreamError(
          PLEX,
          'status',
          'Plex refused to stop the stream (HTTP 403): stopping streams needs a Plex Pass server, and the ' +
            "server owner's token.",
          403,
        );
      throw err;
    }
  }

  /** `PUT /library/optimize?async=1`: answers at once; returns the activity id PMS gives the job. */
  async optimize(): Promise<string | undefined> {
    const res = await this.call('/library/optimize', { method: 'PUT', query: { async: 1 }, expect: 'none' });
    return res.headers['x-plex-activity'];
  }

  private map<T>(mapper: () => T): T {
    return mapAnswer(PLEX, mapper);
  }

  /** Throws the 503 sentence when the URL or token is missing (before any stream is opened). */
  assertConfigured(tokenless = false): void {
    const { url, token } = this.config.get().plex ?? {};
    if (!url?.trim() || (!tokenless && !token?.trim())) {
      throw new UpstreamError(
        PLEX,
        'not-configured',
        'Plex is not configured: set PLEX_URL and PLEX_TOKEN, or its URL and token in Settings.',
      );
    }
  }

  private async call(path: string, call: Call = {}): Promise<UpstreamResponse<unknown>> {
    this.assertConfigured(call.tokenless);
    const token = this.config.get().plex?.token;
    const method = call.method ?? 'GET';
    try {
      return await this.http.request<unknown>({
        service: PLEX,
        baseUrl: this.baseUrl,
        path,
        method,
        query: call.query,
        expect: call.expect ?? 'auto',
        retry: call.retry,
        headers: {
          Accept: 'application/json',
          'X-Plex-Client-Identifier': this.clientId.get(),
          'X-Plex-Product': APP_NAME,
          'X-Plex-Version': APP_VERSION,
          ...(token?.trim() ? { 'X-Plex-Token': token.trim() } : {}),
        },
      });
    } catch (err) {
      if (err instanceof UpstreamError && err.kind === 'unauthorized') {
        // PMS answers a bad token with 401, and a shared user's token on admin endpoints with 401/403.
        throw new UpstreamError(
          PLEX,
          'unauthorized',
          `Plex rejected the token (HTTP ${err.upstreamStatus}); set the server owner's X-Plex-Token in PLEX_TOKEN or in Settings → Plex.`,
          err.upstreamStatus,
        );
      }
      throw err;
    }
  }
}

/** Plex paging: offset and page size as query parameters (PMS also reads them as headers). */
function page(start: number, size: number): Record<string, number> {
  return { 'X-Plex-Container-Start': start, 'X-Plex-Container-Size': size };
}
