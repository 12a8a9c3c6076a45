/* eslint-disable @typescript-eslint/no-explicit-any -- parsed upstream answers are walked freely in assertions */
import { createPlexWorld, historyAt, liveSessions, type PlexWorld } from '../../simulators/media-library';
import { createPlexSimulator, DEFAULT_PMS_TOKEN, type PlexSimulator } from '../../simulators/plex';
import {
  createTautulliSimulator,
  DEFAULT_TAUTULLI_API_KEY,
  playedAt,
  TAUTULLI_COMMANDS,
  type TautulliSimulator,
} from '../../simulators/tautulli';
import { eventually } from '../support/eventually';

const T0 = 1_750_000_000_000;
const KEY = DEFAULT_TAUTULLI_API_KEY;

interface Envelope {
  response: { result: 'success' | 'error'; message: string | null; data: any };
}

async function api(t: TautulliSimulator, query: string) {
  const res = await fetch(`${t.sim.url}/api/v2?${query}`);
  const body = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body,
    json: () => JSON.parse(body) as Envelope,
  };
}

async function cmd(t: TautulliSimulator, command: string, params = '') {
  const res = await api(t, `apikey=${KEY}&cmd=${command}${params ? `&${params}` : ''}`);
  expect(res.status).toBe(200);
  return res.json().response.data;
}

