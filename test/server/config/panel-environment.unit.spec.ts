import { resolve } from 'node:path';
import { EnvironmentError, envFileOf, readEnvironment } from '../../../server/config/panel-environment';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readEnvironment(env);
  } catch (err) {
    if (err instanceof EnvironmentError) return err.problems;
    throw err;
  }
  return [];
}

describe('the panel environment', () => {
  it('gives every variable its default when unset or empty', () => {
    expect(readEnvironment({ PORT: '', HOST: '  ' })).toEqual({
      port: 8000,
      host: '0.0.0.0',
      configFile: resolve('./config/config.json'),
      jwtSecret: undefined,
      logLevel: 'log',
      logFormat: 'json',
      upstreamTimeoutMs: 10_000,
      upstreamMaxBodyMb: 64,
      trustProxy: 'loopback',
      bodyLimit: '1mb',
      corsOrigins: [],
      plexTvUrl: 'https://plex.tv',
      syncScheduleOff: false,
      dockerSocket: '/var/run/docker.sock',
      plexSessionsPollMs: 5000,
    });
  });

  it('parses what is set', () => {
    expect(
      readEnvironment({
        PORT: '8080',
        CONFIG_FILE: '/config/config.json',
        LOG_LEVEL: 'DEBUG',
        LOG_FORMAT: 'text',
        UPSTREAM_TIMEOUT_MS: '2500',
        TRUST_PROXY: 'loopback, uniquelocal',
        CORS_ORIGINS: 'http://a.test, ,http://b.test',
        PLEX_TV_URL: 'http://127.0.0.1:9000/',
        SYNC_SCHEDULE: 'off',
        PLEX_SESSIONS_POLL_MS: '300',
      }),
    ).toMatchObject({
      port: 8080,
      configFile: '/config/config.json',
      logLevel: 'debug',
      logFormat: 'text',
      upstreamTimeoutMs: 2500,
      trustProxy: 'loopback,uniquelocal',
      corsOrigins: ['http://a.test', 'http://b.test'],
      plexTvUrl: 'http://127.0.0.1:9000',
      syncScheduleOff: true,
      plexSessionsPollMs: 300,
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['192.168.1.2, fd00::/8', '192.168.1.2,fd00::/8'],
    ['172.18.0.0/255.255.0.0', '172.18.0.0/255.255.0.0'],
  ])('reads TRUST_PROXY=%s as %p', (raw, expected) => {
    expect(readEnvironment({ TRUST_PROXY: raw }).trustProxy).toBe(expected);
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number from 1 to 65535 (got "abc")'],
    ['PORT', '70000', 'PORT must be a whole number from 1 to 65535 (got "70000")'],
    ['UPSTREAM_TIMEOUT_MS', '1.5', 'UPSTREAM_TIMEOUT_MS must be a whole number from 1 to 600000 (got "1.5")'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose (got "loud")'],
    ['LOG_FORMAT', 'xml', 'LOG_FORMAT must be one of json, text (got "xml")'],
    ['BODY_LIMIT', 'lots', 'BODY_LIMIT must be a size such as 1mb, 512kb or 100000 (got "lots")'],
    ['PLEX_TV_URL', 'plex.tv', 'PLEX_TV_URL must be an http:// or https:// URL (got "plex.tv")'],
    ['SYNC_SCHEDULE', 'never', 'SYNC_SCHEDULE must be one of on, off (got "never")'],
    [
      'TRUST_PROXY',
      'loopback,traefik',
      'TRUST_PROXY must be loopback, linklocal, uniquelocal, IP addresses or CIDR subnets separated by commas, false, true or a hop count; "traefik" is none of these (got "loopback,traefik")',
    ],
    [
      'TRUST_PROXY',
      '10.0.0.0/33',
      'TRUST_PROXY must be loopback, linklocal, uniquelocal, IP addresses or CIDR subnets separated by commas, false, true or a hop count; "10.0.0.0/33" is none of these (got "10.0.0.0/33")',
    ],
    [
      'PLEX_SESSIONS_POLL_MS',
      '10',
      'PLEX_SESSIONS_POLL_MS must be a whole number from 200 to 3600000 (got "10")',
    ],
  ])('refuses %s=%s, naming the variable', (name, raw, message) => {
    expect(problemsOf({ [name]: raw })).toEqual([message]);
  });

  it('lists every bad variable in one error', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', UPSTREAM_TIMEOUT_MS: '-1' });
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'LOG_LEVEL', 'UPSTREAM_TIMEOUT_MS']);
    expect(() => readEnvironment({ PORT: 'abc' })).toThrow(
      'The environment is not valid:\n  - PORT must be a whole number from 1 to 65535 (got "abc")',
    );
  });

  it('reads ENV_FILE before the rest', () => {
    expect(envFileOf({})).toBe('.env');
    expect(envFileOf({ ENV_FILE: '/run/panel.env' })).toBe('/run/panel.env');
  });
});
