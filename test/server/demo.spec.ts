import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../support/free-port';

const ROOT = resolve(__dirname, '..', '..');

/** `npm run demo` without the build step: the script must start everything, print how to sign in, and stop on Ctrl-C. */
describe('demo script', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('starts the simulators and the panel, signs in with the printed login, and stops everything on SIGINT', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/demo.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`demo did not start:\n${output}`)), 60000);
      child!.stdout!.on('data', () => {
        if (output.includes('Press Ctrl-C')) {
          clearTimeout(timer);
          ready();
        }
      });
      child!.on('exit', () => fail(new Error(`demo exited early:\n${output}`)));
    });

    const login = /Sign in:\s+(\S+) \/ (\S+)/.exec(output)!;
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: login[1], password: login[2] }),
    });
    expect(res.status).toBe(200);
    // Seerr, plex.tv, Plex, Tautulli, Jellyfin, Emby and the five torrent clients.
    const simulatorUrls = [...output.matchAll(/ {4}\S.*?\s+(http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => m[1]);
    expect(simulatorUrls).toHaveLength(11);
    for (const url of simulatorUrls) expect((await fetch(`${url}/__sim/counters`)).status).toBe(200);

    const exited = new Promise<number | null>((done) => child!.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const url of [`http://127.0.0.1:${port}`, ...simulatorUrls]) {
      await expect(fetch(`${url}/__sim/counters`)).rejects.toThrow();
    }
  }, 90000);
});
