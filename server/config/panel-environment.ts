import type { LogLevel } from '@nestjs/common';
import { resolve } from 'node:path';
import { shortEnvironmentSecretProblems } from './config-secrets';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

export type LogFormat = 'json' | 'text';
export const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The panel's own environment variables, parsed and checked. Service variables (PLEX_URL, …) are in config.environment.ts. */
export interface PanelEnvironment {
  /** PORT: where `npm run serve` listens. */
  port: number;
  /** HOST: the address it listens on. */
  host: string;
  /** CONFIG_FILE, resolved. */
  configFile: string;
  /** JWT_SECRET: signs access tokens; otherwise a generated secret kept beside the config file. */
  jwtSecret: string | undefined;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** UPSTREAM_TIMEOUT_MS: how long any upstream may take to answer. */
  upstreamTimeoutMs: number;
  /** UPSTREAM_MAX_BODY_MB: the largest answer the panel reads from an upstream; it stops reading past it. */
  upstreamMaxBodyMb: number;
  /** TRUST_PROXY: which proxies may report the client's address (Express's `trust proxy`). */
  trustProxy: TrustProxy;
  /** BODY_LIMIT: the largest JSON body accepted. */
  bodyLimit: string;
  corsOrigins: string[];
  /** PLEX_TV_URL: plex.tv's base URL, overridable so the tests and the demo can use a simulator. */
  plexTvUrl: string;
  /** SYNC_SCHEDULE=off: no scheduled syncs (the CLI sets it). */
  syncScheduleOff: boolean;
  /** DOCKER_SOCKET: the Docker Engine API socket. */
  dockerSocket: string;
  /** DOCKER_HOST: a socket path (from `unix:///path`) or `http://host:port` (from `tcp://`); wins over DOCKER_SOCKET. */
  dockerHost: string | undefined;
  plexSessionsPollMs: number;
}

/** The environment has a variable the panel cannot use; the message lists every bad one. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Reader = (raw: string) => unknown;

function integer(min: number, max: number): Reader {
  return (raw) => {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new Error(`must be a whole number from ${min} to ${max}`);
    }
    return Number(raw);
  };
}

function oneOf<T extends string>(values: readonly T[]): Reader {
  return (raw) => {
    const value = raw.toLowerCase() as T;
    if (!values.includes(value)) throw new Error(`must be one of ${values.join(', ')}`);
    return value;
  };
}

function httpUrl(raw: string): string {
  if (!/^https?:\/\/[^\s/?#]+[^\s]*$/i.test(raw)) throw new Error('must be an http:// or https:// URL');
  return raw.replace(/\/+$/, '');
}

/**
 * DOCKER_HOST as the Docker CLI reads it: `unix:///path` gives the socket path; `tcp://host:port` (a
 * socket proxy) gives `http://host:port`.
 */
function dockerHost(raw: string): string {
  const unix = /^unix:\/\/(\/\S+)$/.exec(raw);
  if (unix) return unix[1];
  const tcp = /^tcp:\/\/([^\s/]+)\/?$/.exec(raw);
  if (tcp) return `http://${tcp[1]}`;
  throw new Error('must be unix:///path/to/docker.sock or tcp://host:port');
}

function byteSize(raw: string): string {
  if (!/^\d+(b|kb|mb)?$/i.test(raw)) throw new Error('must be a size such as 1mb, 512kb or 100000');
  return raw;
}

const SCHEMA: {
  [K in keyof PanelEnvironment]: { name: string; fallback: PanelEnvironment[K]; read: Reader };
} = {
  port: { name: 'PORT', fallback: 8000, read: integer(1, 65535) },
  host: { name: 'HOST', fallback: '0.0.0.0', read: (raw) => raw },
  configFile: { name: 'CONFIG_FILE', fallback: resolve('./config/config.json'), read: (raw) => resolve(raw) },
  jwtSecret: { name: 'JWT_SECRET', fallback: undefined, read: (raw) => raw },
  logLevel: { name: 'LOG_LEVEL', fallback: 'log', read: oneOf(LOG_LEVELS) },
  logFormat: { name: 'LOG_FORMAT', fallback: 'json', read: oneOf(['json', 'text'] as const) },
  upstreamTimeoutMs: { name: 'UPSTREAM_TIMEOUT_MS', fallback: 10_000, read: integer(1, 600_000) },
  upstreamMaxBodyMb: { name: 'UPSTREAM_MAX_BODY_MB', fallback: 64, read: integer(1, 4096) },
  trustProxy: { name: 'TRUST_PROXY', fallback: 'loopback', read: parseTrustProxy },
  bodyLimit: { name: 'BODY_LIMIT', fallback: '1mb', read: byteSize },
  corsOrigins: {
    name: 'CORS_ORIGINS',
    fallback: [],
    read: (raw) =>
      raw
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
  },
  plexTvUrl: { name: 'PLEX_TV_URL', fallback: 'https://plex.tv', read: httpUrl },
  syncScheduleOff: {
    name: 'SYNC_SCHEDULE',
    fallback: false,
    read: (raw) => oneOf(['on', 'off'])(raw) === 'off',
  },
  dockerSocket: { name: 'DOCKER_SOCKET', fallback: '/var/run/docker.sock', read: (raw) => raw },
  dockerHost: { name: 'DOCKER_HOST', fallback: undefined, read: dockerHost },
  plexSessionsPollMs: { name: 'PLEX_SESSIONS_POLL_MS', fallback: 5000, read: integer(200, 3_600_000) },
};

/** ENV_FILE: the `.env` file that fills in variables the environment lacks; read before the others. */
export function envFileOf(env: NodeJS.ProcessEnv): string {
  return env.ENV_FILE?.trim() || '.env';
}

/** The names of the panel's own variables, for documentation and checks. */
export const PANEL_ENVIRONMENT_VARIABLES = ['ENV_FILE', ...Object.values(SCHEMA).map((s) => s.name)];

/**
 * Reads every panel variable through the schema: unset or empty takes the default; a bad value (or a
 * service secret such as UTORRENT_PASSWORD too short to redact) is an EnvironmentError naming each
 * variable and what it must be.
 */
export function readEnvironment(env: NodeJS.ProcessEnv): PanelEnvironment {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SCHEMA)) {
    const raw = env[spec.name]?.trim() ?? '';
    if (raw === '') {
      out[key] = spec.fallback;
      continue;
    }
    try {
      out[key] = spec.read(raw);
    } catch (err) {
      problems.push(`${spec.name} ${(err as Error).message} (got "${raw}")`);
    }
  }
  problems.push(...shortEnvironmentSecretProblems(env));
  if (problems.length) throw new EnvironmentError(problems);
  return out as unknown as PanelEnvironment;
}
