import { createHmac, randomBytes } from 'node:crypto';
import { json, type SimRequest, type SimResponse } from '../core';
import type { SeerrContext, SeerrRoute } from './seerr.context';
import { handlerError } from './seerr.errors';
import type { SeerrUser } from './seerr.model';
import type { SeerrState } from './seerr.state';
import { cookies } from './seerr.validator';

/** express-session's signing secret; the simulator's own. */
const SESSION_SECRET = 'seerr-simulator-session-secret';
const SESSION_DAYS = 30;

/** cookie-signature: `s:<id>.<base64 HMAC-SHA256 without padding>`. */
function signed(sid: string): string {
  const mac = createHmac('sha256', SESSION_SECRET).update(sid).digest('base64').replace(/=+$/, '');
  return `s:${sid}.${mac}`;
}

/** The user of a valid `connect.sid` session cookie (checkUser's fallback when no right key is sent). */
export function sessionUser(req: SimRequest, state: SeerrState): SeerrUser | undefined {
  const value = cookies(req)['connect.sid'];
  const sid = value?.startsWith('s:') ? value.slice(2, value.lastIndexOf('.')) : undefined;
  if (!sid || signed(sid) !== value) return undefined;
  const id = state.sessions.get(sid);
  return id === undefined ? undefined : state.users.get(id);
}

/**
 * POST /auth/local as Seerr 3.1.0 does it: the sign-in switch first, then the e-mail alone (lower-cased;
 * a user created without one has its username there) and the password; a user without a password never
 * signs in. The answer is the user as the sign-in query selects it (id, e-mail, password, plexId) after
 * `filter()`: only the entity defaults, the id and the displayName, which falls back to the e-mail.
 */
function signIn(ctx: SeerrContext): SimResponse {
  const { body, state } = ctx;
  if (!state.settings.main.localLogin) return json(500, { error: 'Password sign-in is disabled.' });
  const email = body.email as string;
  const password = body.password as string;
  if (!email || !password) {
    return json(500, { error: 'You must provide both an email address and a password.' });
  }
  const user = state.userByEmail(email);
  if (!user?.password || user.password !== password) return handlerError(403, 'Access denied.');
  const sid = randomBytes(24).toString('base64url');
  state.sessions.set(sid, user.id);
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000).toUTCString();
  const sameSite = state.settings.network.csrfProtection ? 'Strict' : 'Lax';
  const cookie = `connect.sid=${encodeURIComponent(signed(sid))}; Path=/; Expires=${expires}; HttpOnly; SameSite=${sameSite}`;
  return json(
    200,
    { permissions: 0, warnings: [], id: user.id, displayName: user.email },
    { 'Set-Cookie': cookie },
  );
}

export const authRoutes: SeerrRoute[] = [
  { method: 'POST', path: '/auth/local', guard: 'public', handler: signIn },
];
