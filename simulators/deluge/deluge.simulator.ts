import { gzipSync } from 'node:zlib';
import { Simulator, type SimRequest, type SimResponse } from '../core';
import { callRemote, REMOTE_METHOD_NAMES } from './deluge.core';
import { DelugeRpcError, notAuthenticated, unknownMethod } from './deluge.errors';
import { DelugeState, makeSessionCookie, sessionIdOf } from './deluge.state';
import { LOCAL_METHODS, localArityError, type WebContext } from './deluge.web';

/** deluge-web's default password (the one it asks to change at the first login). */
export const DELUGE_PASSWORD = 'deluge';
export const DELUGE_JSON_PATH = '/json';
export const DELUGE_HOST_ID = 'd0d0cafe0000000000000000000000de';
export const DELUGE_DAEMON_PORT = 58846;
const SESSION_COOKIE = '_session_id';

export interface DelugeSimulatorOptions {
  seed?: number;
  /** Number of generated torrents (default 40; 5,000 for benchmarks). */
  torrents?: number;
  password?: string;
  /** Label pool for generated torrents ("" = none); Deluge shows them lower-cased. */
  labels?: string[];
  downloadDir?: string;
  /**
   * Connected to the daemon from the start, as deluge-web is with `default_daemon` set. Default false:
   * a fresh deluge-web is not connected, and every core.* call answers "Unknown method" until web.connect.
   */
  connected?: boolean;
  /** deluge-web's `session_timeout` in seconds (default 3600); every authenticated call renews it. */
  sessionTimeoutS?: number;
  /** Clock (epoch ms); tests pass a controllable one. */
  now?: () => number;
}

/** Twisted's own HTML pages for an error status and an unknown path. */
function twistedPage(status: number, title: string, text: string): SimResponse {
  return {
    status,
    headers: { Server: 'TwistedWeb', 'Content-Type': 'text/html; charset=utf-8' },
    body: `\n<html>\n  <head><title>${status} - ${title}</title></head>\n  <body>\n    <h1>${title}</h1>\n    <p>${text}</p>\n  </body>\n</html>\n`,
  };
}

/** RFC 1123 date as Set-Cookie's Expires wants it. */
const httpDate = (ms: number) => new Date(ms).toUTCString();

interface Envelope {
  result: unknown;
  error: { message: string; code: number } | null;
  id: unknown;
}

/**
 * deluge-web 2.0.3's JSON-RPC (`POST /json`, in front of deluged 2.0.3 with the Label plugin):
 * `{method, params, id}` answered `{result, error, id}`, always HTTP 200; the `_session_id` cookie from
 * auth.login; web.connect before any core.* call; gzip when the request accepts it. The traps it keeps:
 * the content type must be exactly `application/json`, hashes are lower-case only, an empty list to
 * pause/resume means every torrent, and after web.disconnect the daemon's methods never answer.
 */
export class DelugeSimulator extends Simulator {
  readonly state: DelugeState;
  private readonly password: string;
  private readonly sessionTimeoutMs: number;
  /** Live sessions: id → expiry (epoch ms). */
  readonly sessions = new Map<string, number>();
  connected: boolean;
  methodsKnown: boolean;

  constructor(options: DelugeSimulatorOptions = {}) {
    const seed = options.seed ?? 2030;
    super({
      name: 'deluge',
      seed,
      errorResponse: (status) =>
        twistedPage(status, status === 500 ? 'Internal Server Error' : 'Error', 'Simulated failure'),
      notFound: () => twistedPage(404, 'No Such Resource', 'No such child resource.'),
    });
    this.password = options.password ?? DELUGE_PASSWORD;
    this.sessionTimeoutMs = (options.sessionTimeoutS ?? 3600) * 1000;
    this.connected = options.connected ?? false;
    this.methodsKnown = this.connected;
    this.state = new DelugeState({
      seed,
      torrents: options.torrents ?? 40,
      labels: options.labels,
      downloadDir: options.downloadDir ?? '/var/lib/deluged/Downloads',
      now: options.now ?? Date.now,
    });
    const key = (req: SimRequest) => this.classify(req);
    this.route('POST', DELUGE_JSON_PATH, (req) => this.rpc(req), { key });
    // A GET (or anything but POST) is 405 with an empty text/html body.
    for (const method of ['GET', 'PUT', 'DELETE'])
      this.route(method, DELUGE_JSON_PATH, (req) => notAllowed(req), { key: () => '405' });
  }

  /** What restarting deluge-web does: sessions are kept in web.conf, the daemon connection is not. */
  restart(connected = false): void {
    this.connected = connected;
    this.methodsKnown = connected;
  }

  /** The counter key: the JSON-RPC method, or `unparsable`. */
  private classify(req: SimRequest): string {
    const call = parse(req.body);
    return typeof call?.method === 'string' ? call.method : 'unparsable';
  }

