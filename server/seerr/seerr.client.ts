import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { ConcurrencyLimit } from '../upstream/concurrency-limit';
import { assertCompleteList } from '../upstream/incomplete-list';
import { NamedCache } from '../upstream/named-cache';
import { unexpectedAnswer } from '../upstream/unexpected-answer';
import { UpstreamError } from '../upstream/upstream-error';
import { UpstreamHttp, type UpstreamFormat } from '../upstream/upstream-http.service';
import type {
  NewSeerrUser,
  SeerrAbout,
  SeerrConnection,
  SeerrMainSettings,
  SeerrMediaDetails,
  SeerrQuotas,
  SeerrRequest,
  SeerrRequestCounts,
  SeerrRequestFilter,
  SeerrStatus,
  SeerrUser,
} from './seerr.types';
import {
  asPage,
  SEERR,
  seerrMessage,
  toSeerrRequest,
  toSeerrUser,
  type WireRequest,
  type WireUser,
} from './seerr.wire';

export const SEERR_MIN_PASSWORD_LENGTH = 8;
const PAGE_SIZE = 1000;
/** A Seerr that ignores `skip` would page forever; no real install has a million rows. */
const MAX_PAGES = 1000;
/** The permission guard's sentence (a 403 with `error`, no `message`): the key itself was refused. */
const GUARD_SENTENCE = 'You do not have permission to access this endpoint';

interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  expect?: UpstreamFormat;
  /** `GET /status` is public: it needs only the URL. */
  keyless?: boolean;
}

/**
 * Seerr's CSRF protection refuses every write without a browser's token, so the API key can read but
 * never change anything (Seerr answers 403 "invalid csrf token").
 */
export const SEERR_CSRF_SENTENCE =
  "Seerr's CSRF protection is on, and it blocks every change made with the API key, which is how the panel writes; turn it off in Seerr → Settings → Network → Enable CSRF Protection.";

/** Seerr's 403 "invalid csrf token": CSRF protection is on. */
export function isSeerrCsrfBlock(err: unknown): boolean {
  return (
    err instanceof UpstreamError && err.upstreamStatus === 403 && /csrf/i.test(err.upstreamMessage ?? '')
  );
}

/** Seerr's 409 "User already exists with submitted email." from createUser. */
export function isSeerrUserExists(err: unknown): boolean {
  return err instanceof UpstreamError && err.upstreamStatus === 409;
}

/**
 * The only code that speaks to Seerr (`{url}/api/v1`, header X-Api-Key), through the shared transport:
 * reads are retried, writes never. The connection is read from the configuration at every call, so a
 * saved change applies at once; `connect()` gives a client bound to other values (to test them unsaved).
 */
@Injectable()
export class SeerrClient {
  private bound?: SeerrConnection;
  /** Unknown ids (null) are not kept: Seerr answers a TMDB outage the same way. */
  private readonly titles = new NamedCache<SeerrMediaDetails | null>(
    'seerr-titles',
    6 * 60 * 60 * 1000,
    5000,
    'Seerr fetches each title and poster from TMDB (throttled, and slow next to its database reads), and they hardly ever change',
    (details) => details !== null,
  );
  /** Seerr asks callers to keep concurrent TMDB lookups to 5–10. */
  private readonly titleLookups = new ConcurrencyLimit(6);

  constructor(
    private readonly http: UpstreamHttp,
    private readonly config: ConfigStore,
  ) {}

  connect(connection: SeerrConnection): SeerrClient {
    const client = new SeerrClient(this.http, this.config);
    client.bound = { ...connection };
    return client;
  }

  connection(): SeerrConnection {
    return this.bound ?? this.config.get().seerr;
  }

  /** Version, from the public status endpoint (answers without a valid key). */
  async status(): Promise<SeerrStatus> {
    const status = await this.call<Partial<SeerrStatus>>('/status', { keyless: true });
    if (typeof status?.version !== 'string') throw unexpectedAnswer(SEERR, 'no version in /status');
    return { version: status.version, commitTag: status.commitTag };
  }

