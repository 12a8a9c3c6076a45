/**
 * Pieces Jellyfin and Emby share because Jellyfin forked from Emby (MediaBrowser): .NET-style ids
 * and dates, case-insensitive query binding, the `MediaBrowser key="value", …` header, and a user
 * directory whose serialised JSON is cached until the next write.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SeededRandom } from './core/random';

/** Fixed "now" of generated data, so the same seed always yields the same dates. */
export const SIM_EPOCH = Date.UTC(2026, 1, 28, 12, 0, 0);
export const DAY_MS = 86_400_000;

/** A GUID in .NET's "N" format: 32 lower-case hex digits, no dashes, version 4. */
export function guidN(rng: SeededRandom): string {
  const hex = rng.hex(32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[rng.int(0, 3)];
  return hex.join('');
}

/** Accepts the "N" and dashed ("D", optionally braced) GUID forms, as .NET's Guid binding does. */
export function normaliseGuid(value: string): string | undefined {
  const bare = value.replace(/^\{(.*)\}$/, '$1');
  if (/^[0-9a-f]{32}$/i.test(bare)) return bare.toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(bare))
    return bare.replace(/-/g, '').toLowerCase();
  return undefined;
}

/** .NET round-trip date with seven fractional digits: `2026-02-27T19:42:10.1234567Z`. */
export function dotnetDate(ms: number, rng?: SeededRandom): string {
  const extra = rng ? String(rng.int(0, 9999)).padStart(4, '0') : '0000';
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${extra}Z`);
}

/** A random stream per (service, seed, name): a user's id and flags stay put when others come and go. */
export function nameRandom(salt: string, seed: number, name: string): SeededRandom {
  let hash = 0x811c9dc5 ^ seed;
  for (const ch of `${salt}:${name}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return new SeededRandom(hash >>> 0);
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Query lookup ignoring the name's case, as ASP.NET and ServiceStack bind query parameters. */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** .NET bool parsing: `true`/`false` in any case; anything else is not a bool. */
export function parseBool(value: string | undefined): boolean | undefined | 'invalid' {
  if (value === undefined || value === '') return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return 'invalid';
}

export function urlDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export interface DirectoryUser {
  Id: string;
  Name: string;
  Policy: { IsAdministrator: boolean };
}

/** Users kept in insertion order with an id index; serialised JSON is cached per revision. */
export abstract class UserDirectory<U extends DirectoryUser> {
  readonly users: U[] = [];
  /** User access tokens (token → user id), as a login would issue them. */
  readonly accessTokens = new Map<string, string>();
  private readonly byId = new Map<string, U>();
  private revisionSeen = -1;
  private sortedCache: U[] = [];
  private readonly jsonCache = new Map<U, string>();
  private readonly memoCache = new Map<string, unknown>();
  /** Bumped by every write; call `touch()` after editing a user object in place. */
  revision = 0;

  /** The upstream's JSON for one user. */
  protected abstract serialise(user: U): string;
  /** The upstream's list order. */
  protected abstract compare(a: U, b: U): number;

  getUser(id: string): U | undefined {
    return this.byId.get(id);
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  addUser(user: U): U {
    this.users.push(user);
    this.byId.set(user.Id, user);
    this.touch();
    return user;
  }

  /** Removes the user and revokes their access tokens, as both servers do on delete. */
  removeUser(id: string): boolean {
    const user = this.byId.get(id);
    if (!user) return false;
    this.byId.delete(id);
    this.users.splice(this.users.indexOf(user), 1);
    for (const [token, userId] of this.accessTokens) if (userId === id) this.accessTokens.delete(token);
    this.touch();
    return true;
  }

  /** Both servers refuse to delete the only administrator. */
  isLastAdmin(user: U): boolean {
    return user.Policy.IsAdministrator && !this.users.some((u) => u !== user && u.Policy.IsAdministrator);
  }

  touch(): void {
    this.revision++;
  }

  /** Users sorted by name. */
  sorted(): U[] {
    this.refresh();
    if (this.sortedCache.length !== this.users.length)
      this.sortedCache = [...this.users].sort((a, b) => this.compare(a, b));
    return this.sortedCache;
  }

  userJson(user: U): string {
    this.refresh();
    let out = this.jsonCache.get(user);
    if (out === undefined) {
      out = this.serialise(user);
      this.jsonCache.set(user, out);
    }
    return out;
  }

  /** A value derived from the users (a filtered list, a whole body), built once per revision and key. */
  memo<T>(key: string, build: () => T): T {
    this.refresh();
    if (!this.memoCache.has(key)) this.memoCache.set(key, build());
    return this.memoCache.get(key) as T;
  }

  /** `[user,user,…]` from the cached per-user JSON. */
  jsonArray(users: readonly U[]): string {
    return `[${users.map((u) => this.userJson(u)).join(',')}]`;
  }

  private refresh(): void {
    if (this.revisionSeen === this.revision) return;
    this.revisionSeen = this.revision;
    this.sortedCache = [];
    this.jsonCache.clear();
    this.memoCache.clear();
  }
}
