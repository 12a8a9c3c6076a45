import { historyAt, liveSessions, type PLEX_TYPE_NUMBERS } from '../../../simulators/media-library';
import { createPlexSimulator, DEFAULT_PMS_TOKEN, type PlexSimulator } from '../../../simulators/plex';
import { type DockerSimulator, startDockerSimulator } from '../../../simulators/docker';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';
import { openEventStream } from './support/sse-client';
import { PlexSessionsPoller } from '../../../server/plex/plex-sessions.poller';
import { eventually } from '../../support/eventually';

const POLL_MS = 300;
const NOW = Date.now();

describe('/api/plex against the Plex simulator', () => {
  let plex: PlexSimulator;
  let docker: DockerSimulator;
  let panel: TestPanel;
  let token: string;

  const world = () => plex.state.world;
  const get = (path: string) => panel.http().get(`/api/plex${path}`).auth(token, { type: 'bearer' });
  const post = (path: string, body: object = {}) =>
    panel.http().post(`/api/plex${path}`).auth(token, { type: 'bearer' }).send(body);
  const upstreamCalls = () => plex.sim.totalRequests();

  beforeAll(async () => {
    // A frozen clock keeps the simulated sessions still, so answers can be compared with the world.
    plex = createPlexSimulator({ sessions: 4, historySize: 300, clock: () => NOW });
    await plex.sim.start();
    docker = await startDockerSimulator({
      containers: [{ name: 'plex', image: 'plexinc/pms-docker:latest' }],
    });
    panel = await startTestPanel(
      baseConfig({ plex: { url: plex.sim.url, token: DEFAULT_PMS_TOKEN, container: 'plex' } }),
      { DOCKER_SOCKET: docker.socketPath, PLEX_SESSIONS_POLL_MS: String(POLL_MS) },
    );
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await docker.stop();
    await plex.sim.stop();
  });

  it('GET health reads /identity: reachable and version', async () => {
    plex.sim.resetCounters();
    const res = await get('/health').expect(200);
    expect(res.body).toEqual({
      version: world().server.version,
      machine_identifier: world().server.machineIdentifier,
      claimed: true,
      latency_ms: expect.any(Number),
    });
    expect(plex.sim.counters()).toEqual({ 'GET /identity': 1 });
  });

  it('GET status: name, version, platform, machine id and active transcodes', async () => {
    const transcoding = liveSessions(world()).filter(
      (s) => s.decision === 'transcode' && s.item.type !== 'track',
    );
    const res = await get('/status').expect(200);
    expect(res.body).toEqual({
      name: world().server.friendlyName,
      version: world().server.version,
      platform: world().server.platform,
      platform_version: world().server.platformVersion,
      machine_identifier: world().server.machineIdentifier,
      plex_pass: world().server.plexPass,
      my_plex_username: world().owner.email,
      active_transcodes: transcoding.length,
      updated_at: expect.any(String),
    });
  });

  describe('libraries', () => {
    it('lists every library with counts, size and running time, then serves the list from the cache', async () => {
      plex.sim.resetCounters();
      const res = await get('/libraries').expect(200);
      const expected = world().libraries.map((lib) => {
        const n = (t: keyof typeof PLEX_TYPE_NUMBERS) => lib.itemsByType.get(t)?.length ?? 0;
        const leaf = lib.type === 'show' ? n('episode') : lib.type === 'artist' ? n('track') : null;
        return {
          key: lib.key,
          title: lib.title,
          type: lib.type,
          agent: lib.agent,
          scanner: lib.scanner,
          refreshing: false,
          scanned_at: new Date(lib.scannedAt * 1000).toISOString(),
          locations: [lib.path],
          item_count: n(lib.type),
          child_count: leaf,
          size_bytes: lib.storageTotal,
          duration_ms: lib.durationTotal,
        };
      });
      expect(res.body).toEqual(expected);
      // One section list, one providers read, one count per level counted (top and leaf).
      expect(plex.sim.count('GET /library/sections')).toBe(1);
      expect(plex.sim.count('GET /media/providers')).toBe(1);
      const before = upstreamCalls();
      const again = await get('/libraries').expect(200);
      expect(again.body).toEqual(expected);
      expect(upstreamCalls()).toBe(before);
    });

    it('GET libraries/{key}/stats: every level, plays, size (cached too)', async () => {
      const tv = world().libraries.find((l) => l.type === 'show')!;
      const plays = historyAt(world()).filter((e) => e.item.librarySectionID === tv.key).length;
      const res = await get(`/libraries/${tv.key}/stats`).expect(200);
      expect(res.body).toMatchObject({
        key: tv.key,
        title: tv.title,
        counts: [
          { level: 'show', count: tv.itemsByType.get('show')!.length },
          { level: 'season', count: tv.itemsByType.get('season')!.length },
          { level: 'episode', count: tv.itemsByType.get('episode')!.length },
        ],
        item_count: tv.itemsByType.get('show')!.length,
        child_count: tv.itemsByType.get('episode')!.length,
        plays,
        size_bytes: tv.storageTotal,
      });
      const before = upstreamCalls();
      await get(`/libraries/${tv.key}/stats`).expect(200);
      expect(upstreamCalls()).toBe(before);
    });

    it('answers 404 for a library Plex does not have, 400 for a key that is not one', async () => {
      const missing = await get('/libraries/99/stats').expect(404);
      expect(missing.body.message).toBe('Plex has no library with key 99.');
      const bad = await get('/libraries/abc/stats').expect(400);
      expect(bad.body.details).toEqual([
        { field: 'key', message: 'key must be a library section key (digits)' },
      ]);
    });

    it('POST libraries/{key}/scan starts a scan, clears the cache and is audited with the library name', async () => {
      const movies = world().libraries.find((l) => l.type === 'movie')!;
      await get('/libraries').expect(200);
      const res = await post(`/libraries/${movies.key}/scan`, { force: true }).expect(202);
      expect(res.body).toEqual({
        library_key: movies.key,
        library: movies.title,
        message: `Plex is scanning and refreshing the metadata of the library "${movies.title}".`,
      });
      expect(plex.state.scans.at(-1)).toMatchObject({ key: movies.key, force: true });
      plex.sim.resetCounters();
      const after = await get('/libraries').expect(200);
      expect(plex.sim.count('GET /library/sections')).toBe(1);
      expect(after.body.find((l: { key: string }) => l.key === movies.key).refreshing).toBe(true);

      await post('/libraries/99/scan').expect(404);
      await panel.auditWritten();
      const audit = await panel
        .http()
        .get('/api/audit?action=plex.scan')
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(audit.body.items.map((e: { target: string; outcome: string }) => [e.target, e.outcome])).toEqual(
        [
          ['library 99', 'error'],
          [movies.title, 'ok'],
        ],
      );
    });

    it('refuses a scan body that is not a boolean', async () => {
      const res = await post('/libraries/1/scan', { force: 'yes' }).expect(400);
      expect(res.body.message).toContain('force must be true or false');
    });
  });

  describe('sessions', () => {
    it('GET sessions: user, title, player, state, progress, bandwidth and decision of each', async () => {
      const live = liveSessions(world());
      expect(live.length).toBeGreaterThan(0);
      const res = await get('/sessions').expect(200);
      expect(res.body.count).toBe(live.length);
      expect(res.body.total_bandwidth_kbps).toBe(live.reduce((n, s) => n + s.bandwidth, 0));
      expect(res.body.transcodes).toBe(live.filter((s) => s.decision === 'transcode').length);
      const decisions = { 'direct play': 'direct_play', copy: 'direct_stream', transcode: 'transcode' };
      expect(
        res.body.sessions.map((s: Record<string, unknown>) => [s.session_id, s.user, s.state, s.decision]),
      ).toEqual(live.map((s) => [s.sessionId, s.user.username, s.state, decisions[s.decision]]));
      for (const s of res.body.sessions) expect(s.progress_percent).toBeGreaterThanOrEqual(0);
    });

    it('GET sessions of an idle server is an empty list', async () => {
      plex.sim.setFaults({ emptyLists: true });
      try {
        const res = await get('/sessions').expect(200);
        expect(res.body).toMatchObject({ count: 0, sessions: [], total_bandwidth_kbps: 0 });
      } finally {
        plex.sim.resetFaults();
      }
    });

    it('GET sessions/events: two listeners share one poll per tick; polling stops when both leave', async () => {
      plex.sim.resetCounters();
      const a = await openEventStream(`${panel.url}/api/plex/sessions/events`, token);
      expect(a.status).toBe(200);
      expect(a.headers['content-type']).toMatch(/text\/event-stream/);
      await a.waitFor(1);
      const b = await openEventStream(`${panel.url}/api/plex/sessions/events`, token);
      await b.waitFor(3);
      a.close();
      b.close();
      const polls = plex.sim.count('GET /status/sessions');
      // Every poll reached A; B joined later and got the latest one replayed, then the same polls.
      expect(polls).toBeLessThanOrEqual(a.events.length + 1);
      expect(polls).toBeLessThan(a.events.length + b.events.length);
      expect(a.events[0]).toEqual({
        event: 'sessions',
        data: expect.objectContaining({ count: liveSessions(world()).length }),
      });
      expect(b.events.every((e) => e.event === 'sessions')).toBe(true);
      const poller = panel.app.get(PlexSessionsPoller);
      await eventually(() => poller.nextRunAt === null && !poller.ticking, 'the poller has no next tick');
      expect(plex.sim.count('GET /status/sessions')).toBe(polls);
    });

    it('GET sessions/events pushes a failure event naming Plex when a poll fails, and keeps going', async () => {
      plex.sim.setFaults({ badAuth: true });
      const stream = await openEventStream(`${panel.url}/api/plex/sessions/events`, token);
      try {
        const [first] = await stream.waitFor(1);
        expect(first).toEqual({
          event: 'failure',
          data: {
            statusCode: 502,
            message:
              "Plex rejected the token (HTTP 401); set the server owner's X-Plex-Token in PLEX_TOKEN or in Settings → Plex.",
          },
        });
        plex.sim.resetFaults();
        const events = await stream.waitFor(3);
        expect(events.at(-1)!.event).toBe('sessions');
      } finally {
        stream.close();
        plex.sim.resetFaults();
      }
    });
  });

  describe('GET streams (history)', () => {
    it('pages the history newest first with user names from /accounts', async () => {
      const history = historyAt(world());
      const first = await get('/streams?page_size=5').expect(200);
      expect(first.body).toMatchObject({ page: 1, page_size: 5, total: history.length });
      expect(first.body.items.map((i: { id: string; user: string }) => [i.id, i.user])).toEqual(
        history.slice(0, 5).map((e) => [String(e.id), e.user.username]),
      );
      const third = await get('/streams?page=3&page_size=5').expect(200);
      expect(third.body.items.map((i: { id: string }) => i.id)).toEqual(
        history.slice(10, 15).map((e) => String(e.id)),
      );
    });

    it('filters by account and library', async () => {
      const entry = historyAt(world())[0];
      const mine = historyAt(world()).filter(
        (e) =>
          e.user.accountId === entry.user.accountId &&
          e.item.librarySectionID === entry.item.librarySectionID,
      );
      const res = await get(
        `/streams?account_id=${entry.user.accountId}&library_key=${entry.item.librarySectionID}&page_size=200`,
      ).expect(200);
      expect(res.body.total).toBe(mine.length);
      expect(new Set(res.body.items.map((i: { user: string }) => i.user))).toEqual(
        new Set([entry.user.username]),
      );
    });

    it('refuses a page size out of range', async () => {
      const res = await get('/streams?page_size=0').expect(400);
      expect(res.body.message).toContain('page_size must not be less than 1');
    });
  });

  it('POST optimize starts the optimisation in the background and is audited', async () => {
    const before = plex.state.optimizations;
    const res = await post('/optimize').expect(202);
    expect(res.body).toEqual({ message: 'Plex is optimizing its database in the background.' });
    expect(plex.state.optimizations).toBe(before + 1);
    await panel.auditWritten();
    const audit = await panel.http().get('/api/audit?action=plex.optimize').auth(token, { type: 'bearer' });
    expect(audit.body.items[0]).toMatchObject({ target: 'Plex database', outcome: 'ok', status_code: 202 });
  });

  describe('POST restart', () => {
    it('restarts the Plex container through the Docker socket and is audited naming it', async () => {
      const res = await post('/restart').expect(202);
      expect(res.body).toEqual({
        container: 'plex',
        message: 'The Plex container "plex" was restarted; Plex will be back in a few seconds.',
      });
      expect(docker.state.actions).toEqual(['restart plex']);
      await panel.auditWritten();
      const audit = await panel.http().get('/api/audit?action=plex.restart').auth(token, { type: 'bearer' });
      expect(audit.body.items[0]).toMatchObject({ target: 'Plex container plex', outcome: 'ok' });
    });

    it('restarts the container Applications links to Plex by its image when none is set, else answers 501 saying how', async () => {
      await panel
        .http()
        .put('/api/plex/settings')
        .auth(token, { type: 'bearer' })
        .send({ container: null })
        .expect(200);
      const container = docker.state.find('plex');
      try {
        expect((await post('/restart').expect(202)).body.container).toBe('plex');
        expect(docker.state.actions).toEqual(['restart plex', 'restart plex']);
        // Nothing links to Plex any more: neither its image nor its name says so.
        Object.assign(container!, { name: 'media', image: 'busybox:latest' });
        const res = await post('/restart').expect(501);
        expect(res.body.message).toMatch(
          /^Plex has no restart API\. To restart it from the panel, set "plex\.container" in config\.json to its Docker container name and mount the Docker socket .* No container Docker shows runs Plex by its image or name\.$/,
        );
        expect(docker.state.actions).toHaveLength(2);
      } finally {
        Object.assign(container!, { name: 'plex', image: 'plexinc/pms-docker:latest' });
        await panel
          .http()
          .put('/api/plex/settings')
          .auth(token, { type: 'bearer' })
          .send({ container: 'plex' })
          .expect(200);
      }
    });

    it('names Docker and the container when Docker does not know it', async () => {
      await panel
        .http()
        .put('/api/plex/settings')
        .auth(token, { type: 'bearer' })
        .send({ container: 'plexx' })
        .expect(200);
      try {
        const res = await post('/restart').expect(404);
        expect(res.body.message).toBe('Docker has no container named plexx.');
      } finally {
        await panel
          .http()
          .put('/api/plex/settings')
          .auth(token, { type: 'bearer' })
          .send({ container: 'plex' })
          .expect(200);
      }
    });
  });
});
