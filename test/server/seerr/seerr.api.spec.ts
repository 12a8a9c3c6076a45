import { readFileSync } from 'node:fs';
import type { PanelConfig } from '../../../server/config/config.schema';
import { createSeerrSimulator, type SeerrSimulator } from '../../../simulators/seerr';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const MEDIA_DELETED = 7;
const REQUEST_COMPLETED = 5;

describe('/api/seerr', () => {
  let sim: SeerrSimulator;
  let panel: TestPanel;
  let token: string;
  let key: string;

  const get = (path: string) => panel.http().get(path).auth(token, { type: 'bearer' });
  const put = (body: object) => panel.http().put('/api/seerr').auth(token, { type: 'bearer' }).send(body);
  const test = (body?: object) => {
    const req = panel.http().post('/api/seerr/test').auth(token, { type: 'bearer' });
    return body ? req.send(body) : req.send();
  };
  const onDisk = () => JSON.parse(readFileSync(panel.configFile, 'utf8')) as PanelConfig;
  const expectNoKey = (res: { text: string }) => expect(res.text).not.toContain(key);

  beforeAll(async () => {
    sim = createSeerrSimulator();
    await sim.start();
    key = sim.apiKey;
    panel = await startTestPanel(baseConfig({ seerr: { url: sim.url, api_key: key } }));
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await sim.stop();
  });
  beforeEach(() => {
    sim.resetFaults();
    sim.state.settings.main.localLogin = true;
  });

  describe('GET', () => {
    it('answers the configuration and live figures, never the key', async () => {
      const deleted = [...sim.state.requests.values()].filter((r) => {
        const media = sim.state.media.get(r.mediaId)!;
        return r.status === REQUEST_COMPLETED && (r.is4k ? media.status4k : media.status) === MEDIA_DELETED;
      }).length;
      const res = await get('/api/seerr').expect(200);
      expect(res.body).toEqual({
        config: {
          url: sim.url,
          api_key_set: true,
          sync_interval_minutes: 0,
          default_permissions: null,
          remove_missing: false,
          deletion_cap: null,
          concurrency: 8,
          quota_days: 7,
        },
        live: {
          reachable: true,
          version: '3.1.0',
          users: sim.state.users.size,
          total_requests: sim.state.requests.size,
          media_items: sim.state.media.size,
          deleted_media_requests: deleted,
          pending_requests: [...sim.state.requests.values()].filter((r) => r.status === 1).length,
        },
        sync: { last_sync_at: null, last_sync_status: null, last_sync_run_id: null, next_sync_at: null },
      });
      expectNoKey(res);
    });

    it('still answers 200 when Seerr fails, with the reason naming Seerr', async () => {
      sim.setFaults({ errorRate: 1, errorStatus: 500 });
      const res = await get('/api/seerr').expect(200);
      expect(res.body.config.url).toBe(sim.url);
      expect(res.body.live).toEqual({
        reachable: false,
        error: 'Seerr answered HTTP 500: Internal Server Error',
      });
      sim.setFaults({ errorRate: 0, badAuth: true });
      const denied = await get('/api/seerr').expect(200);
      expect(denied.body.live.error).toMatch(/^Seerr refused the panel's credentials/);
      expectNoKey(denied);
    });
  });

  describe('PUT', () => {
    it.each([
      [{ url: 'ftp://seerr' }, 'url', 'url must be an http:// or https:// URL'],
      [{ url: '' }, 'url', 'url must be an http:// or https:// URL'],
      [{ url: '', api_key: '' }, 'url', 'url must be an http:// or https:// URL'],
      [{ api_key: 42 }, 'api_key', 'api_key must be a string'],
      [{ concurrency: 0 }, 'concurrency', 'concurrency must not be less than 1'],
      [{ quota_days: 366 }, 'quota_days', 'quota_days must not be greater than 365'],
      [{ sync_interval_minutes: 1.5 }, 'sync_interval_minutes', 'sync_interval_minutes must be an integer'],
      [{ remove_missing: 'yes' }, 'remove_missing', 'remove_missing must be true or false'],
      [{ deletion_cap: -1 }, 'deletion_cap', 'deletion_cap must not be less than 0'],
      [{ surprise: 1 }, 'surprise', 'surprise should not exist'],
    ])('refuses %j with a 400 naming %s', async (body, field, message) => {
      const before = readFileSync(panel.configFile, 'utf8');
      const res = await put(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
      expect(res.body.message).toContain(message);
      expect(readFileSync(panel.configFile, 'utf8')).toBe(before);
    });

    it('saves a partial change to the file, answers the config without the key, and audits it', async () => {
      const res = await put({
        url: `${sim.url}/`,
        api_key: ` ${key}\n`,
        sync_interval_minutes: 30,
        default_permissions: 160,
        remove_missing: true,
        deletion_cap: 12,
        concurrency: 4,
        quota_days: 14,
      }).expect(200);
      expect(res.body).toEqual({
        url: sim.url,
        api_key_set: true,
        sync_interval_minutes: 30,
        default_permissions: 160,
        remove_missing: true,
        deletion_cap: 12,
        concurrency: 4,
        quota_days: 14,
      });
      expectNoKey(res);
      const file = onDisk();
      expect(file.seerr).toEqual({ url: sim.url, api_key: key });
      expect(file.sync_interval_minutes).toBe(30);
      expect(file.sync).toEqual({
        default_permissions: 160,
        remove_missing: true,
        deletion_cap: 12,
        concurrency: 4,
        quota_days: 14,
      });

      // Absent fields stay; null puts a setting back to its default.
      const reset = await put({ default_permissions: null, deletion_cap: null, quota_days: 10 }).expect(200);
      expect(reset.body).toMatchObject({
        default_permissions: null,
        deletion_cap: null,
        quota_days: 10,
        concurrency: 4,
      });
      expect(onDisk().sync).toEqual({ remove_missing: true, concurrency: 4, quota_days: 10 });

      await panel.auditWritten();
      const audit = await get('/api/audit?action=seerr.update&outcome=ok').expect(200);
      expect(audit.body.total).toBe(2);
      expect(audit.body.items[1]).toMatchObject({
        target: 'seerr',
        outcome: 'ok',
        detail: { body: { api_key: '[redacted]', concurrency: 4 } },
      });
      expectNoKey(audit);
    });

    it('keeps the saved key when a form sends it back empty; null removes it, null url disconnects', async () => {
      // What a Seerrsync form sends: GET never returns the key, so the field comes back empty.
      await put({ api_key: '', concurrency: 5 }).expect(200);
      expect(onDisk().seerr).toEqual({ url: sim.url, api_key: key });
      await put({ api_key: '   ' }).expect(200);
      expect(onDisk().seerr).toEqual({ url: sim.url, api_key: key });
      try {
        await put({ api_key: null }).expect(200);
        expect(onDisk().seerr).toEqual({ url: sim.url, api_key: '' });
        const off = await put({ url: null }).expect(200);
        expect(off.body).toMatchObject({ url: '', api_key_set: false });
      } finally {
        await put({ url: sim.url, api_key: key }).expect(200);
      }
    });

    it('takes effect at once for the live figures', async () => {
      await put({ api_key: 'not-the-key' }).expect(200);
      try {
        expect((await get('/api/seerr').expect(200)).body.live.reachable).toBe(false);
      } finally {
        await put({ api_key: key }).expect(200);
      }
      expect((await get('/api/seerr').expect(200)).body.live.reachable).toBe(true);
    });
  });

  describe('POST /test', () => {
    it('passes every check with the saved configuration', async () => {
      const res = await test().expect(200);
      expect(res.body).toEqual({
        ok: true,
        checks: [
          { name: 'reachable', ok: true, detail: 'Seerr answered.' },
          { name: 'api_key', ok: true, detail: 'The API key is accepted (it acts as admin).' },
          {
            name: 'local_login',
            ok: true,
            detail: 'Local sign-in is enabled, so synced users can log in.',
          },
          { name: 'writes', ok: true, detail: 'Seerr accepts changes made with the API key.' },
          { name: 'version', ok: true, detail: 'Seerr 3.1.0.' },
        ],
      });
    });

    it('reports a wrong key in plain words, without saving or echoing it', async () => {
      const before = readFileSync(panel.configFile, 'utf8');
      const res = await test({ api_key: 'a-wrong-key-123' }).expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
        ['reachable', true],
        ['api_key', false],
        ['local_login', false],
        ['writes', false],
        ['version', true],
      ]);
      expect(res.body.checks[1].detail).toBe(
        "Seerr refused the API key; copy it from Seerr's Settings → General → API Key.",
      );
      expect(res.text).not.toContain('a-wrong-key-123');
      expect(readFileSync(panel.configFile, 'utf8')).toBe(before);
    });

    it('reports a server that is down', async () => {
      const gone = createSeerrSimulator();
      const url = await gone.start();
      await gone.stop();
      const res = await test({ url }).expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.checks[0]).toEqual({
        name: 'reachable',
        ok: false,
        detail: `Seerr at ${new URL(url).host} refused the connection; is it running?`,
      });
      expect(res.body.checks.slice(1).every((c: { ok: boolean }) => !c.ok)).toBe(true);
    });

    it('warns when local sign-in is disabled in Seerr', async () => {
      sim.state.settings.main.localLogin = false;
      const res = await test().expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.checks[2]).toEqual({
        name: 'local_login',
        ok: false,
        detail:
          'Local sign-in is disabled in Seerr (Settings → Users → Enable Local Sign-In); synced users could not log in.',
      });
    });

    it('says when nothing is configured', async () => {
      const res = await test({ url: '', api_key: '' }).expect(200);
      expect(res.body.checks[0].detail).toBe(
        'Seerr is not configured: set its URL and API key in Settings → Seerr.',
      );
    });

    it('refuses an invalid body', async () => {
      const res = await test({ url: 'seerr:5055' }).expect(400);
      expect(res.body.message).toContain('url must be an http:// or https:// URL');
    });

    it('is audited as seerr.test and no log line holds the key', async () => {
      await panel.auditWritten();
      const audit = await get('/api/audit?action=seerr.test').expect(200);
      expect(audit.body.total).toBeGreaterThan(0);
      expectNoKey(audit);
      expect(panel.logs.join('\n')).not.toContain(key);
    });
  });
});
