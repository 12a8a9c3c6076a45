import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, PANEL_NODE_FLAGS, rssMb } from '../support/process';
import { startSimulatorStack, type SimulatorStack, type StackCredentials } from '../../simulators/stack';

/** Distinctive values: any of them found in a response or a log line is a leak. */
export const SECRETS = {
  admin: 'Adm1n-Pa55-RELIAB-7c1e',
  jwt: 'JwT-S3cret-RELIAB-0123456789abcdef0123456789abcdef',
};
export const CREDENTIALS: StackCredentials = {
  seerrApiKey: 'SeerrKey-RELIAB-5f9d2a7b',
  plexToken: 'PlexTok-RELIAB-91c4e0aa',
  plexTvToken: 'PlexTvTok-RELIAB-3b7e11d2',
  tautulliApiKey: 'TautKey-RELIAB-c0ffee42',
  jellyfinApiKey: 'JellyKey-RELIAB-6a5b4c3d',
  embyApiKey: 'EmbyKey-RELIAB-8e8f9a0b',
  utorrent: { username: 'ut-admin', password: 'UtPass-RELIAB-1d2e3f40' },
  rtorrent: { username: 'rt-admin', password: 'RtPass-RELIAB-2a3b4c5d' },
  qbittorrent: { username: 'qb-admin', password: 'QbPass-RELIAB-4e5f6a7b' },
  transmission: { username: 'tr-admin', password: 'TrPass-RELIAB-8c9d0e1f' },
  deluge: { password: 'DePass-RELIAB-5a6b7c8d' },
};
export const ALL_SECRETS = [
  SECRETS.admin,
  SECRETS.jwt,
  CREDENTIALS.seerrApiKey,
  CREDENTIALS.plexToken,
  CREDENTIALS.plexTvToken,
  CREDENTIALS.tautulliApiKey,
  CREDENTIALS.jellyfinApiKey,
  CREDENTIALS.embyApiKey,
  CREDENTIALS.utorrent.password,
  CREDENTIALS.rtorrent.password,
  CREDENTIALS.qbittorrent.password,
  CREDENTIALS.transmission.password,
  CREDENTIALS.deluge.password,
];

export const TIMEOUT_MS = 800;

export interface Reply {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
  ms: number;
  headers: Headers;
}

/** Every simulator in this process, and the built panel as its own process with its output captured. */
export class ReliabilityWorld {
  stack!: SimulatorStack;
  base = '';
  dir = '';
  output = '';
  /** Every response body, for the secrets scan. */
  readonly responses: string[] = [];
  private child?: ChildProcess;
  private token = '';
  private stopping = false;

  /** @param upstreamTimeoutMs the panel's UPSTREAM_TIMEOUT_MS: short, so hang checks finish quickly */
  constructor(private readonly upstreamTimeoutMs = TIMEOUT_MS) {}

  async start(extraConfig: Record<string, unknown> = {}): Promise<void> {
    this.stack = await startSimulatorStack({ credentials: CREDENTIALS });
    this.dir = mkdtempSync(join(tmpdir(), 'seedbox-reliability-'));
    const config = { ...this.stack.config({ username: 'admin', password: SECRETS.admin }), ...extraConfig };
    writeFileSync(join(this.dir, 'config.json'), JSON.stringify(config, null, 2));
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    this.child = spawn(
      process.execPath,
      [...PANEL_NODE_FLAGS.split(' '), resolve(__dirname, '..', '..', 'dist', 'server', 'main.js')],
      {
        env: {
          ...process.env,
          ...this.stack.env,
          CONFIG_FILE: join(this.dir, 'config.json'),
          ENV_FILE: join(this.dir, '.env'),
          PORT: String(port),
          HOST: '127.0.0.1',
          JWT_SECRET: SECRETS.jwt,
          LOG_LEVEL: 'debug',
          UPSTREAM_TIMEOUT_MS: String(this.upstreamTimeoutMs),
          TRUST_PROXY: 'loopback',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.once('exit', (code, signal) => {
      if (this.stopping) return;
      // A panel that dies mid-run fails every later check; its last words say why.
      process.stderr.write(
        `The panel exited (${signal ?? `code ${code}`}) during the run. Its last output:\n${this.output.slice(-6000)}\n`,
      );
    });
    for (let i = 0; ; i++) {
      if ((await fetch(`${this.base}/api/health`).catch(() => undefined))?.ok) break;
      if (i > 150) throw new Error(`the panel did not start:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.token = await this.login();
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }

  rssMb(): number {
    return rssMb(this.pid);
  }

  async login(password = SECRETS.admin, ip?: string): Promise<string> {
    const res = await this.request(
      'POST',
      '/api/auth/login',
      { username: 'admin', password },
      { auth: false, ip },
    );
    return (res.json?.access_token as string) ?? '';
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    options: {
      auth?: boolean | string;
      rawBody?: string;
      ip?: string;
      timeoutMs?: number;
      keep?: boolean;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {};
    const token = typeof options.auth === 'string' ? options.auth : options.auth === false ? '' : this.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.ip) headers['X-Forwarded-For'] = options.ip;
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const started = Date.now();
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(options.timeoutMs ?? 20000),
    });
    const text = await res.text();
    if (options.keep !== false) this.responses.push(text);
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, ms: Date.now() - started, headers: res.headers };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child && this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await new Promise((r) => this.child?.once('exit', r));
    }
    await this.stack?.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
