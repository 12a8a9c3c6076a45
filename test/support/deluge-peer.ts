import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DELUGE_PEER_SCRIPT = path.join(REPO_ROOT, 'test', 'peers', 'deluge-peer.sh');

export interface DelugePeer {
  /** deluge-web's address, e.g. http://127.0.0.1:PORT (the JSON-RPC endpoint is POST /json). */
  url: string;
  /** deluge-web has a password only, no user name. */
  password: string;
  /** deluged's download location; a torrent whose data is already here seeds after its check. */
  downloadDir: string;
  /** The id deluge-web knows the daemon by (`web.get_hosts`, `web.connect`). */
  hostId: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a REAL deluged + deluge-web 2.0.3 (apt-installing them when missing, which needs root; anyone
 * else gets an error naming the packages) in a fresh temp dir on free loopback ports, deluge-web already
 * connected to the daemon. Throws with the script's output when it cannot start.
 */
export async function startDelugePeer(): Promise<DelugePeer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'deluge-peer-'));
  const [port, daemonPort, btPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env,
    DELUGE_PEER_DIR: dir,
    DELUGE_PEER_PORT: String(port),
    DELUGE_PEER_DAEMON_PORT: String(daemonPort),
    DELUGE_PEER_BT_PORT: String(btPort),
    // Not a word of any path: the panel redacts its configured password from every message.
    DELUGE_PEER_PASS: `peer-${randomBytes(6).toString('hex')}`,
  };
  const script = (command: string) => run('bash', [DELUGE_PEER_SCRIPT, command], { env, timeout: 300_000 });
  let info: string;
  try {
    info = (await script('start')).stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    await script('stop').catch(() => undefined);
    throw new Error(
      `deluge peer (Debian packages deluged and deluge-web) could not start (${DELUGE_PEER_SCRIPT}): ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`,
    );
  }
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(info)?.[1] ?? '';
  return {
    url: value('URL'),
    password: value('PASS'),
    downloadDir: value('DOWNLOAD_DIR'),
    hostId: value('HOST_ID'),
    dir,
    stop: async () => {
      await script('stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface JsonRpcReply {
  status: number;
  contentType: string;
  contentEncoding: string;
  /** The `_session_id` cookie this answer set, or ''. */
  sessionId: string;
  body: string;
  /** The parsed body, or undefined when it is not JSON (the 405 page of a GET). */
  json?: { result?: unknown; error?: { message?: string; code?: number } | null; id?: unknown };
}

/**
 * A bare deluge-web JSON-RPC caller for differential tests: keeps the `_session_id` cookie it is given or
 * receives, and nothing else (no login, no daemon connection: the caller asks for those).
 */
export class DelugeJsonRpc {
  sessionId = '';
  private nextId = 1;

  constructor(private readonly baseUrl: string) {}

  async call(method: string, params: unknown[] = []): Promise<JsonRpcReply> {
    return this.raw(JSON.stringify({ method, params, id: this.nextId++ }));
  }

  async raw(body: string, init: { method?: string } = {}): Promise<JsonRpcReply> {
    const res = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/json`, {
      method: init.method ?? 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept-Encoding': 'gzip',
        ...(this.sessionId ? { Cookie: `_session_id=${this.sessionId}` } : {}),
      },
      ...(init.method === 'GET' ? {} : { body }),
    });
    const text = await res.text();
    const sessionId = /_session_id=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    if (sessionId) this.sessionId = sessionId;
    let json: JsonRpcReply['json'];
    try {
      json = JSON.parse(text) as JsonRpcReply['json'];
    } catch {
      json = undefined;
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      contentEncoding: res.headers.get('content-encoding') ?? '',
      sessionId,
      body: text,
      json,
    };
  }
}
