import type { IncomingHttpHeaders } from 'node:http';
import type { SeededRandom } from '../core/random';

/** A token outlives 30 minutes only on the keep-alive connection that fetched it (not modelled). */
const TOKEN_LIFETIME_MS = 30 * 60 * 1000;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** WebUI CSRF tokens, each bound to the GUID cookie it was issued with. */
export class TokenStore {
  private tokens = new Map<string, { guid: string; created: number }>();
  private guids = new Set<string>();

  constructor(
    private readonly rng: SeededRandom,
    private readonly now: () => number,
  ) {}

  /** A new token for the caller's GUID cookie, or a new GUID when it has none we know. */
  issue(guid?: string): { token: string; guid: string } {
    const owner = guid && this.guids.has(guid) ? guid : this.random(20);
    this.guids.add(owner);
    const token = this.random(64, `${ALPHABET}_-`);
    this.tokens.set(token, { guid: owner, created: this.now() });
    return { token, guid: owner };
  }

  valid(token: string | null, guid: string | undefined): boolean {
    const entry = token ? this.tokens.get(token) : undefined;
    return !!entry && entry.guid === guid && this.now() - entry.created < TOKEN_LIFETIME_MS;
  }

  /** A uTorrent restart invalidates every token and GUID. */
  clear(): void {
    this.tokens.clear();
    this.guids.clear();
  }

  private random(length: number, alphabet = ALPHABET): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.rng.int(0, alphabet.length - 1)];
    return out;
  }
}

export function cookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * uTorrent reads `token` only before, or right after, the `list`/`action` parameter: a token that
 * comes after `hash=` (or later) is not seen and the call fails as if it had none.
 */
export function tokenWellPlaced(query: URLSearchParams): boolean {
  const keys = [...query.keys()];
  const tokenAt = keys.indexOf('token');
  if (tokenAt < 0) return false;
  const commandAt = keys.findIndex((k) => k === 'list' || k === 'action');
  return commandAt < 0 || tokenAt <= commandAt + 1;
}
