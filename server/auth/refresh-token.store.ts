import { Injectable, OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DatabaseService } from '../database/database.service';
import { SessionStreams } from './session-streams.service';

export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

export interface IssuedRefreshToken {
  token: string;
  family: string;
}

export type RotationResult =
  | { ok: true; token: string; family: string; username: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Refresh tokens, stored only as SHA-256 digests. Each login starts a family; each refresh retires the
 * presented token and issues the next. Presenting a retired token means it was copied: the family dies.
 */
@Injectable()
export class RefreshTokenStore implements OnModuleInit {
  /**
   * Sessions signed out, kept in memory because the guard asks on every request. This process is the
   * only one that revokes, so the set loaded at start-up and kept up to date here is complete.
   */
  private readonly revoked = new Set<string>();

  constructor(
    private readonly database: DatabaseService,
    private readonly streams: SessionStreams,
  ) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.database.db
      .selectFrom('refresh_token')
      .select('family')
      .where('revoked_at', 'is not', null)
      .distinct()
      .execute();
    for (const row of rows) this.revoked.add(row.family);
  }

  async issue(username: string, family: string = randomUUID()): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.database.db
      .insertInto('refresh_token')
      .values({
        family,
        token_hash: digest(token),
        username,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + REFRESH_TOKEN_TTL_SECONDS * 1000).toISOString(),
        used_at: null,
        revoked_at: null,
      })
      .execute();
    return { token, family };
  }

  async rotate(token: string): Promise<RotationResult> {
    const db = this.database.db;
    const row = await db
      .selectFrom('refresh_token')
      .selectAll()
      .where('token_hash', '=', digest(token))
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked' };
    if (row.used_at) {
      await this.revokeFamily(row.family);
      return { ok: false, reason: 'reused' };
    }
    if (Date.parse(row.expires_at) <= Date.now()) return { ok: false, reason: 'expired' };
    // The `used_at is null` condition makes two simultaneous refreshes with one token yield one winner.
    const claimed = await db
      .updateTable('refresh_token')
      .set({ used_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      await this.revokeFamily(row.family);
      return { ok: false, reason: 'reused' };
    }
    const next = await this.issue(row.username, row.family);
    return { ok: true, token: next.token, family: row.family, username: row.username };
  }

  /** The family a token belongs to, if the token is known. */
  async familyOf(token: string): Promise<string | undefined> {
    const row = await this.database.db
      .selectFrom('refresh_token')
      .select('family')
      .where('token_hash', '=', digest(token))
      .executeTakeFirst();
    return row?.family;
  }

  /** Ends the session: its tokens stop working and its open event streams close now. */
  async revokeFamily(family: string): Promise<void> {
    this.revoked.add(family);
    this.streams.end(family);
    await this.database.db
      .updateTable('refresh_token')
      .set({ revoked_at: new Date().toISOString() })
      .where('family', '=', family)
      .where('revoked_at', 'is', null)
      .execute();
  }

  isFamilyRevoked(family: string): boolean {
    return this.revoked.has(family);
  }

  /** Forgets tokens that expired more than a day ago. */
  @Cron(CronExpression.EVERY_DAY_AT_4AM, { name: 'refresh-token-cleanup' })
  async prune(): Promise<number> {
    const cutoff = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const result = await this.database.db
      .deleteFrom('refresh_token')
      .where('expires_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
