import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { TokenResponseDto } from './auth.dto';

/**
 * How long a rotated refresh token still answers with the pair its rotation produced. Several tabs of
 * one browser refresh at once with the same stored token; without this the second one looks like a
 * stolen token being replayed and the whole session is revoked.
 */
export const REFRESH_GRACE_MS = 10_000;
const MAX_KEPT = 1000;

export interface RefreshOutcome {
  response: TokenResponseDto;
  session: string;
}

interface Rotation {
  at: number;
  answer: Promise<RefreshOutcome>;
  session?: string;
}

/**
 * The refreshes of the last few seconds, by a digest of the refresh token presented. Concurrent
 * refreshes with one token share the one rotation; later ones within the grace period get its answer
 * again. The new refresh token is only ever held here, in memory; the database keeps digests.
 */
@Injectable()
export class RefreshReplay {
  private readonly recent = new Map<string, Rotation>();

  /** The clock; a test moves it past the grace period instead of waiting. */
  now(): number {
    return Date.now();
  }

  /** `rotate`'s answer, or the answer of a rotation of the same token still in its grace period. */
  run(
    token: string,
    isRevoked: (session: string) => boolean,
    rotate: () => Promise<RefreshOutcome>,
  ): Promise<RefreshOutcome> {
    const now = this.now();
    this.prune(now);
    const key = createHash('sha256').update(token).digest('hex');
    const known = this.recent.get(key);
    // A session signed out within the grace period must not be handed out again.
    if (known && !(known.session !== undefined && isRevoked(known.session))) return known.answer;
    const rotation: Rotation = { at: now, answer: rotate() };
    this.recent.set(key, rotation);
    rotation.answer.then(
      (outcome) => (rotation.session = outcome.session),
      // Failures are not replayed: the store answers a repeat the same way, and revokes on reuse.
      () => this.recent.get(key) === rotation && this.recent.delete(key),
    );
    if (this.recent.size > MAX_KEPT) this.recent.delete(this.recent.keys().next().value as string);
    return rotation.answer;
  }

  private prune(now: number): void {
    // Map order is insertion order, so the oldest entries come first.
    for (const [key, rotation] of this.recent) {
      if (now - rotation.at < REFRESH_GRACE_MS) break;
      this.recent.delete(key);
    }
  }
}
