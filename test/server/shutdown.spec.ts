import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port';
import { openEventStream } from './plex/support/sse-client';

const ROOT = resolve(__dirname, '..', '..');

/** The panel as `node dist/server/main.js` runs it (here from source): SIGTERM must not wait for streams. */
describe('stopping the panel', () => {
  let child: ChildProcess | undefined;
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'panel-stop-'))));
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'ends open event streams and exits 0 on %s',
    async (signal) => {
      const port = await freePort();
      child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'server/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          CONFIG_FILE: join(dir, signal, 'config.json'),
          LOG_LEVEL: 'log',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const ready = new Promise<void>((done, fail) => {
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          if (/is listening on/.test(output)) done();
        };
        child!.stdout!.on('data', read);
        child!.stderr!.on('data', read);
        child!.once('exit', () => fail(new Error(`the panel exited before listening:\n${output}`)));
      });
      await ready;
      const password = /password: (\S+)/.exec(output)?.[1];
      expect(password).toBeDefined();
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      const { access_token: token } = (await login.json()) as { access_token: string };
      const stream = await openEventStream(`${base}/api/sync/events`, token);
      expect(stream.status).toBe(200);

      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child!.once('exit', (code, sig) => done({ code, signal: sig })),
      );
      child.kill(signal);
      await stream.ended;
      expect(await exited).toEqual({ code: 0, signal: null });
      // Ended plainly, without a session-ended event: the browser reconnects once the panel is back.
      expect(stream.events.map((e) => e.event)).not.toContain('session-ended');
      expect(output).toContain(`${signal} received: stopping`);
      // The stream's connection (kept alive by the client, as browsers do) was closed, not cut at the deadline.
      expect(output).not.toContain('cutting them');
    },
    60_000,
  );
});
