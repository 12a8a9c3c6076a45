import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseStringPromise } from 'xml2js';
import { freePort } from './free-port';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RTORRENT_PEER_SCRIPT = path.join(REPO_ROOT, 'test', 'peers', 'rtorrent-peer.sh');

export interface RtorrentPeer {
  /** XML-RPC endpoint, e.g. http://127.0.0.1:PORT/RPC2. */
  url: string;
  username: string;
  password: string;
  /** rtorrent's download directory (data placed here is found by load.*). */
  downloadDir: string;
  /** The peer's own loopback tracker; torrents need an announce URL while DHT is off. */
  announceUrl: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a REAL rtorrent 0.9.8 behind nginx (apt-installing them when missing) in a fresh temp dir on
 * a free loopback port. Throws with the script's output when it cannot start. Note: rtorrent aborts
 * on more than 10 tracker requests in 10 s, so keep start/stop cycles per torrent few.
 */
export async function startRtorrentPeer(): Promise<RtorrentPeer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rtorrent-peer-'));
  const port = await freePort();
  const env = {
    ...process.env,
    RT_PEER_DIR: dir,
    RT_PEER_PORT: String(port),
    RT_PEER_USER: 'rtorrent',
    // Not a word of any path: the panel redacts its configured password from every message.
    RT_PEER_PASS: `peer-${randomBytes(6).toString('hex')}`,
  };
  const script = (command: string) => run('bash', [RTORRENT_PEER_SCRIPT, command], { env, timeout: 300_000 });
  let info: string;
  try {
    info = (await script('start')).stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    await script('stop').catch(() => undefined);
    throw new Error(
      `rtorrent peer could not start (${RTORRENT_PEER_SCRIPT}): ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`,
    );
  }
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(info)?.[1] ?? '';
  const url = value('URL');
  return {
    url,
    username: value('USER'),
    password: value('PASS'),
    downloadDir: value('DOWNLOAD_DIR'),
    announceUrl: url.replace(/\/RPC2$/, '/announce'),
    dir,
    stop: async () => {
      await script('stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An XML-RPC argument: strings as `<string>`, numbers as `<i8>`, Buffers as `<base64>`. */
export type RpcArg = string | number | Buffer | RpcArg[] | { [k: string]: RpcArg };

function encode(arg: RpcArg): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (typeof arg === 'string') return `<value><string>${esc(arg)}</string></value>`;
  if (typeof arg === 'number') return `<value><i8>${arg}</i8></value>`;
  if (Buffer.isBuffer(arg)) return `<value><base64>${arg.toString('base64')}</base64></value>`;
  if (Array.isArray(arg)) return `<value><array><data>${arg.map(encode).join('')}</data></array></value>`;
  const members = Object.entries(arg).map(([k, v]) => `<member><name>${esc(k)}</name>${encode(v)}</member>`);
  return `<value><struct>${members.join('')}</struct></value>`;
}

export function methodCall(method: string, params: RpcArg[] = []): string {
  return `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params
    .map((p) => `<param>${encode(p)}</param>`)
    .join('')}</params></methodCall>`;
}

/** A decoded value that keeps its XML-RPC type: `{ i8: 1 }`, `{ string: "x" }`, arrays, structs. */
export type Typed =
  { [type: string]: string | number | boolean } | Typed[] | { struct: Record<string, Typed> };

function typed(node: unknown): Typed {
  if (typeof node === 'string') return { string: node };
  const obj = node as Record<string, unknown[]>;
  const [type] = Object.keys(obj).filter((k) => k !== '_' && k !== '$');
  const raw = obj[type]?.[0];
  const text = typeof raw === 'string' ? raw : '';
  if (type === 'array') {
    const data = (raw as Record<string, unknown[]>)?.data?.[0];
    return typeof data === 'object' && data
      ? ((data as Record<string, unknown[]>).value ?? []).map(typed)
      : [];
  }
  if (type === 'struct') {
    const members = ((raw as Record<string, unknown[]>)?.member ?? []) as Record<string, unknown[]>[];
    return { struct: Object.fromEntries(members.map((m) => [String(m.name[0]), typed(m.value[0])])) };
  }
  if (type === 'i4' || type === 'i8' || type === 'int') return { [type]: Number(text) };
  if (type === 'boolean') return { boolean: text === '1' };
  return { [type ?? 'string']: text };
}

export interface RpcReply {
  status: number;
  contentType: string;
  raw: string;
  /** The result, or `{ fault: { struct } }`. */
  value: Typed | { fault: Typed };
}

/** POSTs one XML-RPC call with Basic auth, the way ruTorrent does (text/xml without charset). */
export async function xmlRpc(
  target: { url: string; username: string; password: string },
  method: string,
  params: RpcArg[] = [],
): Promise<RpcReply> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/xml',
      Authorization: `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`,
    },
    body: methodCall(method, params),
  });
  const raw = await res.text();
  const doc = (await parseStringPromise(raw)) as { methodResponse: Record<string, unknown[]> };
  const response = doc.methodResponse;
  const fault = response.fault?.[0] as Record<string, unknown[]> | undefined;
  const value = fault
    ? { fault: typed(fault.value[0]) }
    : typed(
        ((response.params[0] as Record<string, unknown[]>).param[0] as Record<string, unknown[]>).value[0],
      );
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', raw, value };
}

/** The types of a reply with the values blanked: what two implementations must agree on. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'object' ? shapeOf(v) : typeof v]),
    );
  }
  return typeof value;
}

export { REPO_ROOT };
