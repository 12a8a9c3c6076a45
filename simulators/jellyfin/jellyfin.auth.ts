import type { SimRequest } from '../core/simulator';
import { header, queryValue, urlDecode } from '../mediabrowser';
import type { JellyfinState, JellyfinUser } from './jellyfin.state';

/**
 * Port of Jellyfin's `AuthorizationContext.GetParts`: comma-separated `key=value` pairs, values may be
 * quoted (commas inside quotes kept) and are URL-decoded. Keys are case-sensitive (`Token`, not `token`).
 */
export function authorizationParts(value: string): Map<string, string> {
  const result = new Map<string, string>();
  let escaped = false;
  let start = 0;
  let key = '';
  const take = (end: number) => {
    result.set(key, urlDecode(trimQuotes(value.slice(start, end))));
    key = '';
  };
  let i = 0;
  for (; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' || ch === ',') {
      escaped = !escaped === (ch === '"');
      if (ch === ',' && !escaped) {
        if (start < i) take(i);
        start = i + 1;
      }
    } else if (!escaped && ch === '=') {
      key = value.slice(start, i).trim();
      start = i + 1;
    }
  }
  if (start < i) take(i);
  return result;
}

function trimQuotes(value: string): string {
  return value.replace(/^"+|"+$/g, '');
}

/** The `MediaBrowser` scheme (any case) always; `Emby` only with legacy authorization. */
function parseScheme(value: string, legacy: boolean): Map<string, string> | undefined {
  const space = value.indexOf(' ');
  if (space === -1) return undefined;
  const scheme = value.slice(0, space).toLowerCase();
  if (scheme !== 'mediabrowser' && !(legacy && scheme === 'emby')) return undefined;
  return authorizationParts(value.slice(space + 1));
}

/**
 * The token a request carries, read in Jellyfin's order. `Authorization` wins; `X-Emby-Authorization`
 * is only consulted when `Authorization` is absent and legacy authorization is on.
 */
export function jellyfinToken(req: SimRequest, legacy: boolean): string | undefined {
  let auth = header(req.headers, 'authorization');
  if (!auth && legacy) auth = header(req.headers, 'x-emby-authorization');
  let token = auth ? parseScheme(auth, legacy)?.get('Token') : undefined;
  if (legacy && !token) token = header(req.headers, 'x-emby-token');
  if (legacy && !token) token = header(req.headers, 'x-mediabrowser-token');
  if (!token) token = queryValue(req.query, 'ApiKey');
  if (legacy && !token) token = queryValue(req.query, 'api_key');
  return token?.trim() ? token : undefined;
}

export type JellyfinCaller = { kind: 'apiKey' } | { kind: 'user'; user: JellyfinUser };

/** `none`: no token (401). `invalid`: unknown token or disabled user (401, "Invalid token."). */
export function authenticate(req: SimRequest, state: JellyfinState): JellyfinCaller | 'none' | 'invalid' {
  const token = jellyfinToken(req, state.legacyAuth);
  if (!token) return 'none';
  if (req.faults.badAuth) return 'invalid';
  if (state.apiKeys.has(token)) return { kind: 'apiKey' };
  const userId = state.accessTokens.get(token);
  const user = userId === undefined ? undefined : state.getUser(userId);
  if (!user || user.Policy.IsDisabled) return 'invalid';
  return { kind: 'user', user };
}

export function isAdministrator(caller: JellyfinCaller): boolean {
  return caller.kind === 'apiKey' || caller.user.Policy.IsAdministrator;
}
