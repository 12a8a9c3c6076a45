import type { MediaServerSection } from '../config/config.schema';
import { csvCell } from '../audit/audit.csv';
import { passwordRule, type SignInMethod } from './sign-in';

export interface CreatedRunUser {
  username: string;
  seerr_id: number | null;
  sign_in: string | null;
  sign_in_method: SignInMethod | null;
  settings_from: string | null;
}

export interface RunCredential {
  username: string;
  seerr_id: number | null;
  sign_in: string | null;
  server: string | null;
  /** The first password, from the rule and the suffix configured now; null where the rule cannot say. */
  password: string | null;
  password_rule: string;
}

export const CREDENTIAL_CSV_COLUMNS = [
  'username',
  'sign_in',
  'password',
  'password_rule',
  'server',
  'seerr_id',
] as const;

/**
 * The sign-in and first password of each account a run created. Passwords are never stored: they are
 * made again from the rule (user name + the suffix of the server the account was created from) with the
 * suffix configured now, so a suffix changed since, or a password changed since, is not reflected.
 */
export function runCredentials(
  users: readonly CreatedRunUser[],
  servers: readonly MediaServerSection[],
): RunCredential[] {
  return users.map((u) => {
    const server = u.settings_from ? servers.find((s) => s.name === u.settings_from) : undefined;
    const base = { username: u.username, seerr_id: u.seerr_id, sign_in: u.sign_in, server: u.settings_from };
    if (!server)
      return {
        ...base,
        password: null,
        password_rule: u.settings_from
          ? `${u.settings_from} is no longer configured, so its suffix is unknown`
          : 'Not known for this run (recorded before sign-ins were)',
      };
    return {
      ...base,
      password: `${u.username}${server.password_suffix ?? ''}`,
      password_rule: `${passwordRule(server.name, server.password_suffix)}; valid until changed in Seerr`,
    };
  });
}

/** The credentials as CSV; every cell quoted and its formulas defused like the audit export. */
export function credentialsCsv(rows: readonly RunCredential[]): string {
  const lines = rows.map((r) => CREDENTIAL_CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return [CREDENTIAL_CSV_COLUMNS.join(','), ...lines].map((l) => `${l}\r\n`).join('');
}
