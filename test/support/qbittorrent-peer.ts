import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const QBITTORRENT_PEER_SCRIPT = path.join(REPO_ROOT, 'test', 'peers', 'qbittorrent-peer.sh');

export interface QbittorrentPeer {
  /** The WebUI, e.g. http://127.0.0.1:PORT (the API is below /api/v2). */
  url: string;
  username: string;
  password: string;
  /** qBittorrent's default save path; a torrent whose data is already here seeds after its check. */
  downloadDir: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a REAL qbittorrent-nox 4.5.2 (apt-installing it when missing) with a fresh profile in a temp
 * dir, its WebUI and BitTorrent port on free loopback ports. Throws with the script's output when it
 * cannot start. Note: 5 failed logins ban 127.0.0.1 for an hour, so a test fails a login at most once.
 */
export async function startQbittorrentPeer(): Promise<QbittorrentPeer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'qbittorrent-peer-'));
  const [port, btPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    QB_PEER_DIR: dir,
    QB_PEER_PORT: String(port),
    QB_PEER_BT_PORT: String(btPort),
    QB_PEER_USER: 'admin',
    // Not a word of any path: the panel redacts its configured password from every message.
    QB_PEER_PASS: `peer-${randomBytes(6).toString('hex')}`,
  };
  const script = (command: string) =>
    run('bash', [QBITTORRENT_PEER_SCRIPT, command], { env, timeout: 300_000 });
  let info: string;
  try {
    info = (await script('start')).stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    await script('stop').catch(() => undefined);
    throw new Error(
      `qbittorrent peer could not start (${QBITTORRENT_PEER_SCRIPT}): ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`,
    );
  }
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(info)?.[1] ?? '';
  return {
    url: value('URL'),
    username: value('USER'),
    password: value('PASS'),
    downloadDir: value('DOWNLOAD_DIR'),
    dir,
    stop: async () => {
      await script('stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WebApiReply {
  status: number;
  contentType: string;
  text: string;
}

/**
 * A bare WebUI API caller for differential tests: logs in with a form post, keeps the SID cookie, and
 * sends the Referer qBittorrent's CSRF check wants (its own origin).
 */
export class WebApi {
  private sid = '';
  private lastSid = '';

  constructor(
    readonly base: string,
    private readonly username: string,
    private readonly password: string,
  ) {}

  async login(password = this.password): Promise<WebApiReply> {
    const reply = await this.call('auth/login', {
      form: { username: this.username, password },
    });
    if (reply.text === 'Ok.') this.sid = this.lastSid;
    return reply;
  }

  async call(
    path: string,
    options: {
      form?: Record<string, string>;
      multipart?: FormData;
      headers?: Record<string, string>;
      cookie?: boolean;
    } = {},
  ): Promise<WebApiReply> {
    const headers: Record<string, string> = { Referer: `${this.base}/`, ...options.headers };
    if (options.cookie !== false && this.sid) headers.Cookie = `SID=${this.sid}`;
    let body: string | FormData | undefined;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (options.multipart) {
      body = options.multipart;
    }
    const res = await fetch(`${this.base}/api/v2/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body,
    });
    this.lastSid = /(?:^|[;,]\s*)SID=([^;,\s]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  async json<T = unknown>(path: string, form?: Record<string, string>): Promise<T> {
    const reply = await this.call(path, { form });
    if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text}`);
    return JSON.parse(reply.text) as T;
  }
}

/** The types of a JSON value with the values blanked: what two implementations must agree on. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return value === null ? 'null' : typeof value;
}

export { REPO_ROOT };
