import type { SeerrMedia, SeerrRequest, SeerrUser } from './seerr.model';
import type { SeerrState } from './seerr.state';

/** How Seerr serialises its entities: users with `displayName`, requests with full user rows. */

export function displayName(u: SeerrUser): string {
  return u.username || u.plexUsername || u.jellyfinUsername || u.email;
}

/** Every selected column (password and tokens are never selected). */
export function userColumns(u: SeerrUser): Record<string, unknown> {
  return {
    id: u.id,
    email: u.email,
    plexUsername: u.plexUsername,
    jellyfinUsername: u.jellyfinUsername,
    username: u.username,
    recoveryLinkExpirationDate: u.recoveryLinkExpirationDate,
    userType: u.userType,
    plexId: u.plexId,
    jellyfinUserId: u.jellyfinUserId,
    permissions: u.permissions,
    avatar: u.avatar,
    avatarETag: u.avatarETag,
    avatarVersion: u.avatarVersion,
    movieQuotaLimit: u.movieQuotaLimit,
    movieQuotaDays: u.movieQuotaDays,
    tvQuotaLimit: u.tvQuotaLimit,
    tvQuotaDays: u.tvQuotaDays,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

/** User.filter(): without MANAGE_USERS the e-mail, plexId and settings are dropped. */
export function filterUser(user: Record<string, unknown>, showFiltered: boolean): Record<string, unknown> {
  if (showFiltered) return user;
  const { email: _e, plexId: _p, settings: _s, ...rest } = user;
  return rest;
}

export interface UserReadOptions {
  showFiltered: boolean;
  /** Single-user reads load the eager settings relation; list reads do not. */
  withSettings?: boolean;
  /** displayName is computed at load time, so it can be stale after an update in the same call. */
  displayNameAtLoad?: string;
  warnings?: string[];
}

export function userRead(state: SeerrState, u: SeerrUser, options: UserReadOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...userColumns(u),
    ...(options.withSettings ? { settings: u.settings ? { ...u.settings } : null } : {}),
    requestCount: state.requestCount(u.id),
    displayName: options.displayNameAtLoad ?? displayName(u),
    warnings: options.warnings ?? [],
  };
  return filterUser(out, options.showFiltered);
}

/** A user joined into a request: the full row (e-mail included), no request count, no settings. */
export function joinedUser(u: SeerrUser | undefined): Record<string, unknown> | null {
  return u ? { ...userColumns(u), displayName: displayName(u), warnings: [] } : null;
}

export function mediaJson(m: SeerrMedia): Record<string, unknown> {
  return { ...m, downloadStatus: [], downloadStatus4k: [] };
}

/** The MediaRequest columns alone (what a loaded `user.requests` relation holds). */
export function requestColumns(r: SeerrRequest): Record<string, unknown> {
  return {
    id: r.id,
    status: r.status,
    type: r.type,
    is4k: r.is4k,
    isAutoRequest: r.isAutoRequest,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    serverId: r.serverId,
    profileId: r.profileId,
    rootFolder: r.rootFolder,
    languageProfileId: r.languageProfileId,
    tags: r.tags,
  };
}

/** A request with its media, seasons, requestedBy and modifiedBy joined. */
export function requestJson(state: SeerrState, r: SeerrRequest): Record<string, unknown> {
  const media = state.media.get(r.mediaId);
  return {
    ...requestColumns(r),
    seasonCount: r.seasons.length,
    seasons: r.seasons.map((s) => ({ ...s })),
    media: media ? mediaJson(media) : null,
    requestedBy: joinedUser(state.users.get(r.requestedById)),
    modifiedBy: r.modifiedById === null ? null : joinedUser(state.users.get(r.modifiedById)),
  };
}

/** Seerr's page math: pages = ceil(total/take), page = ceil(skip/take) + 1, pageSize = take. */
export function pageInfo(total: number, take: number, skip: number) {
  return { pages: Math.ceil(total / take), pageSize: take, results: total, page: Math.ceil(skip / take) + 1 };
}

/** TypeORM's take/skip; a take of 0 or less means no limit (SQLite LIMIT -1). */
export function page<T>(items: T[], take: number, skip: number): T[] {
  return items.slice(skip, take > 0 ? skip + take : undefined);
}
