import { ContainersService } from '../../../server/containers/containers.service';
import { eventually } from '../../support/eventually';
import { startDockerPeer, type DockerPeer } from '../../support/docker-peer';
import { openEventStream } from '../plex/support/sse-client';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

interface Listed {
  name: string;
  state: string;
  [key: string]: unknown;
}

describe('/api/containers against a real dockerd (busybox containers)', () => {
  let peer: DockerPeer;
  let panel: TestPanel;
  let token: string;
  let image: string;
  const docker = (...args: string[]) => peer.docker(...args);
  const get = (path: string) => panel.http().get(`/api/containers${path}`).auth(token, { type: 'bearer' });
  const post = (path: string) => panel.http().post(`/api/containers${path}`).auth(token, { type: 'bearer' });
  const container = async (name: string) => {
    panel.app.get(ContainersService).invalidate();
    const res = await get('').expect(200);
    return (res.body.containers as Listed[]).find((c) => c.name === name);
  };

  beforeAll(async () => {
    // A real dockerd (test/peers/docker-peer.sh); when it cannot start, the suite fails with why.
    peer = await startDockerPeer();
    image = peer.image;
    const common = ['run', '-d', '--network', 'none', '--label', 'seedbox-panel.show=true'];
    await docker(
      ...common,
      '--name',
      'ticker',
      image,
      'sh',
      '-c',
      'i=0; while true; do echo tick $i; echo oops $i >&2; i=$((i+1)); sleep 1; done',
    );
    await docker(...common, '--name', 'quitter', image, 'sh', '-c', 'echo bye; exit 3');
    await docker(
      ...common,
      '--name',
      'crashloop',
      '--restart=always',
      image,
      'sh',
      '-c',
      'echo crash; exit 1',
    );
    panel = await startTestPanel(baseConfig(), {
      DOCKER_SOCKET: peer.socketPath,
      UPSTREAM_TIMEOUT_MS: '20000',
    });
    token = (await panel.login()).access_token;
  }, 300_000);
  afterAll(async () => {
    await panel?.close();
    if (!peer) return;
    await docker('rm', '-f', 'ticker', 'quitter', 'crashloop').catch(() => undefined);
    await peer.stop();
  }, 120_000);

  it("lists the containers with Docker's own state, status and short id, and stats for the running one", async () => {
    const ticker = await container('ticker');
    expect(ticker).toMatchObject({ state: 'running', image, health: null, exit_code: null, service: null });
    expect(ticker?.id).toMatch(/^[0-9a-f]{12}$/);
    expect(ticker?.status).toMatch(/^Up /);
    expect(ticker?.memory_bytes).toEqual(expect.any(Number));
    // --network none: no network figures.
    expect(ticker?.net_rx_bytes).toBeNull();
    await eventually(
      async () => typeof (await container('ticker'))?.cpu_percent === 'number',
      'CPU % has two readings',
      30_000,
    );
  });

  it('shows the exit code of a container that exited, and one restarting under --restart=always', async () => {
    await eventually(async () => (await container('quitter'))?.state === 'exited', 'quitter exited', 30_000);
    expect(await container('quitter')).toMatchObject({
      exit_code: 3,
      status: expect.stringMatching(/^Exited \(3\)/),
    });
    const seen = new Set<string>();
    await eventually(
      async () => {
        const c = await container('crashloop');
        if (c) seen.add(c.state);
        return (c?.restart_count as number) >= 2 && seen.has('restarting');
      },
      'crashloop restarts and is seen restarting',
      60_000,
    );
  });

  it('stops, starts and restarts; a second start or stop changes nothing (Docker 304)', async () => {
    expect((await post('/ticker/stop?t=1').expect(200)).body).toMatchObject({
      state: 'exited',
      changed: true,
    });
    expect((await post('/ticker/stop').expect(200)).body).toMatchObject({ changed: false });
    // sh as PID 1 ignores SIGTERM, so Docker kills it after t seconds.
    expect((await container('ticker'))?.exit_code).toBe(137);
    expect((await post('/ticker/start').expect(200)).body).toMatchObject({ state: 'running', changed: true });
    expect((await post('/ticker/start').expect(200)).body).toMatchObject({ changed: false });
    expect((await post('/ticker/restart?t=1').expect(200)).body).toMatchObject({
      state: 'running',
      changed: true,
    });
    expect((await post('/nothere/start').expect(404)).body.message).toBe(
      'Docker has no container named nothere.',
    );
  }, 60_000);

  it('reads the log tail (demultiplexed stdout and stderr with times) and follows it', async () => {
    await eventually(
      async () => (await get('/ticker/logs?tail=4').expect(200)).body.lines.length === 4,
      'ticker logged',
    );
    const { lines } = (await get('/ticker/logs?tail=4').expect(200)).body as {
      lines: Array<{ time: string; stream: string; text: string }>;
    };
    expect(new Set(lines.map((l) => l.stream))).toEqual(new Set(['stdout', 'stderr']));
    for (const l of lines) {
      expect(l.text).toMatch(/^(tick|oops) \d+$/);
      expect(Date.parse(l.time)).not.toBeNaN();
    }
    const stream = await openEventStream(`${panel.url}/api/containers/ticker/logs/events?tail=0`, token);
    try {
      expect(stream.status).toBe(200);
      const events = await stream.waitFor(2, 20_000);
      expect(events.every((e) => e.event === 'lines')).toBe(true);
    } finally {
      stream.close();
    }
  }, 60_000);
});
