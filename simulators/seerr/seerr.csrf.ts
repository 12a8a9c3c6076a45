import { createHash, randomBytes } from 'node:crypto';
import { json, type SimRequest, type SimResponse } from '../core';
import type { SeerrState } from './seerr.state';
import { cookies } from './seerr.validator';

/**
 * Seerr's CSRF mode (Settings → Network): the `csurf` middleware with its secret in a `_csrf` cookie,
 * mounted after the JSON body parser and before the session, the request validator and the routes. So
 * with it on, every POST/PUT/DELETE/PATCH anywhere — API key or not, known path or not — needs a token
 * made from that secret; every answer also carries the current token in an `XSRF-TOKEN` cookie.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Where csurf looks for the token (the body's and query's `_csrf` are checked first). */
const TOKEN_HEADERS = ['csrf-token', 'xsrf-token', 'x-csrf-token', 'x-xsrf-token'];

/** csurf's token: `<salt>-<base64url sha1 of "salt-secret">`; the salt has no "-" (csurf's is alphanumeric). */
export function csrfToken(secret: string, salt = randomBytes(4).toString('hex')): string {
  const hash = createHash('sha1').update(`${salt}-${secret}`).digest('base64url');
  return `${salt}-${hash}`;
}

function verify(secret: string | undefined, token: unknown): boolean {
  if (!secret || typeof token !== 'string' || !token.includes('-')) return false;
  return csrfToken(secret, token.slice(0, token.indexOf('-'))) === token;
}

function sentToken(req: SimRequest, body: Record<string, unknown>): unknown {
  return body._csrf ?? req.query.get('_csrf') ?? TOKEN_HEADERS.map((h) => req.headers[h]).find(Boolean);
}

/**
 * Runs `next` behind CSRF protection when it is on: a write without a valid token is refused with
 * csurf's 403 as Seerr's error handler formats it; every other answer gets the cookies.
 */
export function behindCsrf(
  state: SeerrState,
  req: SimRequest,
  body: Record<string, unknown>,
  next: () => SimResponse,
): SimResponse {
  if (!state.settings.network.csrfProtection) return next();
  const known = cookies(req)._csrf;
  const secret = known || randomBytes(18).toString('base64url');
  // csurf stores a new secret before it checks the token; the XSRF-TOKEN cookie comes after the check.
  const set = known ? [] : [`_csrf=${secret}; Path=/; HttpOnly; Secure; SameSite=Strict`];
  if (!SAFE_METHODS.has(req.method) && !verify(known, sentToken(req, body))) {
    return withCookies(json(403, { message: 'invalid csrf token' }), set);
  }
  set.push(`XSRF-TOKEN=${csrfToken(secret)}; Path=/; Secure; SameSite=Strict`);
  return withCookies(next(), set);
}

function withCookies(answer: SimResponse, set: string[]): SimResponse {
  if (set.length === 0) return answer;
  const earlier = answer.headers?.['Set-Cookie'] ?? [];
  return { ...answer, headers: { ...answer.headers, 'Set-Cookie': [...set, ...[earlier].flat()] } };
}
