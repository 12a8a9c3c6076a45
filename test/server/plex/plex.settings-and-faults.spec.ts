import { readFileSync } from 'node:fs';
import type { PanelConfig } from '../../../server/config/config.schema';
import { PlexService } from '../../../server/plex/plex.service';
import { createPlexSimulator, DEFAULT_PMS_TOKEN, type PlexSimulator } from '../../../simulators/plex';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const READS = ['/status', '/libraries', '/libraries/1/stats', '/sessions', '/streams'];
const WRITES = ['/libraries/1/scan', '/optimize'];
const TOKEN_SENTENCE =
  "Plex rejected the token (HTTP 401); set the server owner's X-Plex-Token in PLEX_TOKEN or in Settings → Plex.";
const NOT_CONFIGURED =
  'Plex is not configured: set PLEX_URL and PLEX_TOKEN, or its URL and token in Settings.';

function call(panel: TestPanel, token: string, path: string) {
  const http = panel.http();
  const req = WRITES.includes(path) ? http.post(`/api/plex${path}`).send({}) : http.get(`/api/plex${path}`);
  return req.auth(token, { type: 'bearer' });
}

describe('/api/plex failures and settings', () => {
  let plex: PlexSimulator;
  let panel: TestPanel;
  let token: string;
  let where: string;

  beforeAll(async () => {
    plex = createPlexSimulator({ sessions: 2, historySize: 50 });
    await plex.sim.start();
    where = new URL(plex.sim.url).host;
    panel = await startTestPanel(baseConfig({ plex: { url: plex.sim.url, token: DEFAULT_PMS_TOKEN } }), {
      UPSTREAM_TIMEOUT_MS: '3000',
    });
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await plex.sim.stop();
  });
  beforeEach(() => {
    plex.sim.resetFaults();
    // Cached lists would answer before any fault is met.
    panel.app.get(PlexService).invalidate();
  });

  describe.each([...READS, ...WRITES])('%s', (path) => {
    it('answers 504 naming Plex when it hangs', async () => {
      plex.sim.setFaults({ hang: true });
      const res = await call(panel, token, path).expect(504);
      expect(res.body.message).toBe(`Plex at ${where} did not answer within 3 s.`);
    });

    it('answers 502 when Plex answers garbage or an error status', async () => {
      plex.sim.setFaults({ garbage: true });
      const garbage = await call(panel, token, path);
      // Optimize answers with an empty body the panel never reads (a scan first looks the library up).
      if (path === '/optimize') expect(garbage.status).toBe(202);
      else {
        expect(garbage.status).toBe(502);
        expect(garbage.body.message).toBe('Plex answered with something that is not valid JSON.');
      }
      plex.sim.setFaults({ garbage: false, errorRate: 1, errorStatus: 500 });
      const failed = await call(panel, token, path).expect(502);
      expect(failed.body.message).toBe('Plex answered HTTP 500.');
    });

    it('answers 502 naming the token when Plex rejects it', async () => {
      plex.sim.setFaults({ badAuth: true });
      const res = await call(panel, token, path).expect(502);
      expect(res.body.message).toBe(TOKEN_SENTENCE);
    });
  });

  it('GET health needs no token (/identity), but still fails on a hang', async () => {
    plex.sim.setFaults({ badAuth: true });
    await call(panel, token, '/health').expect(200);
    plex.sim.setFaults({ badAuth: false, hang: true });
    const res = await call(panel, token, '/health').expect(504);
    expect(res.body.message).toBe(`Plex at ${where} did not answer within 3 s.`);
  });

  it('reads a PMS that answers XML labelled as HTML as a 502 naming the problem', async () => {
    plex.sim.setFaults({ wrongContentType: true });
    const res = await call(panel, token, '/status').expect(502);
    expect(res.body.message).toBe(
      'Plex answered with something that is not valid XML (an HTML page; is the URL right?).',
    );
  });

  describe('settings', () => {
    const put = (body: object) =>
      panel.http().put('/api/plex/settings').auth(token, { type: 'bearer' }).send(body);
    const onDisk = () => JSON.parse(readFileSync(panel.configFile, 'utf8')) as PanelConfig;

    it('GET answers the connection without the token', async () => {
      const res = await panel.http().get('/api/plex/settings').auth(token, { type: 'bearer' }).expect(200);
      expect(res.body).toEqual({
        url: plex.sim.url,
        token_set: true,
        container: null,
        overridden_by_env: [],
      });
      expect(res.text).not.toContain(DEFAULT_PMS_TOKEN);
    });

    it.each([
      [{ url: 'ftp://plex' }, 'url', 'url must be an http:// or https:// URL'],
      [{ url: null }, 'url', 'url'],
      [{ token: 42 }, 'token', 'token must be a string'],
      [{ container: 'has space' }, 'container', 'container must be a Docker container name'],
      [{ surprise: 1 }, 'surprise', 'surprise should not exist'],
    ])('PUT refuses %j with a 400 naming %s', async (body, field, message) => {
      const before = readFileSync(panel.configFile, 'utf8');
      const res = await put(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
      expect(res.body.message).toContain(message);
      expect(readFileSync(panel.configFile, 'utf8')).toBe(before);
    });

    it('PUT saves to the file, keeps the token write-only, applies at once and is audited redacted', async () => {
      const res = await put({
        url: `${plex.sim.url}/`,
        token: ` ${DEFAULT_PMS_TOKEN} `,
        container: 'plex',
      }).expect(200);
      expect(res.body).toEqual({
        url: plex.sim.url,
        token_set: true,
        container: 'plex',
        overridden_by_env: [],
      });
      expect(onDisk().plex).toEqual({ url: plex.sim.url, token: DEFAULT_PMS_TOKEN, container: 'plex' });

      await put({ token: 'wrong-token' }).expect(200);
      expect((await call(panel, token, '/status').expect(502)).body.message).toBe(TOKEN_SENTENCE);
      await put({ token: DEFAULT_PMS_TOKEN, container: '' }).expect(200);
      await call(panel, token, '/status').expect(200);
      expect(onDisk().plex).toEqual({ url: plex.sim.url, token: DEFAULT_PMS_TOKEN });

      await panel.auditWritten();
      const audit = await panel.http().get('/api/audit?action=plex.settings').auth(token, { type: 'bearer' });
      expect(audit.body.items[0]).toMatchObject({ target: 'Plex settings', outcome: 'ok' });
      expect(audit.text).not.toContain(DEFAULT_PMS_TOKEN);
      expect(audit.text).not.toContain('wrong-token');
    });
  });
});

describe('/api/plex when Plex is not configured', () => {
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    panel = await startTestPanel(baseConfig(), {});
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel.close());

  it.each([...READS, ...WRITES, '/health', '/sessions/events'])(
    '%s answers 503 naming what to set',
    async (path) => {
      const res = await call(panel, token, path).expect(503);
      expect(res.body.message).toBe(NOT_CONFIGURED);
    },
  );

  it('settings show nothing set', async () => {
    const res = await panel.http().get('/api/plex/settings').auth(token, { type: 'bearer' }).expect(200);
    expect(res.body).toEqual({ url: '', token_set: false, container: null, overridden_by_env: [] });
  });
});

