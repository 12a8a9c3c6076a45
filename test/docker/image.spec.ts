import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DOCKER_CLI, startDockerPeer, type DockerPeer } from '../support/docker-peer';
import { freePort } from '../support/free-port';
import { openEventStream } from '../server/plex/support/sse-client';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const IMAGE = 'seedbox-panel:test';
const NAME = 'seedbox-panel-test';
/** The line main.ts prints once, when it creates config.json. */
const PASSWORD_LINE = /^ {2}password: (\S+)$/gm;

const say = (line: string) => process.stdout.write(`image.spec: ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

describe('the Docker image on a real engine', () => {
  let peer: DockerPeer;
  let port: number;
  let configDir: string;
  let unwritableDir: string;
  let socketGid: number;
  let password: string;
  const docker = (...args: string[]) => peer.docker(...args);
  const url = (p: string) => `http://127.0.0.1:${port}${p}`;

  const inspect = async (format: string) => (await docker('inspect', '-f', format, NAME)).stdout.trim();
  const logs = async () => {
    const { stdout, stderr } = await docker('logs', NAME);
    return stdout + stderr;
  };
  /** Polls the engine's own health status (no fixed sleeps); fails at once when the container exits. */
  const untilHealthy = async (timeoutMs = 60_000): Promise<number> => {
    const started = Date.now();
    for (;;) {
      const [status, health] = (
        await inspect('{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}')
      ).split(' ');
      if (health === 'healthy') return Date.now() - started;
      if (status === 'exited' || status === 'dead')
        throw new Error(`the container ${status} before it was healthy:\n${await logs()}`);
      if (Date.now() - started > timeoutMs)
        throw new Error(`not healthy after ${timeoutMs} ms (${status} ${health}):\n${await logs()}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  };
  const login = (pw: string) =>
    fetch(url('/api/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: pw }),
    });

  beforeAll(async () => {
    peer = await startDockerPeer({ images: ['busybox', 'node'] });
    const started = Date.now();
    // The engine has no bridge: builds use the host's network (npm through its proxy).
    await run(
      DOCKER_CLI,
      [
        '-H',
        peer.dockerHost,
        'build',
        '--network',
        'host',
        '-t',
        IMAGE,
        '-f',
        path.join(ROOT, 'Dockerfile'),
        ROOT,
      ],
      {
        timeout: 840_000,
        maxBuffer: 64 << 20,
      },
    ).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(
        `docker build failed: ${err.message}\n${(err.stdout ?? '').slice(-6000)}\n${err.stderr ?? ''}`,
      );
    });
    const size = Number((await docker('image', 'inspect', '-f', '{{.Size}}', IMAGE)).stdout);
    const base = Number((await docker('image', 'inspect', '-f', '{{.Size}}', peer.nodeImage!)).stdout);
    say(
      `build ${seconds(Date.now() - started)}; image ${(size / 1e6).toFixed(0)} MB (base ${(base / 1e6).toFixed(0)} MB + ${((size - base) / 1e6).toFixed(0)} MB)`,
    );

    port = await freePort();
    // A host folder owned by root, as `mkdir /opt/seedbox-panel` leaves it, with a file in it already.
    configDir = mkdtempSync('/tmp/sp-config-');
    chownSync(configDir, 0, 0);
    chmodSync(configDir, 0o755);
    writeFileSync(path.join(configDir, 'notes.txt'), 'left by root\n');
    unwritableDir = mkdtempSync('/tmp/sp-config-ro-');
    chmodSync(unwritableDir, 0o755);
    socketGid = statSync(peer.socketPath).gid;
  }, 900_000);

  afterAll(async () => {
    if (peer) {
      await docker('rm', '-f', NAME).catch(() => undefined);
      await docker('rmi', '-f', IMAGE).catch(() => undefined);
      await peer.stop();
    }
    for (const dir of [configDir, unwritableDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('starts as root, hands /config to uid 1000 and turns healthy', async () => {
    const started = Date.now();
    // Host network only to reach it (there is no bridge); it listens on loopback alone.
    await docker(
      'run',
      '-d',
      '--name',
      NAME,
      '--network',
      'host',
      '-e',
      'HOST=127.0.0.1',
      '-e',
      `PORT=${port}`,
      '--group-add',
      String(socketGid),
      '-v',
      `${peer.socketPath}:/var/run/docker.sock`,
      '-v',
      `${configDir}:/config`,
      IMAGE,
    );
    await untilHealthy();
    say(`healthy ${seconds(Date.now() - started)} after docker run`);

    const log = await logs();
    expect(log).toContain('Created /config/config.json with a new admin account.');
    const shown = [...log.matchAll(PASSWORD_LINE)].map((m) => m[1]);
    expect(shown).toHaveLength(1);
    password = shown[0];

    for (const name of ['', ...readdirSync(configDir)]) {
      const { uid, gid } = statSync(path.join(configDir, name));
      expect({ name, uid, gid }).toEqual({ name, uid: 1000, gid: 1000 });
    }
    expect(readdirSync(configDir)).toEqual(expect.arrayContaining(['config.json', 'notes.txt']));
  }, 120_000);

  it('runs node itself as PID 1, as uid 1000 with the socket group and without group 0', async () => {
    const status = (await docker('exec', NAME, 'cat', '/proc/1/status')).stdout;
    const cmdline = (await docker('exec', NAME, 'cat', '/proc/1/cmdline')).stdout.split('\0').filter(Boolean);
    expect(cmdline).toEqual(['node', 'dist/server/main.js']);
    expect(status).toMatch(/^Uid:\s+1000\s+1000\s+1000\s+1000$/m);
    expect(status).toMatch(/^Gid:\s+1000\s+1000\s+1000\s+1000$/m);
    const groups = /^Groups:(.*)$/m.exec(status)![1].trim().split(/\s+/).map(Number);
    expect(groups).toContain(socketGid);
    expect(groups).not.toContain(0);
    // With those credentials the Docker API answers through the mounted socket.
    const ping = await docker(
      'exec',
      NAME,
      'setpriv',
      '--reuid=1000',
      '--regid=1000',
      `--groups=${groups.join(',')}`,
      'node',
      '-e',
      "require('http').get({ socketPath: '/var/run/docker.sock', path: '/_ping' }, (r) => r.on('data', (d) => process.stdout.write(d)))",
    );
    expect(ping.stdout).toBe('OK');
  });

  it('signs in with the printed password and serves the client', async () => {
    const res = await login(password);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; token_type: string };
    expect(body.token_type).toBe('Bearer');
    expect(body.access_token).toEqual(expect.any(String));

    const page = await fetch(url('/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<html');
  });

  it('keeps its config over a restart: no second password, the first one still signs in', async () => {
    const before = await inspect('{{.State.StartedAt}}');
    const started = Date.now();
    await docker('restart', NAME);
    expect(await inspect('{{.State.StartedAt}}')).not.toBe(before);
    await untilHealthy();
    say(`healthy again ${seconds(Date.now() - started)} after docker restart`);
    expect([...(await logs()).matchAll(PASSWORD_LINE)]).toHaveLength(1);
    expect((await login(password)).status).toBe(200);
  }, 120_000);

  it('stops on docker stop with exit code 0 while an event stream is open', async () => {
    const { access_token: token } = (await (await login(password)).json()) as { access_token: string };
    const stream = await openEventStream(url('/api/sync/events'), token);
    expect(stream.status).toBe(200);
    const started = Date.now();
    await docker('stop', NAME); // the default 10 s grace; a SIGKILL after it would exit 137
    say(`docker stop ${seconds(Date.now() - started)} with an event stream open`);
    await stream.ended;
    expect(await inspect('{{.State.ExitCode}}')).toBe('0');
    // Every connection closed by itself: none was left for the panel to cut at its deadline.
    expect(await logs()).not.toContain('cutting them');
    stream.close();
  }, 60_000);

  it('as --user 1000 with an unwritable /config, says which chown to run and exits 1', async () => {
    const failed = await docker(
      'run',
      '--rm',
      '--network',
      'none',
      '--user',
      '1000:1000',
      '-v',
      `${unwritableDir}:/config`,
      IMAGE,
    ).then(
      () => undefined,
      (err: { code?: number; stderr?: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr?.trim()).toBe(
      'seedbox-panel: /config is not writable by uid 1000; run: sudo chown -R 1000:1000 <the folder mounted at /config>',
    );
  }, 60_000);

  it('ships no client-only packages and no better-sqlite3 build tree', async () => {
    const exists = (p: string) =>
      docker('run', '--rm', '--network', 'none', '--entrypoint', 'test', IMAGE, '-e', p).then(
        () => true,
        () => false,
      );
    expect(await exists('node_modules/@angular')).toBe(false);
    expect(await exists('node_modules/material-symbols')).toBe(false);
    expect(await exists('node_modules/better-sqlite3/deps')).toBe(false);
    expect(await exists('node_modules/better-sqlite3/src')).toBe(false);
    expect(await exists('node_modules/better-sqlite3/build/Release/obj.target')).toBe(false);
    expect(await exists('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(await exists('node_modules/@nestjs/core')).toBe(true);
    expect(await exists('dist/client/browser/index.html')).toBe(true);
    const { stdout } = await docker(
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'du',
      IMAGE,
      '-sm',
      'node_modules',
    );
    say(`node_modules ${stdout.split('\t')[0]} MB`);
  }, 60_000);
});
