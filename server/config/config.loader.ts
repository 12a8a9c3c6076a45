import { torrentClientIdProblems } from './torrent-client-ids';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { flattenValidationErrors } from '../common/validation.pipe';
import { writeFileAtomic } from './atomic-file';
import { defaultConfig } from './config.defaults';
import { shortSecretProblems } from './config-secrets';
import { PanelConfig, UserSettingSection } from './config.schema';
import { hashPassword } from './password-hash';
import { PRIVATE_DIRECTORY_MODE } from './private-files';

/** Thrown when config.json cannot be used; `problems` lists every bad field, one sentence each. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The configuration in ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Accepts what Seerrsync wrote: an `overseerr` section is read as `seerr`, and sections a Seerrsync
 * file may lack get their empty defaults. Returns a new object; the input is not changed.
 */
export function normalizeConfig(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const input = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...input };
  if (out.seerr === undefined && out.overseerr !== undefined) out.seerr = out.overseerr;
  delete out.overseerr;
  out.seerr ??= { url: '', api_key: '' };
  out.media_servers ??= [];
  out.user_settings ??= {};
  return out;
}

/** Every problem with a (normalized) configuration object, as `field message` sentences. */
export function configProblems(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return ['the file must contain a JSON object'];
  const config = raw as Partial<PanelConfig>;
  // user_settings is keyed by user names (any name, even "constructor"); its entries are checked one by
  // one below, so the class transform sees only whether it is an object.
  const settingsShape =
    typeof config.user_settings === 'object' && !Array.isArray(config.user_settings) && config.user_settings
      ? {}
      : config.user_settings;
  const instance = plainToInstance(PanelConfig, { ...config, user_settings: settingsShape });
  const problems = flattenValidationErrors(
    validateSync(instance, { validationError: { target: false } }),
  ).map((d) => d.message);
  if (
    config.user_settings &&
    typeof config.user_settings === 'object' &&
    !Array.isArray(config.user_settings)
  ) {
    for (const [name, setting] of Object.entries(config.user_settings)) {
      const errors = validateSync(plainToInstance(UserSettingSection, setting ?? {}));
      problems.push(...flattenValidationErrors(errors, `user_settings.${name}`).map((d) => d.message));
    }
  }
  if (Array.isArray(config.media_servers)) {
    const seen = new Set<string>();
    config.media_servers.forEach((server, i) => {
      const name = typeof server?.name === 'string' ? server.name.toLowerCase() : undefined;
      if (name && seen.has(name))
        problems.push(`media_servers[${i}].name "${server.name}" is used by another server`);
      if (name) seen.add(name);
    });
  }
  if (Array.isArray(config.torrent_clients))
    problems.push(...torrentClientIdProblems(config.torrent_clients));
  problems.push(...shortSecretProblems(config));
  return problems;
}

export function parseConfigText(text: string, file: string): PanelConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`the file is not valid JSON (${(err as Error).message})`]);
  }
  const normalized = normalizeConfig(raw);
  const problems = configProblems(normalized);
  if (problems.length) throw new ConfigError(file, problems);
  return normalized as PanelConfig;
}

export interface LoadedConfig {
  config: PanelConfig;
  /** Set when the file did not exist and was created: the one-time admin password to show. */
  createdPassword?: string;
  warnings: string[];
}

export function serializeConfig(config: PanelConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

async function createConfigFile(file: string): Promise<LoadedConfig> {
  const password = randomBytes(15).toString('base64url');
  const defaults = defaultConfig();
  const config: PanelConfig = {
    ...defaults,
    admin: { ...defaults.admin, password_hash: await hashPassword(password) },
  };
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  writeFileAtomic(file, serializeConfig(config));
  return { config, createdPassword: password, warnings: [] };
}

/** Reads and validates config.json, creating it with a random admin password when it is missing. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  if (!existsSync(file)) return createConfigFile(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [
      `the file cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
  const config = parseConfigText(text, file);
  const warnings: string[] = [];
  if (config.admin.password !== undefined && config.admin.password_hash === undefined) {
    warnings.push(
      'admin.password is stored in clear text; replace it with admin.password_hash (npm run hash-password) to keep it safe.',
    );
  }
  return { config, warnings };
}