  private sessionOf(req: SimRequest): string | undefined {
    const cookie = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    const id = cookie ? sessionIdOf(cookie.slice(SESSION_COOKIE.length + 1)) : undefined;
    const expires = id ? this.sessions.get(id) : undefined;
    return id && expires !== undefined && expires > this.state.now() ? id : undefined;
  }

  private async rpc(req: SimRequest): Promise<SimResponse> {
    const cookies: string[] = [];
    const answer = await this.answer(req, cookies);
    const headers: Record<string, string | string[]> = {
      Server: 'TwistedWeb',
      'Content-Type': 'application/json',
    };
    if (cookies.length) headers['Set-Cookie'] = cookies;
    let body: Buffer = Buffer.from(JSON.stringify(answer));
    // Twisted's GzipEncoderFactory: only when Accept-Encoding names gzip (the garbage fault stays readable).
    if (acceptsGzip(req) && !req.faults.garbage) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    return { status: 200, headers, body };
  }

  private async answer(req: SimRequest, cookies: string[]): Promise<Envelope> {
    const bad = (message: string): Envelope => ({ result: null, id: null, error: { code: 5, message } });
    const contentType = req.headers['content-type'];
    if (contentType === undefined) return bad("AttributeError: 'NoneType' object has no attribute 'decode'");
    if (contentType !== 'application/json')
      return bad(`JSONException: Invalid JSON request content-type: ${contentType}`);
    const call = parse(req.body);
    if (!call) return bad('JSONException: JSON not decodable');
    for (const member of ['method', 'params', 'id'])
      if (!(member in call))
        return bad(`JSONException: Invalid JSON request, missing param '${member}' in ${pyRepr(call)}`);

    let session = this.sessionOf(req);
    const renew = (id: string, cookieValue: string) => {
      const expires = this.state.now() + this.sessionTimeoutMs;
      this.sessions.set(id, expires);
      cookies.splice(
        0,
        cookies.length,
        `${SESSION_COOKIE}=${cookieValue}; Expires=${httpDate(expires)}; Path=/json`,
      );
    };
    const method = String(call.method);
    const params = Array.isArray(call.params) ? call.params : [];
    const envelope: Envelope = { result: null, error: null, id: call.id };
    const ctx: WebContext = {
      state: this.state,
      hostId: DELUGE_HOST_ID,
      daemonPort: DELUGE_DAEMON_PORT,
      connected: this.connected,
      methodsKnown: this.methodsKnown,
      hasSession: !!session,
      emptyLists: req.faults.emptyLists,
      checkPassword: (p) => !req.faults.badAuth && p === this.password,
      createSession: () => {
        const made = makeSessionCookie(this.state.rng);
        session = made.id;
        renew(made.id, made.cookie);
      },
      deleteSession: () => {
        if (session) this.sessions.delete(session);
      },
    };
    const local = LOCAL_METHODS[method];
    const remote = this.methodsKnown && REMOTE_METHOD_NAMES.includes(method);
    // Auth.check_request renews the cookie, and it runs only for a method deluge-web knows.
    if (session && (local || remote))
      renew(session, /(?:^|;\s*)_session_id=([^;]+)/.exec(req.headers.cookie ?? '')![1]);
    try {
      if (local) {
        if (!local.open && !session) throw notAuthenticated();
        const arity = localArityError(method, local, params.length);
        if (arity) throw arity;
        envelope.result = local.run(ctx, params);
        this.connected = ctx.connected;
        this.methodsKnown = ctx.methodsKnown;
      } else if (remote) {
        if (!session) throw notAuthenticated();
        // Verified on 2.0.3: after web.disconnect the web UI still routes the daemon's methods, and
        // the call never comes back.
        if (!this.connected) return await new Promise<never>(() => undefined);
        envelope.result = callRemote(this.state, method, params, req.faults.emptyLists);
      } else {
        throw unknownMethod();
      }
    } catch (err) {
      if (!(err instanceof DelugeRpcError)) throw err;
      envelope.error = { message: err.message, code: err.code };
    }
    return envelope;
  }
}

const acceptsGzip = (req: SimRequest) =>
  /(^|[\s,])gzip([\s,;]|$)/.test(String(req.headers['accept-encoding'] ?? ''));

/** 405 with an empty body: text/html, or, when gzip is accepted, a gzipped nothing with no content type. */
function notAllowed(req: SimRequest): SimResponse {
  if (acceptsGzip(req))
    return {
      status: 405,
      headers: { Server: 'TwistedWeb', 'Content-Encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(0)),
    };
  return { status: 405, headers: { Server: 'TwistedWeb', 'Content-Type': 'text/html' } };
}

function parse(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A Python repr of a decoded JSON value, as the "missing param" message shows the request. */
function pyRepr(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `'${k}': ${pyRepr(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

export function createDelugeSimulator(options: DelugeSimulatorOptions = {}): DelugeSimulator {
  return new DelugeSimulator(options);
}