describe('/api/plex with PLEX_URL and PLEX_TOKEN in the environment', () => {
  let plex: PlexSimulator;
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    plex = createPlexSimulator({ sessions: 1, historySize: 10 });
    await plex.sim.start();
    // The file points at nothing with a wrong token: the environment must win.
    panel = await startTestPanel(baseConfig({ plex: { url: 'http://127.0.0.1:9', token: 'file-token' } }), {
      PLEX_URL: plex.sim.url,
      PLEX_TOKEN: DEFAULT_PMS_TOKEN,
    });
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await plex.sim.stop();
  });

  it('reads Plex at the environment URL with the environment token', async () => {
    const res = await call(panel, token, '/status').expect(200);
    expect(res.body.machine_identifier).toBe(plex.state.world.server.machineIdentifier);
  });

  it('settings name the variables in force, and a saved value does not displace them', async () => {
    const res = await panel
      .http()
      .put('/api/plex/settings')
      .auth(token, { type: 'bearer' })
      .send({ url: 'http://elsewhere:32400' })
      .expect(200);
    expect(res.body).toEqual({
      url: plex.sim.url,
      token_set: true,
      container: null,
      overridden_by_env: ['PLEX_URL', 'PLEX_TOKEN'],
    });
    await call(panel, token, '/status').expect(200);
  });
});
