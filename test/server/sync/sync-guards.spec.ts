import type { Faults } from '../../../simulators/core';
import type { Simulator } from '../../../simulators/core';
import { SyncService } from '../../../server/sync/sync.service';
import { startTestPanel, type TestPanel } from '../support/test-panel';
import { runToEnd, startSyncWorld, type SyncWorld } from './sync-world';

/** How many of the Seerr accounts that are on no media server still exist. */
const localCount = (world: SyncWorld) =>
  [...world.seerr.state.users.values()].filter(
    (u) => u.username !== null && world.strays.includes(u.username),
  ).length;

describe('a sync with removal on, while one media server misbehaves', () => {
  let world: SyncWorld;
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    world = await startSyncWorld({ strayLocals: 3, sync: { remove_missing: true } });
    panel = await startTestPanel(world.config, world.env);
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await world.stop();
  });

  const servers: Array<[string, (w: SyncWorld) => Simulator]> = [
    ['Plex', (w) => w.plexTv.sim],
    ['Jelly', (w) => w.jellyfin],
    ['Emby', (w) => w.emby],
  ];
  const faults: Array<[string, Partial<Faults>, RegExp]> = [
    ['hang', { hang: true }, /did not answer within 3 s/],
    ['HTTP 500', { errorRate: 1, errorStatus: 500 }, /answered HTTP 500/],
    ['401', { badAuth: true }, /refused the panel's credentials/],
    ['garbage', { garbage: true }, /not valid (JSON|XML)/],
    ['no users', { emptyLists: true }, /returned no users/],
  ];
  const cases = servers.flatMap(([name, sim]) =>
    faults.map(([fault, switches, message]) => [name, fault, sim, switches, message] as const),
  );

  it.each(cases)(
    '%s answering %s: zero deletions and a clear per-server reason',
    async (name, _fault, sim, switches, message) => {
      const before = localCount(world);
      sim(world).setFaults(switches);
      try {
        const run = await runToEnd(panel, token);
        expect(run.counts.deleted).toBe(0);
        expect(localCount(world)).toBe(before);
        const reasons = [
          ...run.server_errors.map((e: { server: string; error: string }) => `${e.server}: ${e.error}`),
          run.message ?? '',
        ].join('\n');
        expect(reasons).toMatch(new RegExp(`${name}[^\\n]*`));
        expect(reasons).toMatch(message);
        expect(run.status).toBe('completed');
      } finally {
        sim(world).resetFaults();
      }
    },
  );

  it('Emby paging short (200 with too few items for its own total): zero deletions, the read failed', async () => {
    const before = localCount(world);
    world.emby.setFaults({ shortPages: true });
    try {
      const run = await runToEnd(panel, token);
      expect(run.counts.deleted).toBe(0);
      expect(localCount(world)).toBe(before);
      expect(run.server_errors).toEqual([
        {
          server: 'Emby',
          error: expect.stringMatching(/listed 4 of the 8 users it counts: a page came back short/),
        },
      ]);
    } finally {
      world.emby.resetFaults();
    }
  });

  it('deletes the stray Seerr users once every server answers (the guard is what stopped it)', async () => {
    const run = await runToEnd(panel, token);
    expect(run.counts.deleted).toBe(3);
    expect(localCount(world)).toBe(0);
  });
});

describe('when Seerr itself fails', () => {
  it('fails the run with a sentence naming Seerr and writes nothing', async () => {
    const world = await startSyncWorld();
    const panel = await startTestPanel(world.config, world.env);
    try {
      const token = (await panel.login()).access_token;
      world.seerr.setFaults({ hang: true });
      const run = await runToEnd(panel, token);
      expect(run).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(/Seerr at .* did not answer/),
      });
      world.seerr.resetFaults();
      expect(Object.keys(world.seerr.counters()).some((k) => k.startsWith('POST'))).toBe(false);
    } finally {
      await panel.close();
      await world.stop();
    }
  });
});

describe('a Plex server that lists nobody but its owner (include_owner)', () => {
  it('counts as "no users": zero deletions', async () => {
    const world = await startSyncWorld({ strayLocals: 3, sync: { remove_missing: true } });
    world.config.media_servers[0].include_owner = true;
    const panel = await startTestPanel(world.config, world.env);
    try {
      const token = (await panel.login()).access_token;
      const before = localCount(world);
      world.plexTv.sim.setFaults({ emptyLists: true });
      const run = await runToEnd(panel, token);
      expect(run.counts.deleted).toBe(0);
      expect(localCount(world)).toBe(before);
      expect(run.message).toMatch(/Plex returned no users besides its owner/);
    } finally {
      await panel.close();
      await world.stop();
    }
  });
});

describe('a user added by hand (Users → Add user)', () => {
  it('is kept by syncs with removal on, with the reason, until marked removable', async () => {
    const world = await startSyncWorld({ sync: { remove_missing: true } });
    const panel = await startTestPanel(world.config, world.env);
    const as = (token: string) => ({
      post: (path: string) => panel.http().post(path).auth(token, { type: 'bearer' }),
      put: (path: string) => panel.http().put(path).auth(token, { type: 'bearer' }),
    });
    try {
      const token = (await panel.login()).access_token;
      const api = as(token);
      const created = await api
        .post('/api/users')
        .send({ username: 'handmade', password: 'handmade-pass' })
        .expect(201);
      const id = created.body.seerr_id as number;
      const plan = await api.post('/api/sync/plan').send({ remove_missing: true }).expect(200);
      expect(plan.body.skips).toContainEqual({
        username: 'handmade',
        seerr_id: id,
        code: 'added-by-hand',
        reason: expect.stringMatching(/^On no media server, but added by hand in the panel/),
      });
      await runToEnd(panel, token);
      expect(world.seerr.state.users.has(id)).toBe(true);

      const marked = await api.put('/api/users/handmade/settings').send({ added_by_hand: false }).expect(200);
      expect(marked.body.added_by_hand).toBe(false);
      const run = await runToEnd(panel, token);
      expect(run.counts.deleted).toBe(1);
      expect(world.seerr.state.users.has(id)).toBe(false);
    } finally {
      await panel.close();
      await world.stop();
    }
  });
});

