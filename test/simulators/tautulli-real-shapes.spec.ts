/* eslint-disable @typescript-eslint/no-explicit-any -- parsed upstream answers are walked freely in assertions */
import { createPlexWorld, historyAt, liveSessions, type PlexWorld } from '../../simulators/media-library';
import {
  createTautulliSimulator,
  DEFAULT_TAUTULLI_API_KEY,
  isGrouped,
  type TautulliSimulator,
} from '../../simulators/tautulli';
import { eventually } from '../support/eventually';

/** The shapes a real Tautulli 2.17.2 answers that an older reading of its docs does not show. */

const T0 = 1_750_000_000_000 + 90_000;
const KEY = DEFAULT_TAUTULLI_API_KEY;

async function cmd(t: TautulliSimulator, command: string, params = '') {
  const res = await fetch(`${t.sim.url}/api/v2?apikey=${KEY}&cmd=${command}${params ? `&${params}` : ''}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as any).response.data;
}

describe('Tautulli simulator: the shapes of a real Tautulli 2.17.2', () => {
  let world: PlexWorld;
  let tautulli: TautulliSimulator;
  beforeAll(async () => {
    world = createPlexWorld({ seed: 21, historySize: 300, sessions: 3, clock: () => T0 });
    tautulli = createTautulliSimulator({ world });
    await tautulli.sim.start();
  });
  afterAll(() => tautulli.sim.stop());
  afterEach(() => {
    tautulli.state.plexReachable = true;
    tautulli.state.metPlex = true;
  });

  it('lists plays in progress first, without ids, counted in recordsFiltered only', async () => {
    const live = liveSessions(world, T0);
    const all = historyAt(world, T0);
    expect(live.length).toBeGreaterThan(0);
    const page = await cmd(tautulli, 'get_history', `length=${live.length + 1}`);
    expect(page).toMatchObject({ recordsTotal: all.length, recordsFiltered: all.length + live.length });
    const rows = page.data as any[];
    expect(rows.slice(0, live.length)).toEqual(
      live.map((s) =>
        expect.objectContaining({
          row_id: null,
          id: null,
          reference_id: null,
          state: s.state,
          session_key: s.sessionKey,
          stopped: Math.floor(T0 / 1000),
        }),
      ),
    );
    expect(rows[live.length]).toMatchObject({ state: null, row_id: expect.any(Number) });
    const without = await cmd(tautulli, 'get_history', 'include_activity=0&length=1');
    expect(without.recordsFiltered).toBe(all.length);
    expect(without.data[0].state).toBeNull();
  });

  it('groups resumed plays: date is the latest play, started the first', async () => {
    const grouped = historyAt(world, T0).find(isGrouped)!;
    expect(grouped).toBeDefined();
    const rows = (await cmd(tautulli, 'get_history', 'include_activity=0&length=-1')).data as any[];
    const row = rows.find((r) => r.row_id === grouped.id);
    expect(row).toMatchObject({ group_count: 2, started: grouped.started, stopped: grouped.stopped });
    expect(row.date).toBeGreaterThan(row.started);
    expect(row.group_ids.split(',')).toHaveLength(2);
    const single = rows.find((r) => r.group_count === 1);
    expect(single.date).toBe(single.started);
    const dates = rows.map((r) => r.date);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('users table: no is_admin, friendly_name is the user name unless renamed, and the Local user', async () => {
    const table = await cmd(tautulli, 'get_users_table', 'length=-1');
    const rows = table.data as any[];
    expect(table.recordsTotal).toBe(world.users.length + 1);
    expect(rows.some((r) => 'is_admin' in r)).toBe(false);
    expect(rows.find((r) => r.user_id === 0)).toMatchObject({ username: 'Local', friendly_name: 'Local' });
    const byId = new Map(rows.map((r) => [r.user_id, r]));
    const kept = world.users.find((u) => u.plexId % 2 === 0)!;
    const renamed = world.users.find((u) => u.plexId % 2 === 1)!;
    expect(byId.get(kept.plexId)).toMatchObject({ friendly_name: kept.username, title: kept.title });
    expect(byId.get(renamed.plexId)).toMatchObject({ friendly_name: renamed.displayName });
    const users = (await cmd(tautulli, 'get_users')) as any[];
    expect(users.filter((u) => u.is_admin === 1).map((u) => u.user_id)).toEqual([String(world.owner.plexId)]);
  });

  it('plays by date end with a Total series', async () => {
    const plays = await cmd(tautulli, 'get_plays_by_date', 'time_range=7');
    expect(plays.series.at(-1).name).toBe('Total');
  });

  it('answers get_activity with {} and server_status not connected when its Plex is unreachable', async () => {
    tautulli.state.plexReachable = false;
    expect(await cmd(tautulli, 'get_activity')).toEqual({});
    expect(await cmd(tautulli, 'server_status')).toEqual({ connected: false });
  });

  it('has no Plex version or platform until it has met Plex', async () => {
    tautulli.state.metPlex = false;
    expect(await cmd(tautulli, 'get_server_info')).toMatchObject({
      pms_name: world.server.friendlyName,
      pms_version: '',
      pms_platform: '',
    });
  });

  it('stays down after restart when it has no supervisor', async () => {
    const lone = createTautulliSimulator({ world, restartExits: true });
    await lone.sim.start();
    try {
      await cmd(lone, 'restart');
      await eventually(
        () =>
          fetch(`${lone.sim.url}/api/v2?apikey=${KEY}&cmd=status`).then(
            () => false,
            () => true,
          ),
        'the Tautulli with no supervisor closes its port',
      );
      expect(lone.state.restarts).toBe(1);
    } finally {
      await lone.sim.stop();
    }
  });
});
