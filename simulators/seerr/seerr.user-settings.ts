import { json, type SimResponse } from '../core';
import { hasPermission, Permission, UserType } from './seerr.constants';
import { idParam, type SeerrContext, type SeerrHandler, type SeerrRoute } from './seerr.context';
import { handlerError, userNotFound } from './seerr.errors';
import type { UserSettingsRow } from './seerr.model';
import { canGrant } from './seerr.users';

const SETTINGS_FIELDS = [
  'discordId',
  'locale',
  'discoverRegion',
  'streamingRegion',
  'excludedWatchProviders',
  'originalLanguage',
  'watchlistSyncMovies',
  'watchlistSyncTv',
] as const;
const QUOTA_FIELDS = ['movieQuotaLimit', 'movieQuotaDays', 'tvQuotaLimit', 'tvQuotaDays'] as const;

/** isOwnProfileOrAdmin(): MANAGE_USERS, or the caller's own id. */
function ownOrManager(handler: SeerrHandler): SeerrHandler {
  return (ctx) =>
    !hasPermission(Permission.MANAGE_USERS, ctx.user.permissions) && ctx.user.id !== idParam(ctx, 'userId')
      ? handlerError(403, "You do not have permission to view this user's settings.")
      : handler(ctx);
}

/**
 * GET …/settings/main in Seerr's key order. A stored settings row gives null for its empty columns; a user
 * without one gets none of those keys, and the global quotas appear only when Seerr has defaults set.
 */
function getMain(ctx: SeerrContext): SimResponse {
  const user = ctx.state.users.get(idParam(ctx, 'userId'));
  if (!user) return userNotFound();
  const quotas = ctx.state.settings.main.defaultQuotas;
  const row = user.settings;
  const setting = (k: (typeof SETTINGS_FIELDS)[number]) => [k, row ? (row[k] ?? null) : undefined];
  return json(200, {
    username: user.username,
    email: user.email,
    ...Object.fromEntries(SETTINGS_FIELDS.slice(0, 6).map(setting)),
    ...Object.fromEntries(QUOTA_FIELDS.map((k) => [k, user[k]])),
    globalMovieQuotaDays: quotas.movie.quotaDays,
    globalMovieQuotaLimit: quotas.movie.quotaLimit,
    globalTvQuotaDays: quotas.tv.quotaDays,
    globalTvQuotaLimit: quotas.tv.quotaLimit,
    ...Object.fromEntries(SETTINGS_FIELDS.slice(6).map(setting)),
  });
}

/**
 * POST …/settings/main. Fields the body omits are left alone, but the reply is built from the body, so
 * it only echoes what was sent (plus e-mail) and never the quotas. Non-Plex users get
 * `email := body.email || jellyfinUsername || email`: omitting it renames a Jellyfin user's e-mail.
 */
function postMain(ctx: SeerrContext): SimResponse {
  const { body, state } = ctx;
  const user = state.users.get(idParam(ctx, 'userId'));
  if (!user) return userNotFound();
  if (user.id === 1 && ctx.user.id !== 1) {
    return handlerError(403, "You do not have permission to modify this user's settings.");
  }
  const columns = () => JSON.stringify([user.username, user.email, ...QUOTA_FIELDS.map((k) => user[k])]);
  const before = columns();
  let replyEmail = user.email;
  if (user.userType !== UserType.PLEX) {
    replyEmail = (body.email as string) || user.jellyfinUsername || user.email;
    const owner = state.userByEmail(replyEmail);
    if (replyEmail !== user.email && owner && owner.id !== user.id) return handlerError(400, 'INVALID_EMAIL');
  }
  if (body.username !== undefined) user.username = body.username as string | null;
  if (replyEmail.toLowerCase() !== user.email) state.setEmail(user, replyEmail);
  if (!hasPermission(Permission.MANAGE_USERS, user.permissions) && ctx.user.id !== user.id) {
    for (const k of QUOTA_FIELDS) if (body[k] !== undefined) user[k] = body[k] as number | null;
  }
  user.settings ??= { id: state.nextSettingsId++ };
  const settings: UserSettingsRow = user.settings;
  for (const k of SETTINGS_FIELDS) if (body[k] !== undefined) Object.assign(settings, { [k]: body[k] });
  // TypeORM writes only changed columns, so a post of the same values leaves updatedAt alone.
  if (columns() !== before) state.touch(user);
  return json(200, {
    username: body.username,
    ...Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, body[k]])),
    email: replyEmail,
  });
}

function getPassword(ctx: SeerrContext): SimResponse {
  const user = ctx.state.users.get(idParam(ctx, 'userId'));
  return user ? json(200, { hasPassword: !!user.password }) : userNotFound();
}

/** Length is checked before permissions; a manager changing someone else's password needs no current one. */
function postPassword(ctx: SeerrContext): SimResponse {
  const { body } = ctx;
  const user = ctx.state.users.get(idParam(ctx, 'userId'));
  if (!user) return userNotFound();
  const newPassword = body.newPassword as string;
  if (newPassword.length < 8) return handlerError(400, 'Password must be at least 8 characters.');
  const caller = ctx.user;
  if (
    (user.id === 1 && caller.id !== 1) ||
    (hasPermission(Permission.ADMIN, user.permissions) && user.id !== caller.id && caller.id !== 1)
  ) {
    return handlerError(403, "You do not have permission to modify this user's password.");
  }
  const override = hasPermission(Permission.MANAGE_USERS, caller.permissions) && caller.id !== user.id;
  if (!override && user.password && body.currentPassword !== user.password) {
    return handlerError(403, 'Current password is invalid.');
  }
  user.password = newPassword;
  ctx.state.touch(user);
  return { status: 204 };
}

function getPermissions(ctx: SeerrContext): SimResponse {
  const user = ctx.state.users.get(idParam(ctx, 'userId'));
  return user ? json(200, { permissions: user.permissions }) : userNotFound();
}

function postPermissions(ctx: SeerrContext): SimResponse {
  const user = ctx.state.users.get(idParam(ctx, 'userId'));
  if (!user) return userNotFound();
  if (user.id === 1 || ctx.user.id === user.id) {
    return handlerError(403, 'You do not have permission to modify this user');
  }
  if (!canGrant(ctx.body.permissions, ctx)) {
    return handlerError(403, 'You do not have permission to grant this level of access');
  }
  user.permissions = ctx.body.permissions as number;
  ctx.state.touch(user);
  return json(200, { permissions: user.permissions });
}

const base = '/user/{userId}/settings';
export const userSettingsRoutes: SeerrRoute[] = [
  { method: 'GET', path: `${base}/main`, guard: 0, handler: ownOrManager(getMain) },
  { method: 'POST', path: `${base}/main`, guard: 0, handler: ownOrManager(postMain) },
  { method: 'GET', path: `${base}/password`, guard: 0, handler: ownOrManager(getPassword) },
  { method: 'POST', path: `${base}/password`, guard: 0, handler: ownOrManager(postPassword) },
  { method: 'GET', path: `${base}/permissions`, guard: Permission.MANAGE_USERS, handler: getPermissions },
  { method: 'POST', path: `${base}/permissions`, guard: Permission.MANAGE_USERS, handler: postPermissions },
];
