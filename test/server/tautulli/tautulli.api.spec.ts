import { readFileSync } from 'node:fs';
import type { PanelConfig } from '../../../server/config/config.schema';
import { TautulliService } from '../../../server/tautulli/tautulli.service';
import { historyAt, liveSessions } from '../../../simulators/media-library';
import { createPlexSimulator, type PlexSimulator } from '../../../simulators/plex';
import {
  createTautulliSimulator,
  DEFAULT_TAUTULLI_API_KEY,
  playedAt,
  type TautulliSimulator,
} from '../../../simulators/tautulli';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const NOW = Date.now();
const KEY_SENTENCE =
  'Tautulli rejected the API key ("Invalid apikey"); set TAUTULLI_API_KEY or the API key in Settings → Tautulli (Tautulli shows it under Settings → Web Interface → API).';
const NOT_CONFIGURED =
  'Tautulli is not configured: set TAUTULLI_URL and TAUTULLI_API_KEY, or its URL and API key in Settings.';
const READS = [
  '/health',
  '/status',
  '/activity',
  '/stats',
  '/users',
  '/libraries',
  '/history',
  '/plays',
  '/server-info',
];

function call(panel: TestPanel, token: string, path: string) {
  const http = panel.http();
  const req =
    path === '/restart' ? http.post(`/api/tautulli${path}`).send({}) : http.get(`/api/tautulli${path}`);
  return req.auth(token, { type: 'bearer' });
}

const playDuration = (e: { started: number; stopped: number; pausedSeconds: number }) =>
  Math.max(0, e.stopped - e.started - e.pausedSeconds);

