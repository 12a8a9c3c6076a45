import type { Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  time: string;
  actor: string;
  ip: string;
  action: string;
  target: string | null;
  outcome: 'ok' | 'error';
  status_code: number | null;
  detail: string;
}

export interface RefreshTokenTable {
  id: Generated<number>;
  /** One family per login; a reused (already rotated) token revokes its whole family. */
  family: string;
  token_hash: string;
  username: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface Database {
  audit_log: AuditLogTable;
  refresh_token: RefreshTokenTable;
}
