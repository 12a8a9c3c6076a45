import { readFileSync } from 'node:fs';
import { ContainersService } from '../../../server/containers/containers.service';
import { type DockerSimulator, startDockerSimulator } from '../../../simulators/docker';
import { eventually } from '../../support/eventually';
import { openEventStream } from '../plex/support/sse-client';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

interface Listed {
  name: string;
  [key: string]: unknown;
}

describe('/api/containers against the Docker simulator', () => {
  let docker: DockerSimulator;
  let panel: TestPanel;
  let token: string;

  const get = (path: string) => panel.http().get(`/api/containers${path}`).auth(token, { type: 'bearer' });
  const post = (path: string) => panel.http().post(`/api/containers${path}`).auth(token, { type: 'bearer' });
  const put = (path: string, body: object) =>
    panel.http().put(`/api/containers${path}`).auth(token, { type: 'bearer' }).send(body);
  const listed = async () => (await get('').expect(200)).body.containers as Listed[];
  const byName = async (name: string) => (await listed()).find((c) => c.name === name);
  const fresh = () => panel.app.get(ContainersService).invalidate();
  const lastAudit = async (action: string) => {
    await panel.auditWritten();
    const res = await panel.http().get(`/api/audit?action=${action}`).auth(token, { type: 'bearer' });
    return res.body.items[0] as { target: string; outcome: string; status_code: number };
  };

  beforeAll(async () => {
    docker = await startDockerSimulator();
    panel = await startTestPanel(baseConfig(), {
      DOCKER_SOCKET: docker.socketPath,
      UPSTREAM_TIMEOUT_MS: '1500',
    });
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await docker.stop();
  });
  beforeEach(() => {
    docker.resetFaults();
    fresh();
  });

  it("lists every container with Docker's state, status, health, exit code, stats and the service it runs", async () => {
    const res = await get('').expect(200);
    expect(res.body.filter).toEqual({ mode: 'all', names: [], label: 'seedbox-panel.show=true' });
    expect(Date.parse(res.body.read_at)).not.toBeNaN();
    const containers = res.body.containers as Listed[];
    expect(containers.map((c) => c.name)).toEqual([
      'flaky-worker',
      'nightly-backup',
      'plex',
      'portainer',
      'rutorrent',
      'seerr',
      'tautulli',
      'utorrent',
    ]);
    const plex = containers.find((c) => c.name === 'plex')!;
    expect(plex).toMatchObject({
      image: 'lscr.io/linuxserver/plex:latest',
      state: 'running',
      status: 'Up 3 hours (healthy)',
      health: 'healthy',
      restart_count: 0,
      exit_code: null,
      memory_bytes: 812 * 2 ** 20,
      memory_limit_bytes: 2 * 2 ** 30,
      service: 'plex',
    });
    expect(plex.id).toMatch(/^[0-9a-f]{12}$/);
    expect(plex.uptime_seconds).toBeGreaterThanOrEqual(3 * 3600);
    expect(plex.net_rx_bytes).toBeGreaterThan(0);
    // The first reading has nothing to compare with (one-shot stats carry no precpu_stats).
    expect(plex.cpu_percent).toBeNull();
    expect(containers.find((c) => c.name === 'nightly-backup')).toMatchObject({
      state: 'exited',
      exit_code: 1,
      status: expect.stringMatching(/^Exited \(1\) .* ago$/),
      uptime_seconds: null,
      cpu_percent: null,
      memory_bytes: null,
      net_rx_bytes: null,
      started_at: '2026-01-01T08:00:00.000Z',
    });
    expect(containers.find((c) => c.name === 'flaky-worker')).toMatchObject({
      state: 'restarting',
      restart_count: 14,
      exit_code: 2,
    });
    expect(containers.find((c) => c.name === 'seerr')).toMatchObject({
      health: 'unhealthy',
      service: 'seerr',
    });
    const services = Object.fromEntries(containers.map((c) => [c.name, c.service]));
    expect(services).toMatchObject({
      tautulli: 'tautulli',
      rutorrent: 'rutorrent',
      utorrent: 'utorrent',
      portainer: null,
    });
  });

  it('serves concurrent viewers from one Docker read', async () => {
    docker.resetCounters();
    await Promise.all(Array.from({ length: 20 }, () => get('').expect(200)));
    expect(docker.count('GET /containers/json')).toBe(1);
    const running = docker.state.containers.filter((c) => c.status === 'running').length;
    expect(docker.count('GET /containers/:id/stats')).toBe(running);
    expect(docker.count('GET /containers/:id/json')).toBe(docker.state.containers.length);
  });

  it('computes CPU % from the previous one-shot reading (the first reading has none)', async () => {
    // 350 ms of CPU per second on a 2-CPU host is 35 % of one core, as docker stats shows it.
    await eventually(
      async () => (await byName('plex'))?.cpu_percent === 35,
      'the next refresh shows 35 % for plex',
    );
  });

  it('links the service named in config.json before any guess by image', async () => {
    await panel.close();
    panel = await startTestPanel(baseConfig({ seerr: { url: '', api_key: '', container: 'portainer' } }), {
      DOCKER_SOCKET: docker.socketPath,
      UPSTREAM_TIMEOUT_MS: '1500',
    });
    token = (await panel.login()).access_token;
    try {
      const services = Object.fromEntries((await listed()).map((c) => [c.name, c.service]));
      expect(services).toMatchObject({ portainer: 'seerr', seerr: null, plex: 'plex' });
    } finally {
      await panel.close();
      panel = await startTestPanel(baseConfig(), {
        DOCKER_SOCKET: docker.socketPath,
        UPSTREAM_TIMEOUT_MS: '1500',
      });
      token = (await panel.login()).access_token;
    }
  });

  describe('filter', () => {
    // What the filter dialog sends when it switches back: the other fields as they were.
    afterEach(() => put('/filter', { mode: 'all', names: [], label: '' }).expect(200));

    it("shows the labelled containers through Docker's label filter, saved to config.json and audited", async () => {
      const res = await put('/filter', { mode: 'label', label: 'seedbox-panel.show=true' }).expect(200);
      expect(res.body).toEqual({ mode: 'label', names: [], label: 'seedbox-panel.show=true' });
      const file = JSON.parse(readFileSync(panel.configFile, 'utf8')) as { containers: unknown };
      expect(file.containers).toEqual({ show: 'label', label: 'seedbox-panel.show=true' });
      docker.resetCounters();
      const names = (await listed()).map((c) => c.name);
      expect(names).not.toContain('portainer');
      expect(names).toContain('plex');
      expect(await lastAudit('containers.filter')).toMatchObject({
        target: 'label: seedbox-panel.show=true',
        outcome: 'ok',
      });
    });

    it('shows only the named containers, and refuses to act on or read any other', async () => {
      await put('/filter', { mode: 'named', names: ['plex', 'tautulli', 'nothere'] }).expect(200);
      expect((await listed()).map((c) => c.name)).toEqual(['plex', 'tautulli']);
      for (const path of ['/portainer/stop', '/portainer/restart']) {
        const res = await post(path).expect(404);
        expect(res.body.message).toBe(
          'Docker has no container named portainer among those the panel shows (only the containers named plex, tautulli, nothere).',
        );
      }
      await get('/portainer/logs').expect(404);
      expect(docker.state.actions).not.toContain('stop portainer');
    });

    it('answers 400 naming the field', async () => {
      expect((await put('/filter', { mode: 'some' }).expect(400)).body.message).toBe(
        'Invalid request (mode): mode must be one of: all, named, label',
      );
      const named = await put('/filter', { mode: 'named', names: [] }).expect(400);
      expect(JSON.stringify(named.body.message)).toMatch(/names must list at least one container/);
      const label = await put('/filter', { mode: 'label', label: 'a b' }).expect(400);
      expect(JSON.stringify(label.body.message)).toMatch(/label must be key=value or key/);
    });
  });

  describe('actions', () => {
    it('stops, starts and restarts, says when nothing changed, and audits each naming the container and service', async () => {
      expect((await post('/tautulli/stop?t=5').expect(200)).body).toEqual({
        name: 'tautulli',
        action: 'stop',
        state: 'exited',
        changed: true,
        service: 'tautulli',
      });
      expect(await lastAudit('containers.stop')).toMatchObject({
        target: 'tautulli (tautulli)',
        outcome: 'ok',
      });
      expect((await post('/tautulli/stop').expect(200)).body).toMatchObject({
        changed: false,
        state: 'exited',
      });
      expect((await byName('tautulli'))?.state).toBe('exited');
      expect((await post('/tautulli/start').expect(200)).body).toMatchObject({
        state: 'running',
        changed: true,
      });
      expect((await post('/tautulli/start').expect(200)).body).toMatchObject({ changed: false });
      expect((await post('/portainer/restart').expect(200)).body).toMatchObject({
        state: 'running',
        changed: true,
        service: null,
      });
      expect(await lastAudit('containers.restart')).toMatchObject({ target: 'portainer', outcome: 'ok' });
      expect(docker.state.actions.slice(-5)).toEqual([
        'stop tautulli',
        'stop tautulli',
        'start tautulli',
        'start tautulli',
        'restart portainer',
      ]);
    });

    it('answers 404 for a container Docker does not have, and 400 for a name Docker could not have', async () => {
      expect((await post('/nothere/restart').expect(404)).body.message).toBe(
        'Docker has no container named nothere.',
      );
      expect(await lastAudit('containers.restart')).toMatchObject({ target: 'nothere', status_code: 404 });
      const res = await post('/..%2Fetc/start').expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/name must be a Docker container name/);
      expect(JSON.stringify((await post('/plex/stop?t=-1').expect(400)).body.message)).toMatch(
        /t must not be less than 0/,
      );
    });
  });

  describe('logs', () => {
    it('reads the tail with times and streams, searches it, and reads a TTY container raw', async () => {
      const res = await get('/seerr/logs?tail=10').expect(200);
      expect(res.body).toEqual({
        name: 'seerr',
        truncated: false,
        lines: [
          {
            time: '2026-01-01T08:00:00.000Z',
            stream: 'stdout',
            text: '[Info][Server]: Server ready on port 5055',
          },
          {
            time: '2026-01-01T08:00:00.000Z',
            stream: 'stderr',
            text: '[Error][Jobs]: Plex Sync failed: connect ECONNREFUSED',
          },
        ],
      });
      const tail = await get('/plex/logs?tail=2&search=PLEX').expect(200);
      expect(tail.body).toMatchObject({ truncated: true, lines: [{ text: 'Starting Plex Media Server.' }] });
      const since = await get('/plex/logs?since=2026-01-01T08:01:30Z').expect(200);
      expect(since.body.lines.map((l: { text: string }) => l.text)).toEqual(['Critical: libusb_init failed']);
      expect((await get('/utorrent/logs').expect(200)).body.lines).toEqual([
        { time: '2026-01-01T08:00:00.000Z', stream: 'stdout', text: 'utserver: starting' },
      ]);
    });

    it('answers 400 naming the field', async () => {
      for (const [query, message] of [
        ['tail=0', /tail must not be less than 1/],
        ['tail=5001', /tail must not be greater than 5000/],
        ['since=yesterday', /since must be an ISO 8601 date/],
      ] as const) {
        expect(JSON.stringify((await get(`/plex/logs?${query}`).expect(400)).body.message)).toMatch(message);
      }
    });

    it('downloads the log as NAME.log', async () => {
      const res = await get('/nightly-backup/logs/download').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="nightly-backup.log"');
      expect(res.text).toBe(
        '2026-01-01T08:00:00.000Z [stderr] backup: starting\n2026-01-01T08:01:00.000Z [stderr] backup: /data is not mounted\n',
      );
      expect((await get('/nightly-backup/logs/download?tail=1').expect(200)).text).toMatch(
        /^\S+ \[stderr\] backup: \/data/,
      );
    });

    it('follows the log over server-sent events and ends the Docker request when the browser leaves', async () => {
      const stream = await openEventStream(`${panel.url}/api/containers/rutorrent/logs/events?tail=1`, token);
      try {
        expect(stream.status).toBe(200);
        const [first] = await stream.waitFor(1);
        expect(first).toEqual({
          event: 'lines',
          data: {
            lines: [{ time: '2026-01-01T08:02:00.000Z', stream: 'stdout', text: 'rtorrent: Starting...' }],
          },
        });
        await eventually(() => docker.state.followerCount('rutorrent') === 1, 'the panel follows the log');
        docker.state.log('rutorrent', 'tracker announce failed', 'stderr');
        const [, second] = await stream.waitFor(2);
        expect(second).toMatchObject({
          event: 'lines',
          data: { lines: [{ stream: 'stderr', text: 'tracker announce failed' }] },
        });
      } finally {
        stream.close();
      }
      await eventually(() => docker.state.followerCount() === 0, 'the Docker follow request is closed');
    });

    it('ends the followed log, and its Docker request, when the session signs out', async () => {
      const session = await panel.login();
      const stream = await openEventStream(
        `${panel.url}/api/containers/plex/logs/events`,
        session.access_token,
      );
      try {
        await eventually(() => docker.state.followerCount('plex') === 1, 'the panel follows the log');
        await panel
          .http()
          .post('/api/auth/logout')
          .auth(session.access_token, { type: 'bearer' })
          .expect(204);
        const events = await stream.waitFor(1);
        expect(events[events.length - 1].event).toBe('session-ended');
      } finally {
        stream.close();
      }
      await eventually(() => docker.state.followerCount() === 0, 'the Docker follow request is closed');
    });

    it('answers 404 before opening a stream for an unknown container', async () => {
      const stream = await openEventStream(`${panel.url}/api/containers/nothere/logs/events`, token);
      stream.close();
      expect(stream.status).toBe(404);
    });
  });

  describe('Docker failures, as sentences naming Docker', () => {
    it('a missing socket: 502 saying to mount it', async () => {
      docker.removeSocket();
      try {
        const res = await get('').expect(502);
        expect(res.body.message).toBe(
          `Docker's socket ${docker.socketPath} does not exist in the panel's container. Mount it: docker run -v ` +
            `/var/run/docker.sock:${docker.socketPath} …, or in docker-compose.yml under the panel's volumes: - ` +
            `/var/run/docker.sock:${docker.socketPath} (or set DOCKER_HOST=unix:///path to where it is).`,
        );
        expect((await post('/plex/restart').expect(502)).body.message).toMatch(
          /^Docker's socket .* does not exist/,
        );
      } finally {
        await docker.restoreSocket();
      }
      await get('').expect(200);
    });

    it("an engine error: 502 with Docker's message", async () => {
      docker.setFaults({ errorRate: 1, errorStatus: 500 });
      expect((await get('').expect(502)).body.message).toBe(
        'Docker answered HTTP 500: Simulated engine failure',
      );
      expect((await get('/plex/logs').expect(502)).body.message).toBe(
        'Docker answered HTTP 500: Simulated engine failure',
      );
    });

    it('a hang: 504 naming Docker', async () => {
      docker.setFaults({ hang: true });
      expect((await get('').expect(504)).body.message).toBe(
        `Docker (socket ${docker.socketPath}) did not answer within 1.5 s.`,
      );
    });

    it('garbage: 502 naming Docker', async () => {
      docker.setFaults({ garbage: true });
      expect((await get('').expect(502)).body.message).toBe(
        'Docker answered with something that is not valid JSON.',
      );
    });

    it('a slow engine still answers within the timeout', async () => {
      docker.setFaults({ latencyMs: 200 });
      expect((await listed()).length).toBe(docker.state.containers.length);
    });
  });
});
