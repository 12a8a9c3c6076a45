import type { PanelConfig } from './config.schema';

/**
 * Environment variables for the seedbox services. They win over config.json (the Docker convention:
 * the compose file is the source of truth); a `.env` file fills only variables the environment lacks.
 */
export const SERVICE_ENVIRONMENT = {
  PLEX_URL: ['plex', 'url'],
  PLEX_TOKEN: ['plex', 'token'],
  TAUTULLI_URL: ['tautulli', 'url'],
  TAUTULLI_API_KEY: ['tautulli', 'api_key'],
  UTORRENT_URL: ['utorrent', 'url'],
  UTORRENT_USERNAME: ['utorrent', 'username'],
  UTORRENT_PASSWORD: ['utorrent', 'password'],
  RUTORRENT_URL: ['rutorrent', 'url'],
  RUTORRENT_USERNAME: ['rutorrent', 'username'],
  RUTORRENT_PASSWORD: ['rutorrent', 'password'],
} as const;

/** The names of the environment variables that are set (non-empty) and so override the file. */
export function environmentOverrides(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(SERVICE_ENVIRONMENT).filter((name) => (env[name] ?? '') !== '');
}

/** A copy of the file's configuration with the service variables of the environment applied on top. */
export function applyEnvironment(config: PanelConfig, env: NodeJS.ProcessEnv): PanelConfig {
  const out = structuredClone(config);
  for (const name of environmentOverrides(env)) {
    const [section, key] = SERVICE_ENVIRONMENT[name as keyof typeof SERVICE_ENVIRONMENT];
    const target = (out[section] ??= {}) as Record<string, string>;
    target[key] = env[name] ?? '';
  }
  return out;
}
