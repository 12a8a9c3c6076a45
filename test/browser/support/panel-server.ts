import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort } from '../../support/free-port';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const SERVER_ENTRY = join(REPO_ROOT, 'dist', 'server', 'main.js');
const CLIENT_INDEX = join(REPO_ROOT, 'dist', 'client', 'browser', 'index.html');

export interface PanelOptions {
  /** Merged over the default config file. */
  readonly config?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly startTimeoutMs?: number;
}

export interface RunningPanel {
  readonly baseUrl: string;
  readonly port: number;
  readonly dir: string;
  readonly username: string;
  readonly password: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'browser-test-password-8271';

/**
 * Starts the built panel (`dist/server/main.js`, serving `dist/client/browser`) on a free port with a
 * config file in a fresh temp dir, and resolves once GET /api/health answers 200.
 */
export async function startPanel(options: PanelOptions = {}): Promise<RunningPanel> {
  for (const file of [SERVER_ENTRY, CLIENT_INDEX]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: run \`npm run build\` before the browser tests.`);
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'seedbox-panel-e2e-'));
  const configFile = join(dir, 'config.json');
  const config = {
    admin: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
    seerr: { url: '', api_key: '' },
    media_servers: [],
    user_settings: {},
    sync_interval_minutes: 0,
    ...options.config,
  };
  await writeFile(configFile, JSON.stringify(config, null, 2));

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CONFIG_FILE: configFile,
      // Keep a developer's .env out of the test.
      ENV_FILE: join(dir, '.env'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async (): Promise<void> => {
    await killChild(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- panel output ---\n${output}`);
  }
  return {
    baseUrl,
    port,
    dir,
    username: ADMIN_USERNAME,
    password: ADMIN_PASSWORD,
    output: () => output,
    stop,
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The panel exited early (code ${child.exitCode}, signal ${child.signalCode}).`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`The panel did not answer GET /api/health within ${timeoutMs} ms.`);
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGKILL');
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
