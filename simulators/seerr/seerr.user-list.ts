import { json, shortPage, type SimResponse } from '../core';
import { hasPermission, MediaRequestStatus, Permission } from './seerr.constants';
import { idParam, num, type SeerrContext } from './seerr.context';
import { handlerError } from './seerr.errors';
import { page, pageInfo, userRead } from './seerr.json';
import type { SeerrUser } from './seerr.model';
import type { SeerrState } from './seerr.state';

/**
 * Seerr's `displayname` sort key, bug included: a user with a plexUsername sorts by LOWER(jellyfinUsername),
 * which is usually NULL, and SQLite puts NULLs first.
 */
function displayKey(u: SeerrUser): string | null {
  if (u.username) return u.username.toLowerCase();
  if (u.plexUsername) return u.jellyfinUsername?.toLowerCase() ?? null;
  if (u.jellyfinUsername) return u.jellyfinUsername.toLowerCase();
  return u.email;
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function sortUsers(state: SeerrState, users: SeerrUser[], sort: unknown): SeerrUser[] {
  const byId = (a: SeerrUser, b: SeerrUser) => a.id - b.id;
  switch (sort) {
    case 'updated':
      return users.sort((a, b) =>
        a.updatedAt === b.updatedAt ? byId(a, b) : a.updatedAt < b.updatedAt ? 1 : -1,
      );
    case 'requests':
      return users.sort((a, b) => state.requestCount(b.id) - state.requestCount(a.id) || byId(a, b));
    case 'displayname':
      return users
        .map((u) => ({ u, key: displayKey(u) }))
        .sort((a, b) => compareKeys(a.key, b.key) || byId(a.u, b.u))
        .map((x) => x.u);
    default:
      return users.sort(byId);
  }
}

/** GET /user: take defaults to 10 (or the number of includeIds), q matches four columns case-insensitively. */
export function listUsers(ctx: SeerrContext): SimResponse {
  const { query, state } = ctx;
  const includeIds = [...new Set(query.includeIds ? String(query.includeIds).split(',') : [])];
  const take = num(query.take, Math.max(10, includeIds.length));
  const skip = num(query.skip, 0);
  const needle = query.q ? String(query.q).toLowerCase() : '';
  let users = ctx.req.faults.emptyLists ? [] : [...state.users.values()];
  if (needle) {
    users = users.filter((u) =>
      [u.username, u.email, u.plexUsername, u.jellyfinUsername].some((v) =>
        v?.toLowerCase().includes(needle),
      ),
    );
  }
  if (includeIds.length > 0) {
    const ids = new Set(includeIds.map(Number));
    users = users.filter((u) => ids.has(u.id));
  }
  const sorted = sortUsers(state, users, query.sort);
  const showFiltered = hasPermission(Permission.MANAGE_USERS, ctx.user.permissions);
  const rows = ctx.req.faults.shortPages
    ? shortPage(page(sorted, take, skip), skip)
    : page(sorted, take, skip);
  const results = rows.map((u) => userRead(state, u, { showFiltered }));
  return json(200, { pageInfo: pageInfo(sorted.length, take, skip), results });
}

interface QuotaPart {
  days?: number;
  limit?: number;
  used: number;
  remaining?: number;
  restricted: boolean;
}

/** User.getQuota(): managers are never limited; TV counts seasons; declined requests don't count. */
function quotaPart(ctx: SeerrContext, user: SeerrUser, kind: 'movie' | 'tv'): QuotaPart {
  const defaults = ctx.state.settings.main.defaultQuotas[kind];
  const bypass = hasPermission(Permission.MANAGE_USERS, user.permissions);
  const limit = bypass
    ? 0
    : ((kind === 'movie' ? user.movieQuotaLimit : user.tvQuotaLimit) ?? defaults.quotaLimit);
  const days = (kind === 'movie' ? user.movieQuotaDays : user.tvQuotaDays) ?? defaults.quotaDays;
  const since = Date.now() - (days ? days * 86_400_000 : 0);
  const used = !limit
    ? 0
    : ctx.state
        .requestsOf(user.id)
        .filter(
          (r) =>
            r.type === kind && r.status !== MediaRequestStatus.DECLINED && Date.parse(r.createdAt) > since,
        )
        .reduce((sum, r) => sum + (kind === 'tv' ? r.seasons.length : 1), 0);
  return {
    days,
    limit,
    used,
    remaining: limit ? Math.max(0, limit - used) : undefined,
    restricted: !!limit && limit - used <= 0,
  };
}

export function userQuota(ctx: SeerrContext): SimResponse {
  const id = idParam(ctx, 'userId');
  if (
    id !== ctx.user.id &&
    !hasPermission([Permission.MANAGE_USERS, Permission.MANAGE_REQUESTS], ctx.user.permissions, 'and')
  ) {
    return handlerError(403, "You do not have permission to view this user's request limits.");
  }
  const user = ctx.state.users.get(id);
  if (!user) {
    const criteria = JSON.stringify({ where: { id } }, null, 4);
    return handlerError(404, `Could not find any entity of type "User" matching: ${criteria}`);
  }
  return json(200, { movie: quotaPart(ctx, user, 'movie'), tv: quotaPart(ctx, user, 'tv') });
}