describe('/api/tautulli against the Tautulli simulator (sharing the Plex world)', () => {
  let plex: PlexSimulator;
  let tautulli: TautulliSimulator;
  let panel: TestPanel;
  let token: string;
  let where: string;

  const world = () => plex.state.world;
  const get = (path: string) => call(panel, token, path);

  beforeAll(async () => {
    // As simulators/stack.ts does: Tautulli reports the sessions and history of the Plex world.
    plex = createPlexSimulator({ sessions: 4, historySize: 400, clock: () => NOW });
    tautulli = createTautulliSimulator({ world: plex.state.world });
    await tautulli.sim.start();
    where = new URL(tautulli.sim.url).host;
    panel = await startTestPanel(
      baseConfig({ tautulli: { url: tautulli.sim.url, api_key: DEFAULT_TAUTULLI_API_KEY } }),
      { UPSTREAM_TIMEOUT_MS: '3000' },
    );
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await tautulli.sim.stop();
  });
  beforeEach(() => tautulli.sim.resetFaults());

  describe('reads', () => {
    it('GET health: version, one call', async () => {
      tautulli.sim.resetCounters();
      const res = await get('/health').expect(200);
      expect(res.body).toEqual({ version: tautulli.state.version, latency_ms: expect.any(Number) });
      expect(tautulli.sim.counters()).toEqual({ get_tautulli_info: 1 });
    });

    it('GET status: version, install, and the link to Plex', async () => {
      const res = await get('/status').expect(200);
      expect(res.body).toEqual({
        version: tautulli.state.version,
        install_type: 'docker',
        branch: 'master',
        platform: 'Linux',
        python_version: '3.11.2',
        pms_connected: true,
      });
      tautulli.state.pmsConnected = false;
      expect((await get('/status').expect(200)).body.pms_connected).toBe(false);
      tautulli.state.pmsConnected = true;
    });

    it('GET server-info: the Plex server as Tautulli sees it', async () => {
      const s = world().server;
      const res = await get('/server-info').expect(200);
      expect(res.body).toEqual({
        name: s.friendlyName,
        version: s.version,
        platform: s.platform,
        machine_identifier: s.machineIdentifier,
        url: `http://${s.address}:${s.port}`,
        port: s.port,
        ssl: false,
        remote: false,
        plex_pass: s.plexPass,
      });
    });

    it('GET activity: streams, total bandwidth and transcodes', async () => {
      const live = liveSessions(world());
      const res = await get('/activity').expect(200);
      expect(res.body).toMatchObject({
        stream_count: live.length,
        transcodes: live.filter((s) => s.decision === 'transcode').length,
        direct_play: live.filter((s) => s.decision === 'direct play').length,
        total_bandwidth_kbps: live.reduce((n, s) => n + s.bandwidth, 0),
      });
      expect(
        res.body.streams.map((s: { session_id: string; user: string }) => [s.session_id, s.user]),
      ).toEqual(live.map((s) => [s.sessionId, s.user.username]));
    });

    it('GET stats: most watched, most active users, plays and time watched; cached', async () => {
      const since = Math.floor(NOW / 1000) - 30 * 86_400;
      const inPeriod = historyAt(world()).filter((e) => e.started >= since);
      tautulli.sim.resetCounters();
      const res = await get('/stats').expect(200);
      expect(res.body).toMatchObject({
        days: 30,
        stats_type: 'plays',
        total_plays: inPeriod.length,
        total_duration_seconds: inPeriod.reduce((n, e) => n + playDuration(e), 0),
      });
      expect(res.body.most_watched_movies.length).toBeLessThanOrEqual(10);
      expect(res.body.most_active_users[0]).toEqual({
        user_id: expect.any(Number),
        user: expect.any(String),
        friendly_name: expect.any(String),
        plays: expect.any(Number),
        duration_seconds: expect.any(Number),
        last_play: expect.any(String),
      });
      const top = res.body.most_active_users[0];
      expect(top.plays).toBe(inPeriod.filter((e) => e.user.plexId === top.user_id).length);
      expect(res.body.most_concurrent).toEqual({ count: expect.any(Number), at: expect.any(String) });
      expect(tautulli.sim.counters()).toEqual({ get_home_stats: 2 });
      await get('/stats').expect(200);
      expect(tautulli.sim.counters()).toEqual({ get_home_stats: 2 });

      const week = await get('/stats?days=7&count=3&stats_type=duration').expect(200);
      expect(week.body).toMatchObject({ days: 7, stats_type: 'duration' });
      expect(week.body.most_active_users.length).toBeLessThanOrEqual(3);
      const durations = week.body.most_active_users.map(
        (u: { duration_seconds: number }) => u.duration_seconds,
      );
      expect(durations).toEqual([...durations].sort((a, b) => b - a));
    });

    it('GET stats refuses bad query values', async () => {
      const res = await get('/stats?days=0&stats_type=minutes').expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['days', 'stats_type']);
    });

    it('GET users: play counts and last seen, cached', async () => {
      tautulli.sim.resetCounters();
      const res = await get('/users').expect(200);
      // Every Plex user; Tautulli's "Local" pseudo-user is left out.
      expect(res.body).toHaveLength(world().users.length);
      expect(res.body.some((u: { user_id: number }) => u.user_id === 0)).toBe(false);
      const busiest = res.body.reduce((a: { plays: number }, b: { plays: number }) =>
        b.plays > a.plays ? b : a,
      );
      expect(busiest.plays).toBe(historyAt(world()).filter((e) => e.user.plexId === busiest.user_id).length);
      expect(busiest.last_seen).toEqual(expect.any(String));
      await get('/users').expect(200);
      expect(tautulli.sim.counters()).toEqual({ get_users: 1, get_users_table: 1 });
    });

    it('GET libraries: counts and plays, cached', async () => {
      tautulli.sim.resetCounters();
      const res = await get('/libraries').expect(200);
      const byId = new Map(res.body.map((l: { section_id: string }) => [l.section_id, l]));
      for (const lib of world().libraries) {
        expect(byId.get(lib.key)).toMatchObject({
          name: lib.title,
          type: lib.type,
          count: lib.itemsByType.get(lib.type)!.length,
          plays: historyAt(world()).filter((e) => e.item.librarySectionID === lib.key).length,
        });
      }
      await get('/libraries').expect(200);
      expect(tautulli.sim.counters()).toEqual({ get_libraries_table: 1 });
    });

    it('GET history: paged, newest first, filtered by user', async () => {
      const history = [...historyAt(world())].sort((a, b) => playedAt(b) - playedAt(a));
      const first = await get('/history?page=2&page_size=5').expect(200);
      expect(first.body).toMatchObject({ page: 2, page_size: 5, total: history.length });
      expect(first.body.items.map((i: { id: number }) => i.id)).toEqual(
        history.slice(5, 10).map((e) => e.id),
      );
      const user = history[0].user;
      const theirs = await get(`/history?user_id=${user.plexId}&page_size=200`).expect(200);
      expect(theirs.body.total).toBe(history.filter((e) => e.user.plexId === user.plexId).length);
      expect(new Set(theirs.body.items.map((i: { user: string }) => i.user))).toEqual(
        new Set([user.username]),
      );
    });

    it('GET history: filtered by library, media type and days (both ends included), paged with the total', async () => {
      const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
      const history = historyAt(world());
      const lib = world().libraries.find((l) => l.type === 'show')!;
      const from = day(history[Math.floor(history.length / 2)].started);
      const to = day(history[Math.floor(history.length / 4)].started);
      const expected = history.filter(
        (e) =>
          e.item.librarySectionID === lib.key &&
          e.item.type === 'episode' &&
          day(e.started) >= from &&
          day(e.started) <= to,
      );
      expect(expected.length).toBeGreaterThan(3);
      tautulli.sim.resetCounters();
      const query = `section_id=${lib.key}&media_type=episode&from=${from}&to=${to}`;
      const res = await get(`/history?${query}&page=2&page_size=3`).expect(200);
      expect(res.body).toMatchObject({ page: 2, page_size: 3, total: expected.length });
      expect(res.body.items).toHaveLength(Math.min(3, expected.length - 3));
      for (const item of res.body.items) {
        expect(item.media_type).toBe('episode');
        expect(day(Date.parse(item.first_started) / 1000) <= to).toBe(true);
      }
      // One day alone is Tautulli's start_date.
      const single = await get(`/history?from=${from}&to=${from}&page_size=200`).expect(200);
      expect(single.body.total).toBe(history.filter((e) => day(e.started) === from).length);
      expect(tautulli.sim.counters()).toEqual({ get_history: 2 });
    });

    it('GET history refuses from after to with a 400 naming from, and bad filter values naming theirs', async () => {
      tautulli.sim.resetCounters();
      const res = await get('/history?from=2024-05-31&to=2024-05-01').expect(400);
      expect(res.body.details).toEqual([{ field: 'from', message: 'from must not be after to' }]);
      const bad = await get('/history?from=31-05-2024&media_type=film&section_id=x').expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'from',
        'media_type',
        'section_id',
      ]);
      expect(tautulli.sim.counters()).toEqual({});
    });

    it('GET stats: the top cards rank movies, shows, users and platforms, most first', async () => {
      const res = await get('/stats?days=3650&count=5').expect(200);
      for (const card of [
        'most_watched_movies',
        'most_watched_shows',
        'most_active_users',
        'most_active_platforms',
      ]) {
        const plays = res.body[card].map((r: { plays: number }) => r.plays);
        expect(plays.length).toBeGreaterThan(0);
        expect(plays.length).toBeLessThanOrEqual(5);
        expect(plays).toEqual([...plays].sort((a: number, b: number) => b - a));
      }
      const platforms = new Set(world().users.flatMap((u) => u.devices.map((d) => d.platform)));
      for (const p of res.body.most_active_platforms) expect(platforms.has(p.platform)).toBe(true);
    });

    it('GET plays: plays per day, 30 days by default', async () => {
      const res = await get('/plays').expect(200);
      expect(res.body.days).toBe(30);
      expect(res.body.dates).toHaveLength(30);
      // Tautulli's own Total series is left out.
      expect(res.body.series.map((s: { name: string }) => s.name)).toEqual(['TV', 'Movies', 'Music']);
      const week = await get('/plays?days=7').expect(200);
      const first = week.body.dates[0];
      const inWeek = historyAt(world()).filter(
        (e) => new Date(e.started * 1000).toISOString().slice(0, 10) >= first,
      );
      expect(week.body.total).toBe(inWeek.length);
      await get('/plays?days=400').expect(400);
    });

    it('answers an empty Tautulli with empty lists, not errors', async () => {
      tautulli.sim.setFaults({ emptyLists: true });
      panel.app.get(TautulliService).cache.invalidate();
      expect((await get('/activity').expect(200)).body).toMatchObject({ stream_count: 0, streams: [] });
      expect((await get('/users').expect(200)).body).toEqual([]);
      expect((await get('/history').expect(200)).body).toMatchObject({ total: 0, items: [] });
      panel.app.get(TautulliService).cache.invalidate();
    });
  });

  describe.each([...READS, '/restart'])('%s faults', (path) => {
    beforeEach(() => panel.app.get(TautulliService).cache.invalidate());

    it('answers 504 naming Tautulli when it hangs', async () => {
      tautulli.sim.setFaults({ hang: true });
      const res = await call(panel, token, path).expect(504);
      expect(res.body.message).toBe(`Tautulli at ${where} did not answer within 3 s.`);
    });

    it('answers 502 when Tautulli answers garbage', async () => {
      tautulli.sim.setFaults({ garbage: true });
      const res = await call(panel, token, path).expect(502);
      expect(res.body.message).toBe('Tautulli answered with something that is not valid JSON.');
    });

    it('answers 502 naming the API key when Tautulli rejects it', async () => {
      tautulli.sim.setFaults({ badAuth: true });
      const res = await call(panel, token, path).expect(502);
      expect(res.body.message).toBe(KEY_SENTENCE);
    });
  });

  it('POST restart: Tautulli restarts itself; 202 with a sentence, audited', async () => {
    const before = tautulli.state.restarts;
    const res = await call(panel, token, '/restart').expect(202);
    expect(res.body).toEqual({
      message:
        'Tautulli is restarting; it will be unreachable for a few seconds. GET /api/tautulli/restart tells whether it came back.',
    });
    expect(tautulli.state.restarts).toBe(before + 1);
    await panel.auditWritten();
    const audit = await panel
      .http()
      .get('/api/audit?action=tautulli.restart')
      .auth(token, { type: 'bearer' });
    expect(
      audit.body.items.map((e: { target: string; outcome: string }) => [e.target, e.outcome])[0],
    ).toEqual(['Tautulli', 'ok']);
    // The fault tests above failed restarts: each is audited as an error.
    expect(audit.body.items.filter((e: { outcome: string }) => e.outcome === 'error')).toHaveLength(3);
  });

  describe('settings', () => {
    const put = (body: object) =>
      panel.http().put('/api/tautulli/settings').auth(token, { type: 'bearer' }).send(body);
    const onDisk = () => JSON.parse(readFileSync(panel.configFile, 'utf8')) as PanelConfig;

    it('GET answers the connection without the key', async () => {
      const res = await get('/settings').expect(200);
      expect(res.body).toEqual({ url: tautulli.sim.url, api_key_set: true, overridden_by_env: [] });
      expect(res.text).not.toContain(DEFAULT_TAUTULLI_API_KEY);
    });

    it.each([
      [{ url: 'ftp://tautulli' }, 'url', 'url must be an http:// or https:// URL'],
      [{ api_key: 42 }, 'api_key', 'api_key must be a string'],
      [{ surprise: 1 }, 'surprise', 'surprise should not exist'],
    ])('PUT refuses %j with a 400 naming %s', async (body, field, message) => {
      const res = await put(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
      expect(res.body.message).toContain(message);
    });

    it('PUT keeps the saved key when the form sends it back empty, and null removes it', async () => {
      await put({ url: tautulli.sim.url, api_key: '' }).expect(200);
      expect(onDisk().tautulli).toEqual({ url: tautulli.sim.url, api_key: DEFAULT_TAUTULLI_API_KEY });
      try {
        const removed = await put({ api_key: null }).expect(200);
        expect(removed.body).toMatchObject({ api_key_set: false });
        expect(onDisk().tautulli).toEqual({ url: tautulli.sim.url });
      } finally {
        await put({ api_key: DEFAULT_TAUTULLI_API_KEY }).expect(200);
      }
    });

    it('PUT saves to the file, applies at once, clears the cache and is audited redacted', async () => {
      await get('/users').expect(200);
      await put({ api_key: 'ffffffffffffffffffffffffffffffff' }).expect(200);
      expect((await get('/users').expect(502)).body.message).toBe(KEY_SENTENCE);
      const res = await put({ url: `${tautulli.sim.url}/`, api_key: DEFAULT_TAUTULLI_API_KEY }).expect(200);
      expect(res.body).toEqual({ url: tautulli.sim.url, api_key_set: true, overridden_by_env: [] });
      expect(onDisk().tautulli).toEqual({ url: tautulli.sim.url, api_key: DEFAULT_TAUTULLI_API_KEY });
      await get('/users').expect(200);
      await panel.auditWritten();
      const audit = await panel
        .http()
        .get('/api/audit?action=tautulli.settings')
        .auth(token, { type: 'bearer' });
      expect(audit.body.items[0]).toMatchObject({ target: 'Tautulli settings', outcome: 'ok' });
      expect(audit.text).not.toContain(DEFAULT_TAUTULLI_API_KEY);
    });
  });
});