  about(): Promise<SeerrAbout> {
    return this.call<SeerrAbout>('/settings/about');
  }

  mainSettings(): Promise<SeerrMainSettings> {
    return this.call<SeerrMainSettings>('/settings/main');
  }

  /** The user the key acts as (user 1); the probe for "is the key valid?". */
  async me(): Promise<SeerrUser> {
    return toSeerrUser(await this.call<WireUser>('/auth/me'));
  }

  /** Every Seerr user, in id order. */
  async listUsers(): Promise<SeerrUser[]> {
    const rows = await this.allPages<WireUser>('/user', { sort: 'created' }, 'users', PAGE_SIZE);
    return rows.map(toSeerrUser);
  }

  async userCount(): Promise<number> {
    const page = asPage(await this.call('/user', { query: { take: 1 } }), 'a user list');
    return page.pageInfo.results;
  }

  /**
   * Creates a local user and returns its id. Seerr gives it its default permissions whatever is sent.
   * A taken e-mail (or, without one, username) fails with Seerr's 409 sentence (`isSeerrUserExists`).
   */
  async createUser(user: NewSeerrUser): Promise<{ id: number }> {
    // Without a password Seerr mails a generated one, or fails with a 500 when mail is off.
    if (!user.password) throw new BadRequestException('A new Seerr user needs a password.');
    const body = {
      username: user.username,
      password: user.password,
      ...(user.email ? { email: user.email } : {}),
    };
    const created = await this.call<{ id?: unknown }>('/user', { method: 'POST', body });
    if (typeof created?.id !== 'number') throw unexpectedAnswer(SEERR, 'the created user has no id');
    return { id: created.id };
  }

  async setPermissions(id: number, permissions: number): Promise<void> {
    if (!Number.isInteger(permissions) || permissions < 0) {
      throw new BadRequestException('Seerr permissions must be a non-negative integer.');
    }
    await this.call(`/user/${seerrId(id)}/settings/permissions`, { method: 'POST', body: { permissions } });
  }

  /**
   * Gives many users the same permissions in one write (Seerr's bulk `PUT /user`), and returns the ids
   * Seerr answered as updated to them. Seerr silently leaves out ids it does not have, and user 1
   * unless the key acts as user 1.
   */
  async setPermissionsOfMany(ids: readonly number[], permissions: number): Promise<Set<number>> {
    if (!Number.isInteger(permissions) || permissions < 0) {
      throw new BadRequestException('Seerr permissions must be a non-negative integer.');
    }
    const body = { ids: ids.map(seerrId), permissions };
    const updated = await this.call<unknown>('/user', { method: 'PUT', body });
    if (!Array.isArray(updated)) throw unexpectedAnswer(SEERR, 'the bulk user update is not a list');
    return new Set(
      (updated as Array<Partial<WireUser> | null>)
        .filter((u) => typeof u?.id === 'number' && (u.permissions ?? permissions) === permissions)
        .map((u) => u?.id as number),
    );
  }

  /**
   * Request limits. Seerr writes them only for users without MANAGE_USERS/ADMIN (it never limits those)
   * and still answers 200. It leaves an omitted username alone, but rewrites a Jellyfin/Emby user's
   * omitted e-mail to their Jellyfin name, so the e-mail is echoed: the one in `known` (the user as
   * listed moments ago, or just created as a LOCAL user), or else the one read from Seerr first.
   */
  async setQuotas(id: number, quotas: SeerrQuotas, known?: { email: string | null }): Promise<void> {
    const path = `/user/${seerrId(id)}/settings/main`;
    const email = known ? known.email : (await this.call<{ email?: string }>(path))?.email;
    await this.call(path, { method: 'POST', body: { ...quotas, ...(email ? { email } : {}) } });
  }

