import { startDockerSimulator, type DockerSimulator } from '../../../simulators/docker';
import { startSimulatorStack, type SimulatorStack } from '../../../simulators/stack';
import { startTestPanel, TEST_ADMIN, type TestPanel } from '../support/test-panel';

interface Dot {
  id: string;
  kind: string;
  name: string;
  state: 'up' | 'down' | 'off';
  detail: string;
}
interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

describe('GET /api/health/services and readiness', () => {
  let stack: SimulatorStack;
  let docker: DockerSimulator;
  let panel: TestPanel;
  let token: string;

  const dots = async (): Promise<Dot[]> =>
    (await panel.http().get('/api/health/services').auth(token, { type: 'bearer' }).expect(200)).body
      .services;
  const readiness = (status: number) =>
    panel.http().get('/api/health/ready').auth(token, { type: 'bearer' }).expect(status);
  const servicesCheck = (body: { checks: Check[] }): Check | undefined =>
    body.checks.find((c) => c.name === 'services');

  beforeAll(async () => {
    stack = await startSimulatorStack();
    docker = await startDockerSimulator();
    const config = stack.config({ ...TEST_ADMIN });
    // A fourth media server, switched off.
    config.media_servers.push({
      name: 'Spare',
      type: 'emby',
      url: stack.emby.url,
      token: 'spare-emby-key',
      enabled: false,
    });
    panel = await startTestPanel(config, { ...stack.env, DOCKER_SOCKET: docker.socketPath });
    token = (await panel.login()).access_token;
  }, 60_000);

  afterEach(() => {
    stack.jellyfin.resetFaults();
    stack.tautulli.sim.resetFaults();
  });

  afterAll(async () => {
    await panel?.close();
    await docker?.stop();
    await stack?.stop();
  });

  it('gives one dot per upstream, each up with a sentence, and readiness passes', async () => {
    const list = await dots();
    expect(list.map((d) => [d.kind, d.name, d.state])).toEqual([
      ['seerr', 'Seerr', 'up'],
      ['media-server', 'Plex', 'up'],
      ['media-server', 'Jellyfin', 'up'],
      ['media-server', 'Emby', 'up'],
      ['media-server', 'Spare', 'off'],
      ['plex', 'Plex', 'up'],
      ['tautulli', 'Tautulli', 'up'],
      ['torrent-client', 'uTorrent', 'up'],
      ['torrent-client', 'rTorrent', 'up'],
      ['torrent-client', 'Seedbox qBit', 'up'],
      ['torrent-client', 'Transmission', 'up'],
      ['torrent-client', 'Deluge', 'up'],
      ['docker', 'Docker', 'up'],
    ]);
    expect(new Set(list.map((d) => d.id)).size).toBe(list.length);
    expect(list.find((d) => d.name === 'Jellyfin')?.detail).toMatch(/^Jellyfin listed \d+ users\.$/);
    expect(list.find((d) => d.name === 'Spare')?.detail).toBe(
      'Spare is disabled: the sync does not read it.',
    );

    const ready = await readiness(200);
    expect(ready.body.status).toBe('ok');
    expect(servicesCheck(ready.body)).toMatchObject({ ok: true });
  });

  it('a media server that refuses the token is down on its dot, and readiness fails naming it', async () => {
    stack.jellyfin.setFaults({ badAuth: true });
    const jellyfin = (await dots()).find((d) => d.id === 'media-server:Jellyfin');
    expect(jellyfin?.state).toBe('down');
    expect(jellyfin?.detail).toMatch(/Jellyfin/);

    const ready = await readiness(503);
    expect(ready.body.status).toBe('degraded');
    const check = servicesCheck(ready.body);
    expect(check?.ok).toBe(false);
    expect(check?.detail).toContain(`Jellyfin (${jellyfin?.detail})`);
    // The dashboard's card for it says the same, not a cached user count.
    const cards = await panel.http().get('/api/mediaservers').auth(token, { type: 'bearer' }).expect(200);
    expect(cards.body.find((s: { name: string }) => s.name === 'Jellyfin').error).toBe(jellyfin?.detail);
  });

  it('readiness passes again once the server is back', async () => {
    expect((await dots()).find((d) => d.id === 'media-server:Jellyfin')?.state).toBe('up');
    await readiness(200);
  });

  it('a Tautulli that answers errors is down, the others stay up', async () => {
    stack.tautulli.sim.setFaults({ errorRate: 1, errorStatus: 500 });
    const list = await dots();
    expect(list.filter((d) => d.state === 'down').map((d) => d.id)).toEqual(['tautulli']);
    expect(list.find((d) => d.id === 'tautulli')?.detail).toMatch(/Tautulli/);
    expect(servicesCheck((await readiness(503)).body)?.detail).toMatch(/^Down: Tautulli \(/);
  });

  it('needs a sign-in', async () => {
    await panel.http().get('/api/health/services').expect(401);
  });
});

describe('service health with nothing set up', () => {
  let panel: TestPanel;
  let token: string;

  beforeAll(async () => {
    panel = await startTestPanel(undefined, { DOCKER_SOCKET: '/nonexistent/docker.sock' });
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel?.close());

  it('shows every upstream off and readiness passes', async () => {
    const res = await panel.http().get('/api/health/services').auth(token, { type: 'bearer' }).expect(200);
    expect(res.body.services.map((d: Dot) => [d.id, d.state])).toEqual([
      ['seerr', 'off'],
      ['plex', 'off'],
      ['tautulli', 'off'],
      ['docker', 'off'],
    ]);
    const ready = await panel.http().get('/api/health/ready').auth(token, { type: 'bearer' }).expect(200);
    expect(ready.body.checks.find((c: Check) => c.name === 'services')).toEqual({
      name: 'services',
      ok: true,
      detail: 'No upstream service is set up.',
    });
  });
});