describe('/api/tautulli when Tautulli is not configured', () => {
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    panel = await startTestPanel(baseConfig(), {});
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel.close());

  it.each([...READS, '/restart'])('%s answers 503 naming what to set', async (path) => {
    const res = await call(panel, token, path).expect(503);
    expect(res.body.message).toBe(NOT_CONFIGURED);
  });

  it('settings show nothing set', async () => {
    const res = await call(panel, token, '/settings').expect(200);
    expect(res.body).toEqual({ url: '', api_key_set: false, overridden_by_env: [] });
  });
});

describe('/api/tautulli with TAUTULLI_URL and TAUTULLI_API_KEY in the environment', () => {
  let tautulli: TautulliSimulator;
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    tautulli = createTautulliSimulator({ historySize: 20 });
    await tautulli.sim.start();
    panel = await startTestPanel(
      baseConfig({ tautulli: { url: 'http://127.0.0.1:9', api_key: 'file-key' } }),
      {
        TAUTULLI_URL: tautulli.sim.url,
        TAUTULLI_API_KEY: DEFAULT_TAUTULLI_API_KEY,
      },
    );
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await tautulli.sim.stop();
  });

  it('reads Tautulli at the environment URL with the environment key, and says so', async () => {
    await call(panel, token, '/health').expect(200);
    const res = await call(panel, token, '/settings').expect(200);
    expect(res.body).toEqual({
      url: tautulli.sim.url,
      api_key_set: true,
      overridden_by_env: ['TAUTULLI_URL', 'TAUTULLI_API_KEY'],
    });
  });
});
