import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const TRANSMISSION_PEER_SCRIPT = path.join(REPO_ROOT, 'test', 'peers', 'transmission-peer.sh');

export interface TransmissionPeer {
  /** The RPC endpoint, e.g. http://127.0.0.1:PORT/transmission/rpc. */
  url: string;
  username: string;
  password: string;
  /** The daemon's download directory (data placed here is found when a torrent is added). */
  downloadDir: string;
  dir: string;
  /** Stops the daemon and starts it again on the same settings (a new session id). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a REAL transmission-daemon 3.00 (apt-installing it when missing) in a fresh temp dir on free
 * loopback ports. Throws with the script's output when it cannot start.
 */
export async function startTransmissionPeer(): Promise<TransmissionPeer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'transmission-peer-'));
  const [port, peerPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    TR_PEER_DIR: dir,
    TR_PEER_PORT: String(port),
    TR_PEER_PEER_PORT: String(peerPort),
    TR_PEER_USER: 'transmission',
    // Not a word of any path: the panel redacts its configured password from every message.
    TR_PEER_PASS: `peer-${randomBytes(6).toString('hex')}`,
  };
  const script = (command: string) =>
    run('bash', [TRANSMISSION_PEER_SCRIPT, command], { env, timeout: 300_000 });
  const start = async () => {
    try {
      return (await script('start')).stdout;
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      await script('stop').catch(() => undefined);
      throw new Error(
        `transmission peer could not start (${TRANSMISSION_PEER_SCRIPT}): ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`,
      );
    }
  };
  const info = await start();
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(info)?.[1] ?? '';
  return {
    url: value('URL'),
    username: value('USER'),
    password: value('PASS'),
    downloadDir: value('DOWNLOAD_DIR'),
    dir,
    restart: async () => {
      await script('stop');
      await start();
    },
    stop: async () => {
      await script('stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawReply {
  status: number;
  contentType: string;
  sessionId: string;
  body: string;
  /** The parsed JSON body, or undefined when it is not JSON (the 401/409 HTML pages). */
  json?: { result?: unknown; arguments?: Record<string, unknown>; tag?: unknown };
}

/**
 * One raw RPC POST with Basic auth and the given session id (no handshake), for the differential test:
 * what the real daemon and the simulator answer must agree.
 */
export async function rawRpc(
  target: { url: string; username: string; password: string },
  body: unknown,
  sessionId: string,
  auth = true,
): Promise<RawReply> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: {
      ...(auth
        ? {
            Authorization: `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`,
          }
        : {}),
      ...(sessionId ? { 'X-Transmission-Session-Id': sessionId } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: RawReply['json'];
  try {
    json = JSON.parse(text) as RawReply['json'];
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    sessionId: res.headers.get('x-transmission-session-id') ?? '',
    body: text,
    json,
  };
}

/** An RPC call that does the 409 handshake first when needed; returns the reply and the id it used. */
export async function rpc(
  target: { url: string; username: string; password: string; session?: string },
  method: string,
  args?: Record<string, unknown>,
): Promise<RawReply> {
  const body = { method, ...(args ? { arguments: args } : {}) };
  let reply = await rawRpc(target, body, target.session ?? '');
  if (reply.status === 409) {
    target.session = reply.sessionId;
    reply = await rawRpc(target, body, reply.sessionId);
  }
  return reply;
}

/** The types of a value with the values blanked: what two implementations must agree on. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  }
  return typeof value;
}
