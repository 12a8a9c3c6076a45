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

export type SyncTrigger = 'manual' | 'schedule' | 'api' | 'cli';
export type SyncRunStatus = 'running' | 'awaiting_approval' | 'completed' | 'failed';

export interface SyncRunTable {
  id: Generated<number>;
  trigger: SyncTrigger;
  actor: string;
  status: SyncRunStatus;
  started_at: string;
  finished_at: string | null;
  /** JSON: the options the run was started with. */
  options: string;
  /** JSON: created, updated, deleted, skipped, failed, unchanged, pending_deletions. */
  counts: string;
  /** JSON: [{server, error}] */
  server_errors: string;
  /** JSON: milliseconds per phase. */
  timings: string;
  message: string | null;
}

export type SyncAction = 'create' | 'update' | 'delete' | 'skip';
export type SyncUserOutcome = 'ok' | 'error' | 'skipped' | 'pending';

export interface SyncRunUserTable {
  id: Generated<number>;
  run_id: number;
  username: string;
  seerr_id: number | null;
  action: SyncAction;
  outcome: SyncUserOutcome;
  message: string | null;
  /** What the person types into Seerr's sign-in ("E-mail" field, or their media-server name). */
  sign_in: string | null;
  sign_in_method: 'local' | 'plex' | 'jellyfin' | 'emby' | null;
  /** Created accounts: the server whose password suffix made the first password. */
  settings_from: string | null;
}

export interface Database {
  audit_log: AuditLogTable;
  refresh_token: RefreshTokenTable;
  sync_run: SyncRunTable;
  sync_run_user: SyncRunUserTable;
}
