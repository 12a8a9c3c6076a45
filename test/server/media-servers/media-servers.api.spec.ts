import { readFileSync } from 'node:fs';
import type { MediaServerSection, PanelConfig } from '../../../server/config/config.schema';
import { MediaServersService } from '../../../server/media-servers/media-servers.service';
import { createEmbySimulator, DEFAULT_EMBY_API_KEY, type EmbySimulator } from '../../../simulators/emby';
import {
  createJellyfinSimulator,
  DEFAULT_JELLYFIN_API_KEY,
  type JellyfinSimulator,
} from '../../../simulators/jellyfin';
import { createPlexSimulator, type PlexSimulator } from '../../../simulators/plex';
import {
  createPlexTvSimulator,
  DEFAULT_PLEXTV_TOKEN,
  type PlexTvSimulator,
} from '../../../simulators/plextv';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const SECRETS = [DEFAULT_PLEXTV_TOKEN, DEFAULT_JELLYFIN_API_KEY, DEFAULT_EMBY_API_KEY, 'brand-new-key-123'];

describe('/api/mediaservers and /api/plex/servers', () => {
  let pms: PlexSimulator;
  let plexTv: PlexTvSimulator;
  let jellyfin: JellyfinSimulator;
  let emby: EmbySimulator;
  let panel: TestPanel;
  let token: string;

  const api = () => {
    const http = panel.http();
    return {
      get: (path: string) => http.get(path).auth(token, { type: 'bearer' }),
      post: (path: string, body?: object) => http.post(path).auth(token, { type: 'bearer' }).send(body),
      put: (path: string, body: object) => http.put(path).auth(token, { type: 'bearer' }).send(body),
      delete: (path: string) => http.delete(path).auth(token, { type: 'bearer' }),
    };
  };
  const fileConfig = () => JSON.parse(readFileSync(panel.configFile, 'utf8')) as PanelConfig;
  const expectNoSecrets = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    pms = createPlexSimulator({});
    await pms.sim.start();
    plexTv = createPlexTvSimulator({ world: pms.state.world, worldUrl: pms.sim.url, friends: 12 });
    jellyfin = createJellyfinSimulator({ users: 9 });
    emby = createEmbySimulator({ users: 7 });
    await Promise.all([plexTv.sim.start(), jellyfin.start(), emby.start()]);
    const servers: MediaServerSection[] = [
      {
        name: 'Main Plex',
        type: 'plex',
        url: pms.sim.url,
        token: DEFAULT_PLEXTV_TOKEN,
        enabled: true,
        password_suffix: '!Plex',
        request_limit: 10,
        machine_identifier: pms.state.world.server.machineIdentifier,
        include_owner: true,
      },
      { name: 'Jelly', type: 'jellyfin', url: jellyfin.url, token: DEFAULT_JELLYFIN_API_KEY, enabled: true },
      { name: 'Embassy', type: 'emby', url: emby.url, token: DEFAULT_EMBY_API_KEY },
      {
        name: 'Old Emby',
        type: 'emby',
        url: `${emby.url}/emby`,
        token: DEFAULT_EMBY_API_KEY,
        enabled: false,
      },
    ];
    const config = baseConfig({
      media_servers: servers,
      user_settings: { jdoe: { source_servers: ['Jelly', 'Main Plex'] } },
    });
    panel = await startTestPanel(config, { PLEX_TV_URL: plexTv.sim.url, UPSTREAM_TIMEOUT_MS: '3000' });
    token = (await panel.login()).access_token;
  });
  afterEach(() => {
    for (const sim of [pms.sim, plexTv.sim, jellyfin, emby]) sim.resetFaults();
  });
  afterAll(async () => {
    await panel.close();
    await Promise.all([pms.sim.stop(), plexTv.sim.stop(), jellyfin.stop(), emby.stop()]);
  });

  describe('reading', () => {
    it('lists every server with its user count, disabled ones without a call, no token anywhere', async () => {
      emby.resetCounters();
      const res = await api().get('/api/mediaservers').expect(200);
      const sharing = plexTv.state.users.filter((u) => u.shares.length > 0).length;
      expect(res.body).toEqual([
        {
          name: 'Main Plex',
          type: 'plex',
          url: pms.sim.url,
          enabled: true,
          token_set: true,
          password_suffix: '!Plex',
          request_limit: 10,
          machine_identifier: pms.state.world.server.machineIdentifier,
          include_owner: true,
          users: sharing + 1,
          user_count: sharing + 1,
          error: null,
          read_at: expect.any(String),
        },
        expect.objectContaining({ name: 'Jelly', users: 9, error: null, enabled: true }),
        expect.objectContaining({
          name: 'Embassy',
          enabled: true,
          password_suffix: null,
          request_limit: null,
          machine_identifier: null,
          include_owner: false,
          users: 7,
          error: null,
        }),
        expect.objectContaining({ name: 'Old Emby', enabled: false, users: null, error: null }),
      ]);
      expect(emby.count('GET /Users/Query')).toBe(1);
      expectNoSecrets(res.body);
    });

    it('shows the error of a server that is down while the others still count', async () => {
      jellyfin.setFaults({ errorRate: 1, errorStatus: 500 });
      // The lists are cached since the last load: a refresh reads them anew.
      const res = await api().get('/api/mediaservers?refresh=true').expect(200);
      const jelly = res.body.find((s: { name: string }) => s.name === 'Jelly');
      expect(jelly).toMatchObject({
        users: null,
        error: 'Jellyfin (Jelly) answered HTTP 500: Error processing request.',
      });
      expect(res.body.find((s: { name: string }) => s.name === 'Embassy')).toMatchObject({
        users: 7,
        error: null,
      });
    });

    it('readAll: enabled servers only, failures as sentences, an empty server as ok with no users', async () => {
      jellyfin.setFaults({ hang: true });
      emby.setFaults({ emptyLists: true });
      const reads = await panel.app.get(MediaServersService).readAll();
      expect(reads.map((r) => r.server.name)).toEqual(['Main Plex', 'Jelly', 'Embassy']);
      const [plex, jelly, embassy] = reads;
      expect(plex.ok && plex.users.filter((u) => u.owner).map((u) => u.username)).toEqual([
        plexTv.state.owner.username,
      ]);
      expect(jelly).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Jellyfin \(Jelly\) at .+ did not answer within 3 s\.$/),
      });
      expect(embassy).toMatchObject({ ok: true, users: [] });
    });

    it('gets one server by name (ignoring case), 404 for an unknown one', async () => {
      const res = await api().get('/api/mediaservers/main%20plex').expect(200);
      expect(res.body).toMatchObject({ name: 'Main Plex', token_set: true, error: null });
      expectNoSecrets(res.body);
      const missing = await api().get('/api/mediaservers/Nope').expect(404);
      expect(missing.body.message).toBe('No media server named "Nope".');
    });
  });

  describe('writing', () => {
    const valid = {
      name: 'Second Jelly',
      type: 'jellyfin',
      url: 'http://127.0.0.1:1',
      token: 'brand-new-key-123',
    };

    it('creates a server: 201 without the token, config file updated, audited with the token redacted', async () => {
      const res = await api()
        .post('/api/mediaservers', { ...valid, request_limit: 3, password_suffix: '!J2' })
        .expect(201);
      expect(res.body).toEqual({
        name: 'Second Jelly',
        type: 'jellyfin',
        url: 'http://127.0.0.1:1',
        enabled: true,
        token_set: true,
        password_suffix: '!J2',
        request_limit: 3,
        machine_identifier: null,
        include_owner: false,
      });
      expectNoSecrets(res.body);
      expect(fileConfig().media_servers.at(-1)).toEqual({
        name: 'Second Jelly',
        type: 'jellyfin',
        url: 'http://127.0.0.1:1',
        token: 'brand-new-key-123',
        enabled: true,
        password_suffix: '!J2',
        request_limit: 3,
      });
      await panel.auditWritten();
      const audit = await api().get('/api/audit?action=mediaservers.create').expect(200);
      expect(audit.body.items[0]).toMatchObject({
        target: 'Second Jelly',
        outcome: 'ok',
        status_code: 201,
        detail: { body: { token: '[redacted]' } },
      });
      expectNoSecrets(audit.body);
    });

    it('refuses a second server with the same name, ignoring case (409)', async () => {
      const res = await api()
        .post('/api/mediaservers', { ...valid, name: 'JELLY' })
        .expect(409);
      expect(res.body.message).toBe('A media server named "Jelly" already exists.');
    });

    it.each([
      ['type', { type: 'kodi' }, 'type must be one of: plex, jellyfin, emby'],
      ['url', { url: 'ftp://example.org' }, 'url must be an http:// or https:// URL'],
      ['name', { name: 'a/b' }, 'name must start with a letter or digit'],
      ['name', { name: ' padded' }, 'name must start with a letter or digit'],
      ['name', { name: 'x'.repeat(101) }, 'name must be shorter than or equal to 100 characters'],
      ['request_limit', { request_limit: -1 }, 'request_limit must not be less than 0'],
      ['request_limit', { request_limit: 1.5 }, 'request_limit must be an integer number'],
      [
        'password_suffix',
        { password_suffix: 'p'.repeat(101) },
        'password_suffix must be shorter than or equal to 100',
      ],
      ['token', { token: undefined }, 'token should not be empty'],
      ['enabled', { enabled: 'yes' }, 'enabled must be true or false'],
      ['surprise', { surprise: 1 }, 'surprise should not exist'],
    ])('refuses a bad %s with a 400 naming it', async (field, change, message) => {
      const res = await api()
        .post('/api/mediaservers', { ...valid, name: 'Bad One', ...change })
        .expect(400);
      expect(res.body.message).toContain(`(${field})`);
      expect(res.body.message).toContain(message);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    });

    it('updates part of a server, keeping the token when it is omitted', async () => {
      const res = await api()
        .put('/api/mediaservers/Second%20Jelly', { url: 'https://jelly.example.org', request_limit: null })
        .expect(200);
      expect(res.body).toMatchObject({
        url: 'https://jelly.example.org',
        request_limit: null,
        token_set: true,
      });
      const stored = fileConfig().media_servers.find((s) => s.name === 'Second Jelly');
      expect(stored).toMatchObject({ url: 'https://jelly.example.org', token: 'brand-new-key-123' });
      expect(stored).not.toHaveProperty('request_limit');
      await api().put('/api/mediaservers/Second%20Jelly', { token: 'another-key-456' }).expect(200);
      expect(fileConfig().media_servers.find((s) => s.name === 'Second Jelly')?.token).toBe(
        'another-key-456',
      );
    });

    it('refuses null for a field that cannot be empty', async () => {
      const res = await api().put('/api/mediaservers/Second%20Jelly', { url: null }).expect(400);
      expect(res.body.message).toMatch(/^Invalid request \(url\)/);
      const nullToken = await api().put('/api/mediaservers/Second%20Jelly', { token: null }).expect(400);
      expect(nullToken.body.message).toMatch(/^Invalid request \(token\)/);
    });

    it('keeps the saved token when a form sends it back empty, as Seerrsync clients do', async () => {
      const before = fileConfig().media_servers.find((s) => s.name === 'Second Jelly')?.token;
      expect(before).toBeTruthy();
      const res = await api()
        .put('/api/mediaservers/Second%20Jelly', { token: '', request_limit: 7 })
        .expect(200);
      expect(res.body).toMatchObject({ token_set: true, request_limit: 7 });
      const stored = fileConfig().media_servers.find((s) => s.name === 'Second Jelly');
      expect(stored).toMatchObject({ token: before, request_limit: 7 });
      await api().put('/api/mediaservers/Second%20Jelly', { request_limit: null }).expect(200);
    });

    it('renames when the new name is free, carrying user settings along', async () => {
      await api().put('/api/mediaservers/Jelly', { name: 'Embassy' }).expect(409);
      const res = await api().put('/api/mediaservers/Jelly', { name: 'Jelly Home' }).expect(200);
      expect(res.body.name).toBe('Jelly Home');
      await api().get('/api/mediaservers/Jelly').expect(404);
      await api().get('/api/mediaservers/Jelly%20Home').expect(200);
      expect(fileConfig().user_settings.jdoe.source_servers).toEqual(['Jelly Home', 'Main Plex']);
      await api().put('/api/mediaservers/Jelly%20Home', { name: 'Jelly' }).expect(200);
      await api().put('/api/mediaservers/Nope', { url: 'http://x.example' }).expect(404);
      await panel.auditWritten();
      const audit = await api().get('/api/audit?action=mediaservers.update').expect(200);
      expect(audit.body.items.map((e: { target: string }) => e.target)).toContain('Jelly Home');
    });

    it('deletes a server (204), then 404', async () => {
      await api().delete('/api/mediaservers/Second%20Jelly').expect(204);
      expect(fileConfig().media_servers.map((s) => s.name)).not.toContain('Second Jelly');
      const again = await api().delete('/api/mediaservers/Second%20Jelly').expect(404);
      expect(again.body.message).toBe('No media server named "Second Jelly".');
      await panel.auditWritten();
      const audit = await api().get('/api/audit?action=mediaservers.delete').expect(200);
      expect(
        audit.body.items.map((e: { target: string; status_code: number }) => [e.target, e.status_code]),
      ).toEqual([
        ['Second Jelly', 404],
        ['Second Jelly', 204],
      ]);
    });
  });

  describe('testing a server', () => {
    it('says in plain words that a working server works', async () => {
      const res = await api().post('/api/mediaservers/Jelly/test').expect(200);
      expect(res.body).toEqual({
        ok: true,
        checks: [
          {
            name: 'reachable',
            ok: true,
            detail: `Jellyfin (Jelly) answered: jf-home, version ${jellyfin.state.version}.`,
          },
          { name: 'credentials', ok: true, detail: 'Jellyfin (Jelly) accepted the token.' },
          { name: 'users', ok: true, detail: expect.stringMatching(/^9 users/) },
        ],
        users: 9,
        version: jellyfin.state.version,
      });
    });

    it('tells a refused token apart from a server that is down', async () => {
      emby.setFaults({ badAuth: true });
      const refused = await api().post('/api/mediaservers/Embassy/test').expect(200);
      expect(refused.body.ok).toBe(false);
      expect(refused.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
        ['reachable', true],
        ['credentials', false],
        ['users', false],
      ]);
      expect(refused.body.checks[1].detail).toMatch(/^Emby \(Embassy\) refused the panel's credentials/);

      emby.setFaults({ badAuth: false, hang: true });
      const down = await api().post('/api/mediaservers/Embassy/test').expect(200);
      expect(down.body.checks.map((c: { ok: boolean }) => c.ok)).toEqual([false, false, false]);
      expect(down.body.checks[0].detail).toMatch(/did not answer within 3 s\.$/);
      expect(down.body).not.toHaveProperty('users');
    });

    it('tests Plex on both the server and plex.tv, and answers 404 for an unknown name', async () => {
      const res = await api().post('/api/mediaservers/Main%20Plex/test').expect(200);
      expect(res.body).toMatchObject({ ok: true, version: pms.state.world.server.version });
      await api().post('/api/mediaservers/Nope/test').expect(404);
    });
  });

  describe('testing a server before saving it', () => {
    const unsaved = () => ({
      name: 'New Jelly',
      type: 'jellyfin',
      url: jellyfin.url,
      token: DEFAULT_JELLYFIN_API_KEY,
    });

    it('tries the values sent and saves nothing; audited without the token', async () => {
      const before = fileConfig().media_servers;
      const res = await api().post('/api/mediaservers/test', unsaved()).expect(200);
      expect(res.body).toMatchObject({ ok: true, users: 9 });
      expect(res.body.checks[0].detail).toMatch(/^Jellyfin \(New Jelly\) answered/);
      expect(fileConfig().media_servers).toEqual(before);
      await api().get('/api/mediaservers/New%20Jelly').expect(404);
      await panel.auditWritten();
      const audit = await api().get('/api/audit?action=mediaservers.test').expect(200);
      expect(audit.body.items[0]).toMatchObject({ target: 'New Jelly', outcome: 'ok' });
      expectNoSecrets(audit.body);
    });

    it('says a wrong key is refused, without saving the server', async () => {
      const res = await api()
        .post('/api/mediaservers/test', { ...unsaved(), token: 'brand-new-key-123' })
        .expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.checks.find((c: { name: string }) => c.name === 'credentials')).toMatchObject({
        ok: false,
      });
      expectNoSecrets(res.body);
      expect(fileConfig().media_servers.map((s) => s.name)).not.toContain('New Jelly');
    });

    it('an edited server keeps its stored token when the form sends it back empty', async () => {
      const res = await api()
        .post('/api/mediaservers/test', { ...unsaved(), name: 'Jelly', token: '', saved_name: 'jelly' })
        .expect(200);
      expect(res.body).toMatchObject({ ok: true, users: 9 });
    });

    it('refuses an empty token for a server that is not saved (400 naming token), 404 for an unknown saved_name', async () => {
      const res = await api()
        .post('/api/mediaservers/test', { ...unsaved(), token: ' ' })
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'token', message: expect.stringMatching(/^token /) }]);
      await api()
        .post('/api/mediaservers/test', { ...unsaved(), token: '', saved_name: 'Nope' })
        .expect(404);
      const bad = await api()
        .post('/api/mediaservers/test', { ...unsaved(), url: 'ftp://x' })
        .expect(400);
      expect(bad.body.details[0].field).toBe('url');
    });
  });

  describe('Plex discovery', () => {
    it("lists the account's servers with their connections, not its other devices", async () => {
      const res = await api()
        .get(`/api/plex/servers?token=${encodeURIComponent(DEFAULT_PLEXTV_TOKEN)}`)
        .expect(200);
      const url = new URL(pms.sim.url);
      expect(res.body).toEqual([
        {
          name: pms.state.world.server.friendlyName,
          machine_identifier: pms.state.world.server.machineIdentifier,
          owned: true,
          connections: [{ uri: `http://${url.host}`, local: true, relay: false }],
        },
      ]);
    });

    it('answers 502 naming plex.tv for a refused token, 400 without one, and never logs it', async () => {
      const res = await api().get('/api/plex/servers?token=not-a-valid-plex-token').expect(502);
      expect(res.body.message).toMatch(/^plex\.tv refused the panel's credentials \(HTTP 401\)/);
      expect(res.body.message).not.toContain('not-a-valid-plex-token');
      const missing = await api().get('/api/plex/servers').expect(400);
      expect(missing.body.message).toMatch(/^Invalid request \(token\)/);
      expect(panel.logs.join('\n')).not.toContain('not-a-valid-plex-token');
      expect(panel.logs.join('\n')).not.toContain(DEFAULT_PLEXTV_TOKEN);
    });
  });
});