describe('when Seerr lists its users short', () => {
  it('fails the run naming the short page, and deletes nobody', async () => {
    const world = await startSyncWorld({ strayLocals: 3, sync: { remove_missing: true } });
    const panel = await startTestPanel(world.config, world.env);
    try {
      const token = (await panel.login()).access_token;
      const users = world.seerr.state.users.size;
      world.seerr.setFaults({ shortPages: true });
      const run = await runToEnd(panel, token);
      expect(run).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(
          new RegExp(`Seerr listed ${Math.ceil(users / 2)} of the ${users} users it counts`),
        ),
      });
      expect(world.seerr.state.users.size).toBe(users);
    } finally {
      world.seerr.resetFaults();
      await panel.close();
      await world.stop();
    }
  });
});

describe('the deletion cap', () => {
  it('stops before deleting more than the cap, and approval resumes the run', async () => {
    const world = await startSyncWorld({ strayLocals: 7, sync: { remove_missing: true } });
    const panel = await startTestPanel(world.config, world.env);
    try {
      const token = (await panel.login()).access_token;
      const run = await runToEnd(panel, token);
      expect(run).toMatchObject({
        status: 'awaiting_approval',
        counts: { deleted: 0, pending_deletions: 7 },
      });
      expect(run.message).toMatch(/7 deletions exceed the cap of 5/);
      expect(localCount(world)).toBe(7);
      expect(run.users.filter((u: { outcome: string }) => u.outcome === 'pending')).toHaveLength(7);

      await panel.http().post(`/api/sync/runs/${run.id}/approve`).auth(token, { type: 'bearer' }).expect(202);
      await panel.app.get(SyncService).settled();
      const approved = (
        await panel.http().get(`/api/sync/runs/${run.id}`).auth(token, { type: 'bearer' }).expect(200)
      ).body;
      expect(approved).toMatchObject({ status: 'completed', counts: { deleted: 7, pending_deletions: 0 } });
      expect(localCount(world)).toBe(0);
      const again = await panel
        .http()
        .post(`/api/sync/runs/${run.id}/approve`)
        .auth(token, { type: 'bearer' })
        .expect(409);
      expect(again.body.message).toMatch(/not waiting for approval/);
      await panel.http().post('/api/sync/runs/9999/approve').auth(token, { type: 'bearer' }).expect(404);
      const audit = await panel
        .http()
        .get('/api/audit?action=sync.approve')
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(audit.body.total).toBeGreaterThanOrEqual(1);
    } finally {
      await panel.close();
      await world.stop();
    }
  });

  it('tells, before approving, whom the approval deletes now (re-planned)', async () => {
    const world = await startSyncWorld({ strayLocals: 4, sync: { remove_missing: true, deletion_cap: 1 } });
    const panel = await startTestPanel(world.config, world.env);
    const api = (token: string) => ({
      get: (path: string) => panel.http().get(path).auth(token, { type: 'bearer' }),
      put: (path: string) => panel.http().put(path).auth(token, { type: 'bearer' }),
    });
    try {
      const token = (await panel.login()).access_token;
      const run = await runToEnd(panel, token);
      expect(run).toMatchObject({ status: 'awaiting_approval', counts: { pending_deletions: 4 } });
      const [kept1, kept2] = world.strays;
      for (const name of [kept1, kept2])
        await api(token).put(`/api/users/${name}/settings`).send({ immune: true }).expect(200);
      const preview = (await api(token).get(`/api/sync/runs/${run.id}/approval`).expect(200)).body;
      expect(preview.run_id).toBe(run.id);
      expect(preview.deletions).toHaveLength(2);
      expect([...preview.no_longer].sort()).toEqual([kept1, kept2].sort());
      await panel.http().post(`/api/sync/runs/${run.id}/approve`).auth(token, { type: 'bearer' }).expect(202);
      await panel.app.get(SyncService).settled();
      const approved = (await api(token).get(`/api/sync/runs/${run.id}`).expect(200)).body;
      expect(approved.counts.deleted).toBe(2);
      expect(localCount(world)).toBe(2);
      await api(token).get(`/api/sync/runs/${run.id}/approval`).expect(409);
    } finally {
      await panel.close();
      await world.stop();
    }
  });

  it('lets a forced run delete past the cap', async () => {
    const world = await startSyncWorld({ strayLocals: 7, sync: { remove_missing: true } });
    const panel = await startTestPanel(world.config, world.env);
    try {
      const token = (await panel.login()).access_token;
      const run = await runToEnd(panel, token, { force: true });
      expect(run).toMatchObject({ status: 'completed', counts: { deleted: 7 } });
    } finally {
      await panel.close();
      await world.stop();
    }
  });
});
