import { readFileSync } from 'node:fs';
import type { PanelConfig } from '../../../server/config/config.schema';
import { createSeerrSimulator, type SeerrSimulator } from '../../../simulators/seerr';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

// What Seerrsync's clients send and read, accepted beside the panel's own shapes.
describe('Seerrsync compatibility', () => {
  let sim: SeerrSimulator;
  let panel: TestPanel;
  let token: string;

  const api = () => panel.http();
  const onDisk = () => JSON.parse(readFileSync(panel.configFile, 'utf8')) as PanelConfig;

  beforeAll(async () => {
    sim = createSeerrSimulator();
    await sim.start();
    panel = await startTestPanel(baseConfig({ seerr: { url: sim.url, api_key: sim.apiKey } }));
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await sim.stop();
  });

  it('answers /api/overseerr as /api/seerr, with the same guard', async () => {
    await api().get('/api/overseerr').expect(401);
    const alias = await api().get('/api/overseerr').auth(token, { type: 'bearer' }).expect(200);
    const own = await api().get('/api/seerr').auth(token, { type: 'bearer' }).expect(200);
    expect(alias.body.config).toEqual(own.body.config);
    expect(alias.text).not.toContain(sim.apiKey);
  });

  it('saves through the alias, validates and audits it as the Seerr route', async () => {
    const bad = await api()
      .put('/api/overseerr')
      .auth(token, { type: 'bearer' })
      .send({ sync_interval_minutes: 'soon' })
      .expect(400);
    expect(bad.body.message).toMatch(/sync_interval_minutes/);
    await api()
      .put('/api/overseerr')
      .auth(token, { type: 'bearer' })
      .send({ sync_interval_minutes: 45 })
      .expect(200);
    expect(onDisk().sync_interval_minutes).toBe(45);
    await api().post('/api/overseerr/test').auth(token, { type: 'bearer' }).send({}).expect(200);
    await panel.auditWritten();
    const audit = await api()
      .get('/api/audit?action=seerr.update')
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({ outcome: 'ok', detail: { path: '/api/overseerr' } });
  });

  it('leaves other paths alone: /api/overseerrs is not an alias', async () => {
    await api().get('/api/overseerrs').auth(token, { type: 'bearer' }).expect(404);
  });

  it('gives every error body a `detail` string beside `message`', async () => {
    const res = await api().get('/api/nothing-here').auth(token, { type: 'bearer' }).expect(404);
    expect(res.body.detail).toBe(res.body.message);
    const bad = await api().post('/api/auth/login').send({ username: 5 }).expect(400);
    expect(typeof bad.body.detail).toBe('string');
    expect(bad.body.detail).toBe(bad.body.message);
  });
});
