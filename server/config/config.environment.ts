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
  RUTORRENT_RPC_PATH: ['rutorrent', 'rpc_path'],
} as const;

/** Values written as users copy them, put the way the file keeps them. */
const NORMALIZE: Partial<Record<keyof typeof SERVICE_ENVIRONMENT, (value: string) => string>> = {
  // The schema wants the leading slash; "plugins/httprpc/action.php" is how ruTorrent's docs write it.
  RUTORRENT_RPC_PATH: (value) => `/${value.trim().replace(/^\/+/, '')}`,
};

/** The names of the environment variables that are set (non-empty) and so override the file. */
export function environmentOverrides(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(SERVICE_ENVIRONMENT).filter((name) => (env[name] ?? '') !== '');
}

/** A copy of the file's configuration with the service variables of the environment applied on top. */
export function applyEnvironment(config: PanelConfig, env: NodeJS.ProcessEnv): PanelConfig {
  const out = structuredClone(config);
  for (const name of environmentOverrides(env)) {
    const variable = name as keyof typeof SERVICE_ENVIRONMENT;
    const [section, key] = SERVICE_ENVIRONMENT[variable];
    const target = (out[section] ??= {}) as Record<string, string>;
    const value = env[name] ?? '';
    target[key] = NORMALIZE[variable]?.(value) ?? value;
  }
  return out;
}