  /**
   * A write that changes nothing: user 1's settings/main posted back with its own username and e-mail
   * (Seerr leaves every omitted field alone and never writes quotas on the caller itself). It fails
   * where every write of the sync would: CSRF protection, a read-only proxy, a key without MANAGE_USERS.
   */
  async rewriteOwnerSettings(): Promise<void> {
    const path = '/user/1/settings/main';
    const current = await this.call<{ username?: string | null; email?: string }>(path);
    const body: Record<string, unknown> = {};
    if (current?.username !== undefined) body.username = current.username;
    if (current?.email) body.email = current.email;
    await this.call(path, { method: 'POST', body });
  }

  async setPassword(id: number, password: string): Promise<void> {
    const tooShort = `Seerr requires passwords of at least ${SEERR_MIN_PASSWORD_LENGTH} characters.`;
    if (password.length < SEERR_MIN_PASSWORD_LENGTH) throw new BadRequestException(tooShort);
    try {
      const body = { newPassword: password };
      await this.call(`/user/${seerrId(id)}/settings/password`, { method: 'POST', body, expect: 'none' });
    } catch (err) {
      if (
        err instanceof UpstreamError &&
        err.upstreamStatus === 400 &&
        /at least/i.test(err.upstreamMessage ?? '')
      ) {
        throw new BadRequestException(tooShort);
      }
      throw err;
    }
  }

  /** Deletes the user and, in Seerr, all of their requests. User 1 (the owner) is refused here. */
  async deleteUser(id: number): Promise<void> {
    if (seerrId(id) === 1) throw new BadRequestException("Seerr's user 1 (the owner) can never be deleted.");
    await this.call(`/user/${id}`, { method: 'DELETE', expect: 'none' });
  }

  /** Every request matching the filter, newest first; `take` is the page size. */
  async listRequests(options: { filter?: SeerrRequestFilter; take?: number } = {}): Promise<SeerrRequest[]> {
    const take = Math.min(Math.max(options.take ?? 100, 1), PAGE_SIZE);
    const rows = await this.allPages<WireRequest>('/request', { filter: options.filter }, 'requests', take);
    return rows.map(toSeerrRequest);
  }

  /** How many requests match, e.g. `deleted` = completed requests whose media was removed since. */
  async countRequests(filter: SeerrRequestFilter): Promise<number> {
    const data = await this.call('/request', { query: { filter, take: 1 } });
    return asPage(data, 'a request list').pageInfo.results;
  }

  requestCounts(): Promise<SeerrRequestCounts> {
    return this.call<SeerrRequestCounts>('/request/count');
  }

  /**
   * Approves or declines a pending request (`POST /request/{id}/approve|decline`, MANAGE_REQUESTS) and
   * returns it as Seerr saved it. An unknown id is a 404; Seerr 3 refuses a request that is no longer
   * pending with a 409.
   */
  async setRequestStatus(id: number, action: 'approve' | 'decline'): Promise<SeerrRequest> {
    const saved = await this.requestCall<WireRequest | null>(id, () =>
      this.call(`/request/${seerrId(id)}/${action}`, { method: 'POST' }),
    );
    if (typeof saved?.id !== 'number' || typeof saved.status !== 'number') {
      throw unexpectedAnswer(SEERR, `the ${action}d request is not a request`);
    }
    return toSeerrRequest(saved);
  }

  /** Removes a request (`DELETE /request/{id}`, 204); the API key (owner) may remove any. */
  async deleteRequest(id: number): Promise<void> {
    await this.requestCall(id, () =>
      this.call(`/request/${seerrId(id)}`, { method: 'DELETE', expect: 'none' }),
    );
  }

