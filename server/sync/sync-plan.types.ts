import type { MediaServerType } from '../config/config.schema';
import type { MediaUser } from '../media-servers/media-server.types';
import type { SeerrUser } from '../seerr/seerr.types';
import type { SignInMethod } from './sign-in';

/** One enabled media server as the plan sees it: its settings and what reading it gave. */
export interface PlanServer {
  name: string;
  type: MediaServerType;
  password_suffix: string;
  /** Request limit for its users (Seerr movie and TV quota); undefined = leave quotas alone. */
  request_limit?: number;
  read: { ok: true; users: MediaUser[] } | { ok: false; error: string };
}

export interface PlanUserSetting {
  blocked?: boolean;
  immune?: boolean;
  /** Created with Users → Add user: not removed for being on no media server. */
  added_by_hand?: boolean;
}

export interface PlanOptions {
  removeMissing: boolean;
  /** Permission bits for created users; null = Seerr's own default. */
  defaultPermissions: number | null;
  /** Most deletions without approval; null = max(5, 10 % of Seerr users). */
  deletionCap: number | null;
  quotaDays: number;
  /** Deletions above the cap go ahead without approval. */
  force: boolean;
}

export interface PlanInput {
  servers: PlanServer[];
  seerrUsers: SeerrUser[];
  /** Keyed by lower-case user name, as in config.json. */
  userSettings: Record<string, PlanUserSetting>;
  options: PlanOptions;
}

/** A person merged across media servers by case-insensitive user name. */
export interface MergedPerson {
  key: string;
  username: string;
  email: string | null;
  /** Server names in config order; the first one supplies the password suffix and request limit. */
  sources: string[];
  types: MediaServerType[];
}

export interface Quota {
  limit: number;
  days: number;
}

export interface PlannedCreate {
  username: string;
  email: string | null;
  sources: string[];
  /** The server whose password suffix and request limit apply. */
  settings_from: string;
  /** Not shown to anyone: only the engine reads it to create the account. */
  password: string;
  weak_password: boolean;
  permissions: number | null;
  quota: Quota | null;
}

export interface PlannedUpdate {
  username: string;
  seerr_id: number;
  quota_from: Quota | null;
  quota_to: Quota;
  reason: string;
}

export interface PlannedDeletion {
  username: string;
  seerr_id: number;
  reason: string;
}

export const SKIP_CODES = [
  'blocked',
  'disabled',
  'no-username',
  'immune',
  'added-by-hand',
  'ambiguous',
  'owner',
  'admin',
  'server-failed',
  'removal-off',
  'quota-ignored',
] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

export interface PlannedSkip {
  username: string;
  seerr_id: number | null;
  code: SkipCode;
  reason: string;
}

/** `unknown`: Seerr could not be read, so whether they are synced cannot be told. */
export type PersonStatus = 'synced' | 'create' | 'blocked' | 'skipped' | 'unknown';

/** One row per person across media servers and Seerr, for the users page. */
export interface PlannedPerson {
  username: string;
  email: string | null;
  sources: string[];
  types: MediaServerType[];
  seerr_id: number | null;
  status: PersonStatus;
  reason: string | null;
  /** What they type into Seerr's sign-in (see sign-in.ts); null without an account or a planned one. */
  sign_in: string | null;
  sign_in_method: SignInMethod | null;
}

export interface PlanGuard {
  /** False when any enabled server failed or answered no users: no deletion at all this run. */
  deletions_allowed: boolean;
  reason: string | null;
  cap: number;
  /** Deletions exceed the cap and the run is not forced: they wait for approval. */
  needs_approval: boolean;
}

export interface SyncPlan {
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  deletions: PlannedDeletion[];
  skips: PlannedSkip[];
  people: PlannedPerson[];
  /** Matched Seerr users that need nothing. */
  unchanged: number;
  guard: PlanGuard;
  server_errors: Array<{ server: string; error: string }>;
  /** Lower-case user name → servers it was found on (Seerrsync's user_settings.source_servers). */
  source_servers: Record<string, string[]>;
}

export type { MediaUser, SeerrUser };
