import { TautulliRestartWatcher } from '../../../server/tautulli/tautulli-restart.watcher';
import { TautulliService } from '../../../server/tautulli/tautulli.service';
import { historyAt, liveSessions, type PlexWorld } from '../../../simulators/media-library';
import { createPlexSimulator } from '../../../simulators/plex';
import {
  createTautulliSimulator,
  DEFAULT_TAUTULLI_API_KEY,
  isGrouped,
  playedAt,
  type TautulliSimulator,
} from '../../../simulators/tautulli';
import { eventually } from '../../support/eventually';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

/** The panel against the shapes a real Tautulli 2.17.2 answers (Total series, plays in progress, …). */

const NOW = Date.now();
const iso = (s: number) => new Date(s * 1000).toISOString();

async function boot(tautulli: TautulliSimulator): Promise<{ panel: TestPanel; token: string }> {
  await tautulli.sim.start();
  const panel = await startTestPanel(
    baseConfig({ tautulli: { url: tautulli.sim.url, api_key: DEFAULT_TAUTULLI_API_KEY } }),
    { UPSTREAM_TIMEOUT_MS: '3000' },
  );
  return { panel, token: (await panel.login()).access_token };
}

describe('/api/tautulli against a Tautulli 2.17.2', () => {
  let world: PlexWorld;
  let tautulli: TautulliSimulator;
  let panel: TestPanel;
  let token: string;
  const get = (path: string) => panel.http().get(`/api/tautulli${path}`).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    world = createPlexSimulator({ sessions: 4, historySize: 300, clock: () => NOW }).state.world;
    tautulli = createTautulliSimulator({ world });
    ({ panel, token } = await boot(tautulli));
  });
  afterAll(async () => {
    await panel.close();
    await tautulli.sim.stop();
  });
  afterEach(() => {
    tautulli.state.plexReachable = true;
    tautulli.state.metPlex = true;
    panel.app.get(TautulliService).cache.invalidate();
  });

  it('GET plays counts each play once: the Total series is neither summed nor charted', async () => {
    const res = await get('/plays?days=30').expect(200);
    expect(res.body.series.map((s: { name: string }) => s.name)).not.toContain('Total');
    const first = res.body.dates[0];
    const inPeriod = historyAt(world).filter((e) => new Date(e.started * 1000).toISOString() >= first);
    expect(res.body.total).toBe(inPeriod.length);
  });

  it('GET history leaves plays in progress out of the rows and the total', async () => {
    expect(liveSessions(world).length).toBeGreaterThan(0);
    const finished = [...historyAt(world)].sort((a, b) => playedAt(b) - playedAt(a));
    const res = await get('/history?page_size=10').expect(200);
    expect(res.body.total).toBe(finished.length);
    expect(res.body.items.map((i: { id: number }) => i.id)).toEqual(finished.slice(0, 10).map((e) => e.id));
  });

  it('GET history shows and sorts a grouped row by its latest play, with its first play beside', async () => {
    const all = await get('/history?page_size=200').expect(200);
    const grouped = historyAt(world).find(
      (e) => isGrouped(e) && all.body.items.some((i: { id: number }) => i.id === e.id),
    )!;
    const row = all.body.items.find((i: { id: number }) => i.id === grouped.id);
    expect(row).toMatchObject({
      started: iso(playedAt(grouped)),
      first_started: iso(grouped.started),
      group_count: 2,
    });
    const shown = all.body.items.map((i: { started: string }) => i.started);
    expect(shown).toEqual([...shown].sort().reverse());
  });

  it('GET users: the owner is the admin, names as Tautulli shows them, no Local user', async () => {
    const res = await get('/users').expect(200);
    const byId = new Map(res.body.map((u: { user_id: number }) => [u.user_id, u]));
    expect(byId.has(0)).toBe(false);
    expect(res.body).toHaveLength(world.users.length);
    for (const u of world.users)
      expect(byId.get(u.plexId)).toMatchObject({
        is_admin: u.isOwner,
        friendly_name: u.plexId % 2 === 1 ? u.displayName : u.title,
      });
  });

  it('GET activity answers 502 naming Tautulli when Tautulli cannot reach Plex, not "nothing playing"', async () => {
    tautulli.state.plexReachable = false;
    const res = await get('/activity').expect(502);
    expect(res.body.message).toMatch(/^Tautulli cannot reach Plex Media Server/);
    tautulli.state.plexReachable = true;
    expect((await get('/activity').expect(200)).body.stream_count).toBe(liveSessions(world).length);
  });

  it('GET server-info says unknown for what Tautulli has not learnt from Plex yet', async () => {
    tautulli.state.metPlex = false;
    const res = await get('/server-info').expect(200);
    expect(res.body).toMatchObject({
      name: world.server.friendlyName,
      version: 'unknown',
      platform: 'unknown',
    });
  });
});

describe('/api/tautulli follows a restart', () => {
  let tautulli: TautulliSimulator;
  let panel: TestPanel;
  let token: string;
  const restartStatus = async () =>
    (await panel.http().get('/api/tautulli/restart').auth(token, { type: 'bearer' }).expect(200)).body as {
      state: string;
      asked_at: string | null;
      settled_at: string | null;
    };
  const restart = () =>
    panel.http().post('/api/tautulli/restart').auth(token, { type: 'bearer' }).send({}).expect(202);

  beforeAll(async () => {
    tautulli = createTautulliSimulator({ historySize: 20, restartDowntimeMs: 300 });
    ({ panel, token } = await boot(tautulli));
    panel.app.get(TautulliRestartWatcher).timing = { timeoutMs: 2000, intervalMs: 25, downWithinMs: 1500 };
  });
  afterAll(async () => {
    await panel.close();
    await tautulli.sim.stop();
  });

  it('is idle before any restart', async () => {
    expect(await restartStatus()).toEqual({ state: 'idle', asked_at: null, settled_at: null });
  });

  it('reports back once Tautulli answers again, and logs it', async () => {
    await restart();
    expect((await restartStatus()).state).toBe('restarting');
    await eventually(async () => (await restartStatus()).state !== 'restarting', 'the restart settles');
    expect(await restartStatus()).toEqual({
      state: 'back',
      asked_at: expect.any(String),
      settled_at: expect.any(String),
    });
    expect(panel.logs.some((l) => l.includes('Tautulli answers again'))).toBe(true);
  });

  it('reports gone when a Tautulli with no supervisor exits for good, and logs it', async () => {
    tautulli.state.restartExits = true;
    await restart();
    await eventually(async () => (await restartStatus()).state !== 'restarting', 'the restart settles');
    expect((await restartStatus()).state).toBe('gone');
    expect(panel.logs.some((l) => l.includes('Tautulli did not answer within 2 s of the restart'))).toBe(
      true,
    );
    expect(panel.logs.join('\n')).not.toContain(DEFAULT_TAUTULLI_API_KEY);
  });
});
