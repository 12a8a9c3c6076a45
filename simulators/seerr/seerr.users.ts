import { randomBytes } from 'node:crypto';
import { json, type SimResponse } from '../core';
import { hasPermission, Permission, UserType } from './seerr.constants';
import { idParam, num, type SeerrContext, type SeerrRoute } from './seerr.context';
import { handlerError, userNotFound } from './seerr.errors';
import { gravatar, isoSeconds } from './seerr.generate-users';
import { displayName, page, pageInfo, requestColumns, requestJson, userRead } from './seerr.json';
import type { SeerrUser } from './seerr.model';
import { emptyUser } from './seerr.state';
import { listUsers } from './seerr.user-list';

const canManageUsers = (ctx: SeerrContext) => hasPermission(Permission.MANAGE_USERS, ctx.user.permissions);

/** Only the owner may grant ADMIN. */
export function canGrant(permissions: unknown, ctx: SeerrContext): boolean {
  return !(
    typeof permissions === 'number' &&
    hasPermission(Permission.ADMIN, permissions) &&
    ctx.user.id !== 1
  );
}

function getUser(ctx: SeerrContext): SimResponse {
  const user = ctx.state.users.get(idParam(ctx, 'userId'));
  if (!user) return userNotFound();
  return json(200, userRead(ctx.state, user, { showFiltered: canManageUsers(ctx), withSettings: true }));
}

/** POST /user step by step as in Seerr (e-mail fallback, duplicate, password): the order picks the error. */
function createUser(ctx: SeerrContext): SimResponse {
  const { body, state } = ctx;
  const email = (body.email || body.username) as string | undefined;
  if (email === undefined) {
    return handlerError(500, "Cannot read properties of undefined (reading 'toLowerCase')");
  }
  if (state.userByEmail(email)) {
    return handlerError(409, 'User already exists with submitted email.', ['USER_EXISTS']);
  }
  const explicit = typeof body.password === 'string' && body.password.length > 0;
  if (!explicit && !state.settings.email.enabled)
    return handlerError(500, 'Email notifications must be enabled');
  const password = explicit ? (body.password as string) : randomBytes(12).toString('base64url').slice(0, 16);
  if (!explicit) state.outbox.push({ to: email.toLowerCase(), password });
  const now = isoSeconds(Date.now());
  const avatar = typeof body.avatar === 'string' ? body.avatar : gravatar(email);
  const username = body.username as string | undefined;
  const permissions = state.settings.main.defaultPermissions;
  const user = state.addUser({
    ...emptyUser(now, permissions),
    ...{ email, username: username ?? null, avatar, password, userType: UserType.LOCAL },
  });
  // user.filter() of the saved entity: the fields set in the constructor, then what the save added (id,
  // timestamps, every other nullable column as null); no email, displayName, requestCount or password.
  const out = { permissions, warnings: [], avatar, username: user.username, userType: UserType.LOCAL };
  return json(201, {
    ...out,
    ...{ id: user.id, createdAt: now, updatedAt: now, plexUsername: null, jellyfinUsername: null },
    ...{ recoveryLinkExpirationDate: null, jellyfinUserId: null, avatarETag: null, avatarVersion: null },
    ...{ movieQuotaLimit: null, movieQuotaDays: null, tvQuotaLimit: null, tvQuotaDays: null },
  });
}

function bulkUpdate(ctx: SeerrContext): SimResponse {
  const { body, state } = ctx;
  if (!canGrant(body.permissions, ctx)) {
    return handlerError(403, 'You do not have permission to grant this level of access');
  }
  const ids = (Array.isArray(body.ids) ? (body.ids as unknown[]) : []).map(Number);
  const users = [...new Set(ids)]
    .filter((id) => ctx.user.id === 1 || id !== 1)
    .map((id) => state.users.get(id))
    .filter((u): u is SeerrUser => !!u);
  for (const u of users) {
    if (typeof body.permissions === 'number') u.permissions = body.permissions;
    state.touch(u);
  }
  return json(
    200,
    users.map((u) => userRead(state, u, { showFiltered: true, withSettings: true })),
  );
}

/** PUT /user/{id}: only username and permissions are copied; omitted ones stay (and vanish from the reply). */
function updateUser(ctx: SeerrContext): SimResponse {
  const { body, state } = ctx;
  const user = state.users.get(idParam(ctx, 'userId'));
  if (!user) return userNotFound();
  if (user.id === 1 && ctx.user.id !== 1)
    return handlerError(403, 'You do not have permission to modify this user');
  if (!canGrant(body.permissions, ctx)) {
    return handlerError(403, 'You do not have permission to grant this level of access');
  }
  const loadedName = displayName(user);
  if (body.username !== undefined) user.username = body.username as string | null;
  if (body.permissions !== undefined) user.permissions = body.permissions as number;
  state.touch(user);
  const out = userRead(state, user, { showFiltered: false, displayNameAtLoad: loadedName });
  if (body.username === undefined) delete out.username;
  if (body.permissions === undefined) delete out.permissions;
  return json(200, out);
}

function deleteUser(ctx: SeerrContext): SimResponse {
  const { state } = ctx;
  const user = state.users.get(idParam(ctx, 'userId'));
  if (!user) return userNotFound();
  if (user.id === 1) return handlerError(405, 'This account cannot be deleted.');
  if (hasPermission(Permission.ADMIN, user.permissions) && ctx.user.id !== 1) {
    return handlerError(405, 'You cannot delete users with administrative privileges.');
  }
  const out = userRead(state, user, { showFiltered: false, withSettings: true });
  // TypeORM's remove() clears the primary key of every removed entity.
  const requests = state.deleteUser(user.id).map((r) => ({ ...requestColumns(r), id: undefined }));
  return json(200, { ...out, requests });
}

function userRequests(ctx: SeerrContext): SimResponse {
  const take = num(ctx.query.take, 20);
  const skip = num(ctx.query.skip, 0);
  const user = ctx.state.users.get(idParam(ctx, 'userId'));
  if (!user) return userNotFound();
  const viewer = ctx.user;
  if (
    user.id !== viewer.id &&
    !hasPermission([Permission.MANAGE_REQUESTS, Permission.REQUEST_VIEW], viewer.permissions, 'or')
  ) {
    return handlerError(403, "You do not have permission to view this user's requests.");
  }
  const all = ctx.req.faults.emptyLists ? [] : ctx.state.requestsOf(user.id);
  const results = page(all, take, skip).map((r) => requestJson(ctx.state, r));
  return json(200, { pageInfo: pageInfo(all.length, take, skip), results });
}

export const userRoutes: SeerrRoute[] = [
  { method: 'GET', path: '/user', guard: 0, handler: listUsers },
  { method: 'POST', path: '/user', guard: Permission.MANAGE_USERS, handler: createUser },
  { method: 'PUT', path: '/user', guard: Permission.MANAGE_USERS, handler: bulkUpdate },
  { method: 'GET', path: '/user/{userId}', guard: 0, handler: getUser },
  { method: 'PUT', path: '/user/{userId}', guard: Permission.MANAGE_USERS, handler: updateUser },
  { method: 'DELETE', path: '/user/{userId}', guard: Permission.MANAGE_USERS, handler: deleteUser },
  { method: 'GET', path: '/user/{userId}/requests', guard: 0, handler: userRequests },
];
