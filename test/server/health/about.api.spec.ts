import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

describe('GET /api/health/about', () => {
  let panel: TestPanel;
  let token: string;

  beforeAll(async () => {
    panel = await startTestPanel(baseConfig(), { PLEX_URL: 'http://127.0.0.1:1' });
    token = (await panel.login()).access_token;
  });

  afterAll(() => panel?.close());

  it('needs a sign-in: it names paths on the host', async () => {
    await panel.http().get('/api/health/about').expect(401);
  });

  it('names the version, the uptime, the config file, the database and the overriding variables', async () => {
    const res = await panel.http().get('/api/health/about').auth(token, { type: 'bearer' }).expect(200);
    const health = (await panel.http().get('/api/health').expect(200)).body as { version: string };
    expect(res.body).toEqual({
      version: health.version,
      uptime_seconds: expect.any(Number),
      started_at: expect.any(String),
      config_file: panel.configFile,
      database_file: `${panel.dir}/seedbox-panel.db`,
      node_version: process.version,
      environment_overrides: ['PLEX_URL'],
    });
  });
});
