import { request } from 'node:http';
import { type DockerSimulator, startDockerSimulator } from '../../simulators/docker';
import { eventually } from '../support/eventually';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('Docker Engine simulator (API 1.41 on a Unix socket)', () => {
  let docker: DockerSimulator;
  const call = (method: string, path: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request({ socketPath: docker.socketPath, method, path }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  const json = async (path: string) =>
    JSON.parse((await call('GET', path)).body.toString()) as Record<string, unknown>;

  beforeAll(async () => {
    docker = await startDockerSimulator({
      containers: [
        {
          name: 'web',
          image: 'busybox:latest',
          labels: { 'seedbox-panel.show': 'true' },
          health: 'unhealthy',
        },
        {
          name: 'job',
          image: 'busybox:latest',
          status: 'exited',
          exitCode: 3,
          finishedAt: Date.now() - 120_000,
        },
        {
          name: 'tty',
          image: 'busybox:latest',
          tty: true,
          logs: [{ time: 0, stream: 'stdout', text: 'raw' }],
        },
      ],
    });
  });
  afterAll(() => docker.stop());
  afterEach(() => docker.resetFaults());

  it('answers /_ping and /version, with or without a version prefix', async () => {
    const ping = await call('GET', '/_ping');
    expect([ping.status, ping.body.toString(), ping.headers['api-version']]).toEqual([200, 'OK', '1.41']);
    expect(await json('/v1.41/version')).toMatchObject({ ApiVersion: '1.41', Version: '20.10.24+dfsg1' });
  });

  it('lists running containers, every one with all=1, and filters by label', async () => {
    expect(((await json('/containers/json')) as unknown as unknown[]).length).toBe(2);
    const all = (await json('/containers/json?all=1')) as unknown as Array<Record<string, unknown>>;
    expect(all.map((c) => [c.Names, c.State, c.Status])).toEqual([
      [['/web'], 'running', 'Up 3 hours (unhealthy)'],
      [['/job'], 'exited', 'Exited (3) 2 minutes ago'],
      [['/tty'], 'running', 'Up 3 hours'],
    ]);
    const filters = encodeURIComponent(JSON.stringify({ label: ['seedbox-panel.show=true'] }));
    const labelled = (await json(`/containers/json?all=1&filters=${filters}`)) as unknown as unknown[];
    expect(labelled).toHaveLength(1);
  });

  it('inspects by name or id prefix, and answers 404 with a message for an unknown one', async () => {
    const web = await json('/containers/web/json');
    expect(web).toMatchObject({
      Name: '/web',
      State: { Status: 'running', Health: { Status: 'unhealthy' } },
    });
    expect((await json(`/containers/${String(web.Id).slice(0, 12)}/json`)).Name).toBe('/web');
    const missing = await call('GET', '/containers/nope/json');
    expect([missing.status, JSON.parse(missing.body.toString())]).toEqual([
      404,
      { message: 'No such container: nope' },
    ]);
  });

  it('gives one-shot stats an empty precpu_stats, and fills it without one-shot', async () => {
    const oneShot = await json('/containers/web/stats?stream=false&one-shot=true');
    expect(oneShot.precpu_stats).not.toHaveProperty('system_cpu_usage');
    expect(oneShot.cpu_stats).toMatchObject({ online_cpus: 2 });
    const two = await json('/containers/web/stats?stream=false');
    expect((two.precpu_stats as { system_cpu_usage: number }).system_cpu_usage).toBeGreaterThan(0);
  });

  it('answers start/stop with 204, or 304 when there is nothing to do', async () => {
    expect((await call('POST', '/containers/job/start')).status).toBe(204);
    expect((await call('POST', '/containers/job/start')).status).toBe(304);
    expect((await call('POST', '/containers/job/stop?t=1')).status).toBe(204);
    expect((await call('POST', '/containers/job/stop')).status).toBe(304);
    expect((await call('POST', '/containers/job/restart')).status).toBe(204);
    expect((await call('POST', '/containers/nope/restart')).status).toBe(404);
    expect(docker.state.find('job')?.status).toBe('running');
  });

  it('multiplexes logs behind 8-byte headers, except for a TTY container, and follows them', async () => {
    docker.state.log('web', 'out line');
    docker.state.log('web', 'err line', 'stderr');
    const logs = await call('GET', '/containers/web/logs?stdout=1&stderr=1&tail=2');
    expect([...logs.body.subarray(0, 8)]).toEqual([1, 0, 0, 0, 0, 0, 0, 9]);
    expect(logs.body.subarray(8, 17).toString()).toBe('out line\n');
    expect(logs.body[17]).toBe(2);
    expect((await call('GET', '/containers/tty/logs?stdout=1&timestamps=1')).body.toString()).toBe(
      '1970-01-01T00:00:00.000000000Z raw\n',
    );
    expect((await call('GET', '/containers/web/logs')).status).toBe(400);

    const received: Buffer[] = [];
    const req = request(
      { socketPath: docker.socketPath, path: '/containers/web/logs?stdout=1&follow=1&tail=0' },
      (res) => res.on('data', (c: Buffer) => received.push(c)),
    );
    req.end();
    await eventually(() => docker.state.followerCount('web') === 1, 'the follow is open');
    docker.state.log('web', 'later');
    await eventually(
      () => Buffer.concat(received).subarray(8).toString() === 'later\n',
      'the new line arrives',
    );
    req.destroy();
    await eventually(() => docker.state.followerCount() === 0, 'the follower is gone');
  });

  it('loses its socket on demand (ENOENT), and gets it back', async () => {
    docker.removeSocket();
    await expect(call('GET', '/_ping')).rejects.toMatchObject({ code: 'ENOENT' });
    await docker.restoreSocket();
    expect((await call('GET', '/_ping')).status).toBe(200);
  });

  it("answers an injected error with the engine's message shape", async () => {
    docker.setFaults({ errorRate: 1, errorStatus: 500 });
    const res = await call('GET', '/containers/json');
    expect([res.status, JSON.parse(res.body.toString())]).toEqual([
      500,
      { message: 'Simulated engine failure' },
    ]);
  });
});
