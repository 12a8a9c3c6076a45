import { SeerrClient, SEERR_CSRF_SENTENCE } from '../../../server/seerr/seerr.client';
import { UpstreamError } from '../../../server/upstream/upstream-error';
import { createSeerrSimulator, type SeerrSimulator } from '../../../simulators/seerr';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';
import { runToEnd, startSyncWorld, type SyncWorld } from '../sync/sync-world';

/** What user 1's harmless write must leave as it was. */
const ownerRow = (sim: SeerrSimulator) => {
  const { email, username, permissions, movieQuotaLimit, tvQuotaLimit, updatedAt } = sim.state.users.get(1)!;
  return { email, username, permissions, movieQuotaLimit, tvQuotaLimit, updatedAt };
};

describe('POST /api/seerr/test: can the panel write to Seerr?', () => {
  let sim: SeerrSimulator;
  let panel: TestPanel;
  let token: string;

  const check = async () => {
    const res = await panel.http().post('/api/seerr/test').auth(token, { type: 'bearer' }).send().expect(200);
    return res.body as { ok: boolean; checks: Array<{ name: string; ok: boolean; detail: string }> };
  };
  const writes = async () => (await check()).checks.find((c) => c.name === 'writes');

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
  afterEach(() => {
    sim.setCsrfProtection(false);
    jest.restoreAllMocks();
  });

  it('passes with a write that changes nothing: user 1 posted back as read', async () => {
    const before = ownerRow(sim);
    sim.resetCounters();
    expect(await writes()).toEqual({
      name: 'writes',
      ok: true,
      detail: 'Seerr accepts changes made with the API key.',
    });
    expect(ownerRow(sim)).toEqual(before);
    expect(sim.count('POST /api/v1/user/:userId/settings/main')).toBe(1);
    expect(sim.count('POST /api/v1/user')).toBe(0);
  });

  it("keeps a Jellyfin-linked owner's e-mail, which Seerr would rewrite if the write left it out", async () => {
    const owner = sim.state.users.get(1)!;
    const saved = { ...owner };
    Object.assign(owner, { userType: 3, jellyfinUsername: 'jelly-admin', plexUsername: null });
    try {
      expect((await writes())?.ok).toBe(true);
      expect(owner.email).toBe(saved.email);
    } finally {
      Object.assign(owner, saved);
    }
  });

  it('names CSRF protection and its fix when it blocks the write, though every read still passes', async () => {
    sim.setCsrfProtection(true);
    const result = await check();
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['reachable', true],
      ['api_key', true],
      ['local_login', true],
      ['writes', false],
      ['version', true],
    ]);
    expect(result.checks[3].detail).toBe(SEERR_CSRF_SENTENCE);
    expect(SEERR_CSRF_SENTENCE).toMatch(/^Seerr's CSRF protection is on/);
    expect(SEERR_CSRF_SENTENCE).toContain('Settings → Network → Enable CSRF Protection');
  });

  it('reports any other refused write as a sentence naming Seerr', async () => {
    jest
      .spyOn(SeerrClient.prototype, 'rewriteOwnerSettings')
      .mockRejectedValue(
        new UpstreamError('Seerr', 'status', 'Seerr answered HTTP 500: Internal Server Error', 500),
      );
    expect(await writes()).toEqual({
      name: 'writes',
      ok: false,
      detail: 'Seerr answered HTTP 500: Internal Server Error',
    });
    jest.spyOn(SeerrClient.prototype, 'rewriteOwnerSettings').mockRejectedValue(new TypeError('boom'));
    expect((await writes())?.detail).toBe('Seerr could not be changed because of an unexpected error.');
  });

  it('does not try the write with a refused key', async () => {
    const res = await panel
      .http()
      .post('/api/seerr/test')
      .auth(token, { type: 'bearer' })
      .send({ api_key: 'not-the-key' })
      .expect(200);
    expect(res.body.checks[3]).toEqual({
      name: 'writes',
      ok: false,
      detail: 'Not checked: the API key was not accepted.',
    });
  });
});

describe('a sync against a Seerr with CSRF protection on', () => {
  let world: SyncWorld;
  let panel: TestPanel;
  let token: string;

  beforeAll(async () => {
    world = await startSyncWorld();
    panel = await startTestPanel(world.config, world.env);
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await world.stop();
  });

  it('fails at once with the fix instead of failing every create', async () => {
    world.seerr.setCsrfProtection(true);
    const users = world.seerr.state.users.size;
    const run = await runToEnd(panel, token);
    expect(run.status).toBe('failed');
    expect(run.message).toBe(`The sync stopped before writing anything more: ${SEERR_CSRF_SENTENCE}`);
    expect(run.users.filter((u) => u.action === 'create')).toEqual([]);
    expect(world.seerr.state.users.size).toBe(users);
    expect(world.seerr.count('POST /api/v1/user')).toBe(0);
    expect(world.seerr.count('POST /api/v1/user/:userId/settings/main')).toBe(1);
  });

  it('runs once CSRF protection is off again', async () => {
    world.seerr.setCsrfProtection(false);
    const run = await runToEnd(panel, token);
    expect(run.status).toBe('completed');
    expect(run.counts.created).toBeGreaterThan(0);
    expect(run.counts.failed).toBe(0);
  });
});
