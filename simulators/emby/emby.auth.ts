import type { SimRequest, SimResponse } from '../core/simulator';
import { text } from '../core/simulator';
import { header, queryValue } from '../mediabrowser';
import type { EmbyState, EmbyUser } from './emby.state';

/**
 * Emby's `Emby …`/`MediaBrowser …` header: split on commas, `key=value` with quotes trimmed; keys are
 * matched ignoring case (unlike Jellyfin's rewrite).
 */
export function embyAuthorizationParts(value: string): Map<string, string> | undefined {
  const space = value.indexOf(' ');
  if (space === -1) return undefined;
  const scheme = value.slice(0, space).toLowerCase();
  if (scheme !== 'emby' && scheme !== 'mediabrowser') return undefined;
  const parts = new Map<string, string>();
  for (const item of value.slice(space + 1).split(',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    parts.set(
      item.slice(0, eq).trim().toLowerCase(),
      item
        .slice(eq + 1)
        .trim()
        .replace(/^"+|"+$/g, ''),
    );
  }
  return parts;
}

/** Token sources in Emby's order: X-Emby-Authorization / Authorization, X-Emby-Token, X-MediaBrowser-Token, api_key. */
export function embyToken(req: SimRequest): string | undefined {
  const auth = header(req.headers, 'x-emby-authorization') || header(req.headers, 'authorization');
  const token =
    (auth ? embyAuthorizationParts(auth)?.get('token') : undefined) ||
    header(req.headers, 'x-emby-token') ||
    header(req.headers, 'x-mediabrowser-token') ||
    queryValue(req.query, 'api_key');
  return token?.trim() ? token : undefined;
}

export type EmbyCaller = { kind: 'apiKey' } | { kind: 'user'; user: EmbyUser };

/** Emby answers auth failures with a plain-text message (a SecurityException turned into 401). */
export const TOKEN_REQUIRED = 'Access token is required.';
export const TOKEN_INVALID = 'Access token is invalid or expired.';
export const USER_DISABLED = 'User account has been disabled.';
export const ADMIN_REQUIRED = 'User does not have admin access.';

export function authenticate(req: SimRequest, state: EmbyState): EmbyCaller | SimResponse {
  const token = embyToken(req);
  if (!token) return text(401, TOKEN_REQUIRED);
  if (req.faults.badAuth) return text(401, TOKEN_INVALID);
  if (state.apiKeys.has(token)) return { kind: 'apiKey' };
  const userId = state.accessTokens.get(token);
  const user = userId === undefined ? undefined : state.getUser(userId);
  if (!user) return text(401, TOKEN_INVALID);
  if (user.Policy.IsDisabled) return text(401, USER_DISABLED);
  return { kind: 'user', user };
}

export function isAdministrator(caller: EmbyCaller): boolean {
  return caller.kind === 'apiKey' || caller.user.Policy.IsAdministrator;
}