  /**
   * The movie's or series' title and TMDB poster path, or null when Seerr cannot get them (it answers
   * 500 for unknown ids).
   */
  mediaDetails(type: 'movie' | 'tv', tmdbId: number): Promise<SeerrMediaDetails | null> {
    const key = `${this.connection().url}|${type}|${tmdbId}`;
    return this.titles.get(key, () =>
      this.titleLookups.run(async () => {
        try {
          const item = await this.call<{ title?: unknown; name?: unknown; posterPath?: unknown }>(
            `/${type}/${seerrId(tmdbId)}`,
          );
          const title = type === 'movie' ? item?.title : item?.name;
          const poster = item?.posterPath;
          return {
            title: typeof title === 'string' && title ? title : null,
            posterPath: typeof poster === 'string' && poster.startsWith('/') ? poster : null,
          };
        } catch (err) {
          if (err instanceof UpstreamError && err.upstreamStatus === 500) return null;
          throw err;
        }
      }),
    );
  }

  /**
   * Seerr's handler answers 404 "Request not found." for an id it does not hold (its validator's 404
   * "not found" means a wrong path, so a wrong URL stays a 502), and 409 for a request in the wrong state.
   */
  private async requestCall<T>(id: number, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (
        err instanceof UpstreamError &&
        err.upstreamStatus === 404 &&
        /request not found/i.test(err.upstreamMessage ?? '')
      ) {
        throw new NotFoundException(`Seerr has no request ${id}.`);
      }
      if (err instanceof UpstreamError && err.upstreamStatus === 409) {
        throw new ConflictException(`Seerr refused: ${err.upstreamMessage ?? 'the request is not pending'}`);
      }
      throw err;
    }
  }

  private async allPages<T>(
    path: string,
    query: Record<string, string | undefined>,
    /** The rows, plural: "users". */
    what: string,
    take: number,
  ): Promise<T[]> {
    const rows: T[] = [];
    for (let n = 0; n < MAX_PAGES; n++) {
      const page = asPage<T>(
        await this.call(path, { query: { ...query, take, skip: n * take } }),
        `a list of ${what}`,
      );
      rows.push(...page.results);
      // Seerr's pageInfo has page = ceil(skip / take) + 1 and pages = ceil(total / take):
      // stop on a short page or the last page, once the rows add up to the total.
      if (page.results.length < take || page.pageInfo.page >= page.pageInfo.pages) {
        assertCompleteList(SEERR, what, rows.length, page.pageInfo.results);
        return rows;
      }
    }
    throw unexpectedAnswer(SEERR, `a list of ${what} that never ends`);
  }

  private async call<T = unknown>(path: string, call: Call = {}): Promise<T> {
    const { url, api_key } = this.connection();
    if (!url?.trim() || (!call.keyless && !api_key)) {
      throw new UpstreamError(
        SEERR,
        'not-configured',
        'Seerr is not configured: set its URL and API key in Settings → Seerr.',
      );
    }
    try {
      const res = await this.http.request<T>({
        service: SEERR,
        baseUrl: `${url.trim().replace(/\/+$/, '')}/api/v1`,
        path,
        method: call.method,
        query: call.query,
        body: call.body,
        expect: call.expect,
        headers: api_key ? { 'X-Api-Key': api_key } : {},
        errorMessage: seerrMessage,
      });
      return res.data;
    } catch (err) {
      throw refused(err);
    }
  }
}

function seerrId(id: number): number {
  if (!Number.isInteger(id) || id < 1) throw new BadRequestException(`${id} is not a Seerr id.`);
  return id;
}

/**
 * The transport reads every 403 as refused credentials. Seerr also answers 403 from its handlers
 * ("You do not have permission to modify this user") and from CSRF protection, with a `message` body;
 * only the guard's sentence means the key itself was refused.
 */
function refused(err: unknown): unknown {
  if (!(err instanceof UpstreamError) || err.upstreamStatus !== 403 || !err.upstreamMessage) return err;
  const message = err.upstreamMessage;
  if (message === GUARD_SENTENCE) return err;
  const sentence = /csrf/i.test(message) ? SEERR_CSRF_SENTENCE : `Seerr refused: ${message}`;
  return new UpstreamError(SEERR, 'status', sentence, 403, message);
}
