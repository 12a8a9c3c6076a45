import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';

export interface RpcReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent (before gunzip). */
  raw: Buffer;
  text: string;
  json?: { result: unknown; error: { message: string; code: number } | null; id: unknown };
}

/**
 * A raw deluge-web JSON-RPC caller for tests, the demo and the differential test: keeps the
 * `_session_id` cookie like a browser, asks for gzip and unpacks it, and shows every header.
 */
export class DelugeRpcClient {
  cookie = '';
  private nextId = 1;

  constructor(
    /** deluge-web's base URL, e.g. http://127.0.0.1:8112 (the client posts to `${base}/json`). */
    readonly base: string,
    readonly options: { gzip?: boolean; timeoutMs?: number } = {},
  ) {}

  async login(password: string): Promise<boolean> {
    return (await this.call('auth.login', [password])).json?.result === true;
  }

  /** One call; `id` defaults to a counter. */
  call(method: string, params: unknown[] = [], extra: { id?: unknown } = {}): Promise<RpcReply> {
    return this.post(JSON.stringify({ method, params, id: extra.id ?? this.nextId++ }));
  }

  /** The result, or a thrown error naming the method and the daemon's error. */
  async result<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const reply = await this.call(method, params);
    if (!reply.json || reply.json.error)
      throw new Error(`${method}: ${reply.json?.error?.message ?? reply.text}`);
    return reply.json.result as T;
  }

  post(
    body: string | Buffer,
    contentType: string | null = 'application/json',
    method = 'POST',
  ): Promise<RpcReply> {
    const url = new URL(`${this.base}/json`);
    const headers: Record<string, string> = {};
    if (contentType !== null) headers['Content-Type'] = contentType;
    if (this.options.gzip !== false) headers['Accept-Encoding'] = 'gzip';
    if (this.cookie) headers.Cookie = `_session_id=${this.cookie}`;
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, timeout: this.options.timeoutMs ?? 20_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const setCookie = res.headers['set-cookie'] ?? [];
          const session = setCookie.map((c) => /^_session_id=([^;]*)/.exec(c)?.[1]).find(Boolean);
          if (session) this.cookie = session;
          let text: string;
          try {
            text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
          } catch {
            text = raw.toString('latin1');
          }
          let json: RpcReply['json'];
          try {
            json = JSON.parse(text) as RpcReply['json'];
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text, json });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url.href} within the timeout`)));
      req.on('error', reject);
      req.end(method === 'GET' ? undefined : body);
    });
  }
}
