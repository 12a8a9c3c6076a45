import { SEERR_PERMISSIONS } from '../../../server/seerr/seerr.types';
import { PERMISSION_CHUNK } from '../../../server/sync/permission-batch';
import { SyncScheduler } from '../../../server/sync/sync.scheduler';
import { SyncService } from '../../../server/sync/sync.service';
import { startTestPanel, type TestPanel } from '../support/test-panel';
import { expectedCreates, runToEnd, startSyncWorld, type SyncWorld } from './sync-world';

const seerrUsers = (world: SyncWorld) => [...world.seerr.state.users.values()];
const seerrWrites = (world: SyncWorld) =>
  Object.entries(world.seerr.counters())
    .filter(([key]) => /^(POST|PUT|DELETE) /.test(key))
    .reduce((n, [, count]) => n + count, 0);

describe('sync against the simulators', () => {
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
  const setRequestLimit = (server: string, limit: number) =>
    panel
      .http()
      .put(`/api/mediaservers/${server}`)
      .auth(token, { type: 'bearer' })
      .send({ request_limit: limit })
      .expect(200);

  it('previews the plan without writing anything or revealing passwords', async () => {
    const res = await panel
      .http()
      .post('/api/sync/plan')
      .auth(token, { type: 'bearer' })
      .send({})
      .expect(200);
    expect(res.body.creates.map((c: { username: string }) => c.username).sort()).toEqual(
      expectedCreates(world),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/!plex|!jelly|!emby|"password"/);
    expect(seerrWrites(world)).toBe(0);
  });

  it('creates exactly the expected users with their passwords, permissions and quotas', async () => {
    const expected = expectedCreates(world);
    const run = await runToEnd(panel, token);
    expect(run.status).toBe('completed');
    expect(run.counts).toMatchObject({ created: expected.length, failed: 0, deleted: 0 });
    const plexNames = new Set(
      [world.plexTv.state.owner, ...world.plexTv.state.users].map((u) => u.username.toLowerCase()),
    );
    const jellyNames = new Set(world.jellyfin.state.users.map((u) => u.Name.toLowerCase()));
    for (const name of expected) {
      const user = seerrUsers(world).find((u) => u.username === name);
      expect(user).toBeDefined();
      const [suffix, limit] = plexNames.has(name.toLowerCase())
        ? ['!plex', 4]
        : jellyNames.has(name.toLowerCase())
          ? ['!jelly', 2]
          : ['!emby', 1];
      expect(user).toMatchObject({
        password: `${name}${suffix}`,
        permissions: 32 | 262144,
        movieQuotaLimit: limit,
        tvQuotaLimit: limit,
        movieQuotaDays: 7,
        tvQuotaDays: 7,
      });
    }
    // Permissions in bulk writes of up to PERMISSION_CHUNK new users, none one by one.
    expect(world.seerr.count('POST /api/v1/user/:userId/settings/permissions')).toBe(0);
    expect(world.seerr.count('PUT /api/v1/user')).toBe(Math.ceil(expected.length / PERMISSION_CHUNK));
  });

  it('matched the Plex- and Jellyfin-linked users instead of duplicating them', () => {
    for (const linked of seerrUsers(world).filter((u) => u.username === null && u.id !== 1)) {
      const name = (linked.plexUsername ?? linked.jellyfinUsername) as string;
      expect(
        seerrUsers(world).filter((u) => [u.username, u.plexUsername, u.jellyfinUsername].includes(name)),
      ).toHaveLength(1);
    }
  });

  it('changes nothing on a second run', async () => {
    const writes = seerrWrites(world);
    const run = await runToEnd(panel, token);
    expect(run.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0 });
    expect(seerrWrites(world)).toBe(writes);
  });

  it('puts quotas back in line when a server limit changes', async () => {
    await setRequestLimit('Emby', 9);
    const run = await runToEnd(panel, token);
    expect(run.counts.updated).toBeGreaterThan(0);
    const embyOnly = run.users.filter((u: { action: string }) => u.action === 'update');
    for (const u of embyOnly)
      expect(world.seerr.state.users.get(u.seerr_id as number)?.movieQuotaLimit).toBe(9);
  });

  it('changes Jellyfin-linked users’ limits from the listed e-mail, without reading each user first', async () => {
    const plain = (u: { permissions: number }) =>
      (u.permissions & (SEERR_PERMISSIONS.ADMIN | SEERR_PERMISSIONS.MANAGE_USERS)) === 0;
    const linked = seerrUsers(world).filter((u) => u.jellyfinUsername && u.id !== 1 && plain(u));
    for (const u of linked) world.seerr.state.setEmail(u, `${u.jellyfinUsername}.real@example.test`);
    world.seerr.resetCounters();
    // Person 6, linked from Jellyfin, is on Plex first: Plex's limit is theirs.
    await setRequestLimit('Plex', 6);
    const run = await runToEnd(panel, token);
    const updatedIds = new Set(run.users.filter((u) => u.action === 'update').map((u) => u.seerr_id));
    const updated = linked.filter((u) => updatedIds.has(u.id));
    expect(updated.length).toBeGreaterThan(0);
    for (const u of updated) {
      expect(world.seerr.state.users.get(u.id)).toMatchObject({
        movieQuotaLimit: 6,
        email: `${u.jellyfinUsername}.real@example.test`,
      });
    }
    // The one read is the pre-flight's, of user 1 (rewriting its settings as they are).
    expect(world.seerr.count('GET /api/v1/user/:userId/settings/main')).toBe(1);
  });

  it('keeps source_servers in config.json as Seerrsync did', async () => {
    const { readFileSync } = await import('node:fs');
    const file = JSON.parse(readFileSync(panel.configFile, 'utf8'));
    const person = world.jellyfin.state.users.find(
      (u) => world.emby.state.users.some((e) => e.Name === u.Name) && !u.Policy.IsDisabled,
    )!;
    expect(file.user_settings[person.Name.toLowerCase()].source_servers).toEqual(['Jelly', 'Emby']);
  });

  it('answers 409 to a second trigger while a run is in progress', async () => {
    world.seerr.setFaults({ latencyMs: 150 });
    const [a, b] = await Promise.all([
      panel.http().post('/api/sync').auth(token, { type: 'bearer' }).send({}),
      panel.http().post('/api/sync').auth(token, { type: 'bearer' }).send({}),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    expect((a.status === 409 ? a : b).body.message).toMatch(/already running/);
    await panel.app.get(SyncService).settled();
    world.seerr.resetFaults();
  });

  it('records each run in the audit log', async () => {
    const res = await panel
      .http()
      .get('/api/audit?action=sync.run')
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(res.body.total).toBeGreaterThanOrEqual(4);
    expect(res.body.items[0]).toMatchObject({
      actor: 'admin',
      outcome: 'ok',
      detail: { status: 'completed' },
    });
  });

  it('reschedules when the interval changes, and a scheduled tick runs as the scheduler', async () => {
    const status = () => panel.http().get('/api/sync/status').auth(token, { type: 'bearer' }).expect(200);
    expect((await status()).body.next_run_at).toBeNull();
    const beforeThirty = Date.now();
    await panel
      .http()
      .put('/api/seerr')
      .auth(token, { type: 'bearer' })
      .send({ sync_interval_minutes: 30 })
      .expect(200);
    const next = Date.parse((await status()).body.next_run_at);
    expect(next).toBeGreaterThanOrEqual(beforeThirty + 30 * 60_000 - 1000);
    await panel
      .http()
      .put('/api/seerr')
      .auth(token, { type: 'bearer' })
      .send({ sync_interval_minutes: 5 })
      .expect(200);
    // Scheduled while the request ran, so no later than five minutes after it answered.
    const afterFive = Date.now();
    expect(Date.parse((await status()).body.next_run_at)).toBeLessThanOrEqual(afterFive + 5 * 60_000 + 1000);
    const runId = await panel.app.get(SyncScheduler).runDue();
    await panel.app.get(SyncService).settled();
    const run = (
      await panel.http().get(`/api/sync/runs/${runId}`).auth(token, { type: 'bearer' }).expect(200)
    ).body;
    expect(run).toMatchObject({ trigger: 'schedule', actor: 'scheduler', status: 'completed' });
    await panel
      .http()
      .put('/api/seerr')
      .auth(token, { type: 'bearer' })
      .send({ sync_interval_minutes: 0 })
      .expect(200);
    expect((await status()).body).toMatchObject({ next_run_at: null, interval_minutes: null });
  });

  it('streams progress as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${panel.url}/api/sync/events`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await panel.http().post('/api/sync').auth(token, { type: 'bearer' }).send({}).expect(202);
    let text = '';
    while (!text.includes('"phase":"done"')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toMatch(/event: progress\n(id: \d+\n)?data: \{"run_id":\d+,"phase":"reading"/);
    expect(text).toContain('"phase":"creating"');
    await panel.app.get(SyncService).settled();
  });
});
