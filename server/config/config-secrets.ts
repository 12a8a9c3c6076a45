import { MIN_SECRET_LENGTH } from '../common/redact';
import { SERVICE_ENVIRONMENT } from './config.environment';
import type { PanelConfig } from './config.schema';

export interface ConfigSecret {
  /** Dotted path in config.json, e.g. `utorrent.password`. */
  field: string;
  value: string | undefined;
}

/** Every field of the configuration that holds a secret: the values the log redactor must know. */
export function configSecrets(config: Partial<PanelConfig>): ConfigSecret[] {
  const servers = Array.isArray(config.media_servers) ? config.media_servers : [];
  const torrentClients = Array.isArray(config.torrent_clients) ? config.torrent_clients : [];
  return [
    { field: 'admin.password', value: config.admin?.password },
    { field: 'admin.password_hash', value: config.admin?.password_hash },
    { field: 'seerr.api_key', value: config.seerr?.api_key },
    ...servers.map((s, i) => ({ field: `media_servers[${i}].token`, value: s?.token })),
    { field: 'plex.token', value: config.plex?.token },
    { field: 'tautulli.api_key', value: config.tautulli?.api_key },
    { field: 'utorrent.password', value: config.utorrent?.password },
    { field: 'rutorrent.password', value: config.rutorrent?.password },
    ...torrentClients.map((c, i) => ({ field: `torrent_clients[${i}].password`, value: c?.password })),
  ];
}

const SECRET_KEYS = new Set(['password', 'token', 'api_key']);

const tooShort = (value: unknown): boolean =>
  typeof value === 'string' && value !== '' && value.length < MIN_SECRET_LENGTH;

const problem = (name: string): string =>
  `${name} is too short to keep out of logs safely (at least ${MIN_SECRET_LENGTH} characters)`;

/**
 * A secret is redacted from logs, errors and the audit wherever it appears as a whole word, so a short
 * one ("1234", "admin") would also blank ordinary words and numbers, while leaving it out of the
 * redactor would let it through: such secrets are refused. Empty means "not configured" and is fine.
 */
export function shortSecretProblems(config: Partial<PanelConfig>): string[] {
  return configSecrets(config)
    .filter((s) => tooShort(s.value))
    .map((s) => problem(s.field));
}

/** The same for the service variables that override the file (UTORRENT_PASSWORD, PLEX_TOKEN, …). */
export function shortEnvironmentSecretProblems(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(SERVICE_ENVIRONMENT)
    .filter(([name, [, key]]) => SECRET_KEYS.has(key) && tooShort(env[name]))
    .map(([name, [section, key]]) => problem(`${name} (${section}.${key})`));
}
