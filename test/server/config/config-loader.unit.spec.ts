import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../server/config/config.defaults';
import { applyEnvironment, environmentOverrides } from '../../../server/config/config.environment';
import { ConfigError, loadConfig, parseConfigText } from '../../../server/config/config.loader';
import { verifyPasswordHash } from '../../../server/config/password-hash';

/** A config.json exactly as Seerrsync writes it (clear-text admin password, old `overseerr` key). */
const SEERRSYNC_FILE = {
  admin: { username: 'admin', password: 'changeme' },
  overseerr: { url: 'http://overseerr:5055', api_key: 'abc123-seerr-api-key' },
  media_servers: [
    {
      name: 'Main Plex',
      type: 'plex',
      url: 'https://plex.example.com',
      token: 'plex-token',
      enabled: true,
      password_suffix: '!2024',
      request_limit: 10,
      machine_identifier: null,
      include_owner: false,
    },
    {
      name: 'Jelly',
      type: 'jellyfin',
      url: 'http://jellyfin:8096',
      token: 'jellyfin-api-key',
      enabled: false,
      password_suffix: '',
      request_limit: 0,
    },
  ],
  user_settings: { alice: { blocked: false, immune: true, source_servers: ['Main Plex'] } },
  sync_interval_minutes: 60,
};

describe('config loading', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cfg-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a Seerrsync file unchanged, reading overseerr as seerr, and warns about the clear-text password', async () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify(SEERRSYNC_FILE));
    const { config, warnings } = await loadConfig(file);
    expect(config.seerr).toEqual(SEERRSYNC_FILE.overseerr);
    expect(config.media_servers).toEqual(SEERRSYNC_FILE.media_servers);
    expect(config.user_settings).toEqual(SEERRSYNC_FILE.user_settings);
    expect(config.sync_interval_minutes).toBe(60);
    expect(warnings.join(' ')).toMatch(/admin\.password is stored in clear text/);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(SEERRSYNC_FILE));
  });

  it('lists every bad field in one error', () => {
    const bad = {
      admin: { username: '' },
      seerr: { url: 'not a url', api_key: 5 },
      media_servers: [
        { name: 'A', type: 'kodi', url: 'http://a', token: 't' },
        { name: 'a', type: 'plex', url: 'http://b', token: 't', request_limit: -1 },
      ],
      user_settings: { bob: { blocked: 'yes' } },
      sync_interval_minutes: 'often',
    };
    let error: ConfigError | undefined;
    try {
      parseConfigText(JSON.stringify(bad), 'config.json');
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    for (const field of [
      'admin.username',
      'admin needs either password or password_hash',
      'seerr.url',
      'seerr.api_key',
      'media_servers[0].type',
      'media_servers[1].request_limit',
      'media_servers[1].name "a" is used by another server',
      'user_settings.bob.blocked',
      'sync_interval_minutes',
    ]) {
      expect(text).toContain(field);
    }
    expect(error!.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a file that is not JSON with a sentence, not a stack trace', () => {
    expect(() => parseConfigText('{ "admin": ', 'config.json')).toThrow(/not valid JSON/);
  });

  it('creates a missing file with a random admin password stored only as a hash', async () => {
    const file = join(dir, 'sub', 'config.json');
    const { createdPassword, config } = await loadConfig(file);
    expect(createdPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(createdPassword!);
    expect(config.admin.password).toBeUndefined();
    await expect(verifyPasswordHash(createdPassword!, config.admin.password_hash!)).resolves.toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('shipped configuration files', () => {
  const root = join(__dirname, '..', '..', '..');

  it('config/default.json is what a new install gets', () => {
    expect(JSON.parse(readFileSync(join(root, 'config', 'default.json'), 'utf8'))).toEqual(defaultConfig());
  });

  it('config/config.example.json is a valid configuration', () => {
    const file = join(root, 'config', 'config.example.json');
    expect(() => parseConfigText(readFileSync(file, 'utf8'), file)).not.toThrow();
  });
});

describe('environment variables', () => {
  const fileConfig = parseConfigText(
    JSON.stringify({ ...SEERRSYNC_FILE, plex: { url: 'http://file-plex:32400', token: 'file-token' } }),
    'config.json',
  );

  it('win over the file for the seedbox services', () => {
    const env = {
      PLEX_URL: 'http://env-plex:32400',
      TAUTULLI_API_KEY: 'tk',
      RUTORRENT_PASSWORD: 'rp',
      UTORRENT_URL: '',
    };
    const effective = applyEnvironment(fileConfig, env);
    expect(effective.plex).toEqual({ url: 'http://env-plex:32400', token: 'file-token' });
    expect(effective.tautulli).toEqual({ api_key: 'tk' });
    expect(effective.rutorrent).toEqual({ password: 'rp' });
    expect(effective.utorrent).toBeUndefined();
    expect(environmentOverrides(env)).toEqual(['PLEX_URL', 'TAUTULLI_API_KEY', 'RUTORRENT_PASSWORD']);
    expect(fileConfig.plex?.url).toBe('http://file-plex:32400');
  });

  it('take RUTORRENT_RPC_PATH with or without its leading slash', () => {
    for (const value of ['plugins/httprpc/action.php', '/plugins/httprpc/action.php']) {
      const effective = applyEnvironment(fileConfig, { RUTORRENT_RPC_PATH: value });
      expect(effective.rutorrent?.rpc_path).toBe('/plugins/httprpc/action.php');
    }
  });
});