describe('Tautulli simulator', () => {
  let now = T0;
  let world: PlexWorld;
  let tautulli: TautulliSimulator;
  let plex: PlexSimulator;
  beforeAll(async () => {
    world = createPlexWorld({ seed: 21, historySize: 300, sessions: 3, clock: () => now });
    tautulli = createTautulliSimulator({ world });
    plex = createPlexSimulator({ world });
    await Promise.all([tautulli.sim.start(), plex.sim.start()]);
  });
  afterAll(() => Promise.all([tautulli.sim.stop(), plex.sim.stop()]));
  afterEach(() => {
    now = T0;
    tautulli.sim.resetFaults();
    tautulli.sim.resetCounters();
    tautulli.state.apiEnabled = true;
  });

  it('wraps answers in the exact envelope, as Python json.dumps lays it out', async () => {
    const res = await api(tautulli, `apikey=${KEY}&cmd=status`);
    expect(res).toMatchObject({ status: 200, type: 'application/json;charset=UTF-8' });
    expect(res.body).toBe('{"response": {"result": "success", "message": "Ok", "data": {}}}');
    const db = (await api(tautulli, `apikey=${KEY}&cmd=status&check=database`)).json();
    expect(db.response).toEqual({
      result: 'success',
      message: 'Database ok',
      data: { integrity_check: 'ok' },
    });
    expect(await cmd(tautulli, 'server_status')).toEqual({ connected: true });
    expect(await cmd(tautulli, 'get_server_info')).toMatchObject({
      pms_identifier: world.server.machineIdentifier,
      pms_name: 'Seedbox',
      pms_port: 32400,
      pms_plexpass: 1,
    });
  });

  it('answers every error with HTTP 400 and the exact message', async () => {
    const bad = await api(tautulli, 'apikey=wrong&cmd=get_activity');
    expect(bad).toMatchObject({
      status: 400,
      body: '{"response": {"result": "error", "message": "Invalid apikey", "data": {}}}',
    });
    expect((await api(tautulli, 'cmd=get_activity')).json().response.message).toBe(
      'Parameter apikey is required',
    );
    const list = TAUTULLI_COMMANDS.join(', ');
    const noCmd = await api(tautulli, `apikey=${KEY}`);
    expect(noCmd.status).toBe(400);
    expect(noCmd.json().response.message).toBe(`Parameter cmd is required. Possible commands are: ${list}`);
    // The command is checked before the key.
    const unknown = await api(tautulli, 'apikey=wrong&cmd=foo');
    expect(unknown.status).toBe(400);
    expect(unknown.json().response).toEqual({
      result: 'error',
      message: `Unknown command: foo. Possible commands are: ${list}`,
      data: {},
    });
    expect(list.startsWith('add_newsletter_config, add_notifier_config, arnold')).toBe(true);
    // A command that needs a parameter returns nothing without it: 400, message null.
    expect(await api(tautulli, `apikey=${KEY}&cmd=get_user`)).toMatchObject({
      status: 400,
      body: '{"response": {"result": "error", "message": null, "data": {}}}',
    });
    tautulli.state.apiEnabled = false;
    expect((await api(tautulli, `apikey=${KEY}&cmd=status`)).json().response.message).toBe('API not enabled');
  });

  it('honours badAuth with its own invalid-key answer', async () => {
    tautulli.sim.setFaults({ badAuth: true });
    const res = await api(tautulli, `apikey=${KEY}&cmd=get_activity`);
    expect(res.status).toBe(400);
    expect(res.json().response.message).toBe('Invalid apikey');
  });

  it('reports the same activity as the Plex simulator shows', async () => {
    now = T0 + 90_000;
    const activity = await cmd(tautulli, 'get_activity');
    const res = await fetch(`${plex.sim.url}/status/sessions`, {
      headers: { 'X-Plex-Token': DEFAULT_PMS_TOKEN, Accept: 'application/json' },
    });
    const plexSessions = ((await res.json()) as any).MediaContainer.Metadata as any[];
    expect(activity.stream_count).toBe(String(plexSessions.length));
    expect(plexSessions.length).toBeGreaterThan(0);
    for (const [i, s] of activity.sessions.entries()) {
      const p = plexSessions[i];
      expect(s.session_key).toBe(p.sessionKey);
      expect(s.session_id).toBe(p.Session.id);
      expect(s.rating_key).toBe(p.ratingKey);
      expect(s.view_offset).toBe(String(p.viewOffset));
      expect(s.state).toBe(p.Player.state);
      expect(s.user).toBe(p.User.title);
      expect(s.bandwidth).toBe(String(p.Session.bandwidth));
    }
    const total = plexSessions.reduce((n, p) => n + p.Session.bandwidth, 0);
    expect(activity.total_bandwidth).toBe(total);
    expect(activity.lan_bandwidth + activity.wan_bandwidth).toBe(total);
    const one = await cmd(tautulli, 'get_activity', `session_key=${plexSessions[0].sessionKey}`);
    expect(one.session_id).toBe(plexSessions[0].Session.id);
  });

  it('terminate_session stops a session by key with the message, and the Plex simulator no longer shows it', async () => {
    now = T0 + 95_000;
    const victim = liveSessions(world)[0];
    const done = await api(
      tautulli,
      `apikey=${KEY}&cmd=terminate_session&session_key=${victim.sessionKey}&message=Bye%20for%20now`,
    );
    expect(done.status).toBe(200);
    expect(done.json().response).toEqual({ result: 'success', message: 'Session terminated.', data: {} });
    expect(tautulli.state.terminations.at(-1)).toEqual({
      sessionId: victim.sessionId,
      sessionKey: victim.sessionKey,
      message: 'Bye for now',
    });
    expect(liveSessions(world).map((s) => s.sessionId)).not.toContain(victim.sessionId);
    const again = await api(tautulli, `apikey=${KEY}&cmd=terminate_session&session_id=${victim.sessionId}`);
    expect(again.status).toBe(400);
    expect(again.json().response.message).toBe('Failed to terminate session: Missing session_id.');
    world.terminated.clear();
  });

  it('reports the idle shape of get_activity and empties lists on emptyLists', async () => {
    tautulli.sim.setFaults({ emptyLists: true });
    expect(await cmd(tautulli, 'get_activity')).toEqual({
      stream_count: '0',
      stream_count_direct_play: 0,
      stream_count_direct_stream: 0,
      stream_count_transcode: 0,
      total_bandwidth: 0,
      lan_bandwidth: 0,
      wan_bandwidth: 0,
      sessions: [],
    });
    expect(await cmd(tautulli, 'get_users')).toEqual([]);
    expect(await cmd(tautulli, 'get_libraries')).toEqual([]);
    expect(await cmd(tautulli, 'get_history')).toMatchObject({
      recordsTotal: 0,
      recordsFiltered: 0,
      data: [],
    });
  });

  it('pages the history and filters it by user, matching Plex history', async () => {
    // Newest first by `date` (a grouped row's latest play); stable, as the world is newest first.
    const all = [...historyAt(world, now)].sort((a, b) => playedAt(b) - playedAt(a));
    const page = await cmd(
      tautulli,
      'get_history',
      'start=0&length=1&order_column=date&order_dir=desc&include_activity=0',
    );
    expect(page).toMatchObject({ draw: 1, recordsTotal: all.length, recordsFiltered: all.length });
    expect(page.total_duration).toMatch(/^\d+ days? \d+ hrs?/);
    expect(page.data).toHaveLength(1);
    const row = page.data[0];
    expect(row).toMatchObject({
      row_id: all[0].id,
      rating_key: Number(all[0].item.ratingKey),
      user_id: all[0].user.plexId,
      user: all[0].user.username,
      stopped: all[0].stopped,
      state: null,
      section_id: Number(all[0].item.librarySectionID),
    });

    const res = await fetch(`${plex.sim.url}/status/sessions/history/all?X-Plex-Container-Size=25`, {
      headers: { 'X-Plex-Token': DEFAULT_PMS_TOKEN, Accept: 'application/json' },
    });
    const plexHistory = ((await res.json()) as any).MediaContainer.Metadata as any[];
    // Plex sorts by viewedAt, which is Tautulli's `stopped`.
    const rows = (await cmd(tautulli, 'get_history', 'length=25&order_column=stopped&include_activity=0'))
      .data as any[];
    expect(rows.map((r) => [String(r.rating_key), r.stopped])).toEqual(
      plexHistory.map((p) => [p.ratingKey, p.viewedAt]),
    );
    // Plex names the owner account 1; Tautulli uses the owner's plex.tv id.
    const accounts = plexHistory.map((p) => (p.accountID === 1 ? world.owner.plexId : p.accountID));
    expect(rows.map((r) => r.user_id)).toEqual(accounts);

    const second = await cmd(tautulli, 'get_history', 'start=25&length=25&include_activity=0');
    expect(second.data[0].row_id).toBe(all[25].id);
    const user = world.users[2];
    const mine = await cmd(tautulli, 'get_history', `user=${user.username}&length=1000&include_activity=0`);
    const expected = all.filter((e) => e.user.username === user.username).length;
    expect(mine).toMatchObject({ recordsTotal: all.length, recordsFiltered: expected });
    expect(mine.data.every((r: any) => r.user === user.username)).toBe(true);
    const byId = await cmd(tautulli, 'get_history', `user_id=${user.plexId}&include_activity=0`);
    expect(byId.recordsFiltered).toBe(expected);
    const oldest = await cmd(
      tautulli,
      'get_history',
      'order_column=date&order_dir=asc&length=1&include_activity=0',
    );
    expect(oldest.data[0].row_id).toBe(all[all.length - 1].id);
  });

  it('lists users and libraries of the Plex world', async () => {
    const users = await cmd(tautulli, 'get_users');
    // Every Plex user, then Tautulli's "Local" pseudo-user.
    expect(users).toHaveLength(world.users.length + 1);
    expect(users.at(-1)).toMatchObject({ user_id: '0', username: 'Local', is_admin: 0 });
    expect(users[0]).toMatchObject({
      user_id: String(world.owner.plexId),
      username: 'plexowner',
      is_admin: 1,
      shared_libraries: ['1', '2', '3'],
    });
    const libraries = await cmd(tautulli, 'get_libraries');
    const tv = world.librariesByKey.get('2')!;
    expect(libraries[1]).toMatchObject({
      section_id: '2',
      section_name: 'TV Shows',
      section_type: 'show',
      count: String(tv.itemsByType.get('show')!.length),
      child_count: String(tv.itemsByType.get('episode')!.length),
    });
    const table = await cmd(tautulli, 'get_users_table', 'order_column=plays&order_dir=desc&length=3');
    expect(table.data).toHaveLength(3);
    expect(table.data[0].plays).toBeGreaterThanOrEqual(table.data[1].plays);
  });

  it('computes home stats and plays by date', async () => {
    const stats = await cmd(tautulli, 'get_home_stats', 'time_range=365');
    expect(stats.map((s: any) => s.stat_id)).toEqual([
      'top_movies',
      'popular_movies',
      'top_tv',
      'popular_tv',
      'top_music',
      'popular_music',
      'top_libraries',
      'top_users',
      'top_platforms',
      'last_watched',
      'most_concurrent',
    ]);
    const topUsers = await cmd(tautulli, 'get_home_stats', 'stat_id=top_users&time_range=365&stats_count=3');
    expect(topUsers).toMatchObject({
      stat_id: 'top_users',
      stat_type: 'total_plays',
      stat_title: 'Most Active Users',
    });
    expect(topUsers.rows.length).toBeLessThanOrEqual(3);
    expect(topUsers.rows[0].total_plays).toBeGreaterThanOrEqual(topUsers.rows[1].total_plays);

    const plays = await cmd(tautulli, 'get_plays_by_date', 'time_range=30');
    expect(plays.categories).toHaveLength(30);
    expect(plays.categories[29]).toBe(new Date(T0).toISOString().slice(0, 10));
    expect(plays.series.map((s: any) => s.name)).toEqual(['TV', 'Movies', 'Music', 'Total']);
    const [tv, movies, music, total] = plays.series.map((s: any) => s.data as number[]);
    expect(total).toEqual(tv.map((n: number, i: number) => n + movies[i] + music[i]));
    const since = T0 / 1000 - 29 * 86_400;
    const counted = plays.series
      .slice(0, 3)
      .reduce((n: number, s: any) => n + s.data.reduce((a: number, b: number) => a + b, 0), 0);
    expect(counted).toBeLessThanOrEqual(
      historyAt(world, now).filter((e) => e.started >= since - 86_400).length,
    );
  });

  it('restarts itself (not Plex), pings, and speaks XML, JSONP and POST', async () => {
    expect((await api(tautulli, `apikey=${KEY}&cmd=restart`)).body).toBe(
      '{"response": {"result": "success", "message": "Restarting Tautulli", "data": {}}}',
    );
    expect(tautulli.state.restarts).toBe(1);
    expect(typeof (await cmd(tautulli, 'arnold'))).toBe('string');

    const xml = await api(tautulli, `apikey=${KEY}&cmd=get_server_friendly_name&out_type=xml`);
    expect(xml.type).toBe('application/xml;charset=UTF-8');
    expect(xml.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<response>\n\t<result>success</result>\n\t<message></message>\n\t<data>Seedbox</data>\n</response>\n',
    );
    const jsonp = await api(tautulli, `apikey=${KEY}&cmd=server_status&callback=pong`);
    expect(jsonp.body).toBe(
      'pong({"response": {"result": "success", "message": null, "data": {"connected": true}}});',
    );

    const post = await fetch(`${tautulli.sim.url}/api/v2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `apikey=${KEY}&cmd=get_server_identity`,
    });
    expect(((await post.json()) as Envelope).response.data).toEqual([
      { machine_identifier: world.server.machineIdentifier, version: world.server.version },
    ]);
    const legacy = await fetch(`${tautulli.sim.url}/api?apikey=${KEY}&cmd=status`);
    expect(((await legacy.json()) as Envelope).response.message).toBe('Please use the /api/v2 endpoint.');
  });

  it('closes its port for a while after restart when asked to', async () => {
    const restarting = createTautulliSimulator({ world, restartDowntimeMs: 2000 });
    await restarting.sim.start();
    const url = `${restarting.sim.url}/api/v2?apikey=${KEY}&cmd=status`;
    const refused = () =>
      fetch(url).then(
        () => false,
        () => true,
      );
    try {
      expect((await api(restarting, `apikey=${KEY}&cmd=restart`)).status).toBe(200);
      await eventually(refused, 'the restarting Tautulli closes its port');
      await expect(fetch(url)).rejects.toThrow();
      await eventually(async () => !(await refused()), 'Tautulli listens again');
      expect((await api(restarting, `apikey=${KEY}&cmd=status`)).status).toBe(200);
    } finally {
      await restarting.sim.stop();
    }
  });

  it('counts requests by command', async () => {
    await api(tautulli, `apikey=${KEY}&cmd=get_activity`);
    await api(tautulli, `apikey=${KEY}&cmd=get_activity`);
    await api(tautulli, `apikey=${KEY}&cmd=get_history`);
    await api(tautulli, 'apikey=x&cmd=nope');
    expect(tautulli.sim.counters()).toEqual({ get_activity: 2, get_history: 1, nope: 1 });
    expect(liveSessions(world, now).length).toBe(3);
  });
});
