import { Simulator, type SimHandler, type SimRequest, type SimResponse } from '../core';
import { hasBasicAuth } from '../torrents';
import { METHODS } from './transmission.methods';
import { TransmissionState } from './transmission.state';

export const TRANSMISSION_USERNAME = 'transmission';
export const TRANSMISSION_PASSWORD = 'transmission';
/** settings.json `rpc-url`: the RPC is `{rpc-url}rpc`, the web UI `{rpc-url}web/`. */
const RPC_URL = '/transmission/';
export const TRANSMISSION_RPC_PATH = `${RPC_URL}rpc`;
export const SESSION_HEADER = 'X-Transmission-Session-Id';

export interface TransmissionSimulatorOptions {
  seed?: number;
  /** Number of generated torrents (default 40; 5,000 for benchmarks). */
  torrents?: number;
  username?: string;
  password?: string;
  labels?: string[];
  downloadDir?: string;
  /** Clock (epoch ms); tests pass a controllable one. */
  now?: () => number;
}

const STATUS_TEXT: Record<number, string> = {
  301: 'Moved Permanently',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** send_simple_response of Transmission 3.00: `<h1>CODE: TEXT</h1>` plus a paragraph, as Latin-1 HTML. */
function simple(status: number, extra = '', headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { Server: 'Transmission', 'Content-Type': 'text/html; charset=ISO-8859-1', ...headers },
    body: `<h1>${status}: ${STATUS_TEXT[status] ?? 'Error'}</h1>${extra}`,
  };
}

/** The daemon writes its JSON with every object's keys in byte order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** 3.00 refuses every login after this many failures, until the daemon restarts (anti-brute-force). */
const LOGIN_ATTEMPTS_LIMIT = 100;

/**
 * transmission-daemon 3.00 (RPC 16): `POST /transmission/rpc` with Basic auth, the CSRF session id
 * handshake (409 with `X-Transmission-Session-Id`, a new id after every restart), and JSON
 * `{method, arguments, tag}` answered with `{result, arguments, tag}`.
 */
export class TransmissionSimulator extends Simulator {
  readonly state: TransmissionState;
  private readonly username: string;
  private readonly password: string;
  private loginAttempts = 0;
  sessionId: string;

  constructor(options: TransmissionSimulatorOptions = {}) {
    const seed = options.seed ?? 300;
    const late: { elsewhere?: SimHandler } = {};
    super({
      name: 'transmission',
      seed,
      notFound: (req) => late.elsewhere!(req),
      errorResponse: (status) => simple(status),
    });
    late.elsewhere = (req) => this.elsewhere(req);
    this.username = options.username ?? TRANSMISSION_USERNAME;
    this.password = options.password ?? TRANSMISSION_PASSWORD;
    this.state = new TransmissionState({
      seed,
      torrents: options.torrents ?? 40,
      labels: options.labels,
      downloadDir: options.downloadDir ?? '/var/lib/transmission-daemon/downloads',
      now: options.now ?? Date.now,
    });
    this.sessionId = this.newSessionId();
    const key = (req: SimRequest) => this.classify(req);
    this.route('POST', TRANSMISSION_RPC_PATH, (req) => this.rpc(req), { key });
    this.route('GET', TRANSMISSION_RPC_PATH, (req) => this.guard(req) ?? simple(405), { key });
  }

  /** What a daemon restart does to the RPC: a new session id (the old one answers 409), no failed logins. */
  restart(): void {
    this.sessionId = this.newSessionId();
    this.loginAttempts = 0;
  }

  private newSessionId(): string {
    let id = '';
    for (let i = 0; i < 48; i++) id += ID_ALPHABET[this.state.rng.int(0, ID_ALPHABET.length - 1)];
    return id;
  }

  private authorized(req: SimRequest): boolean {
    return !req.faults.badAuth && hasBasicAuth(req.headers, this.username, this.password);
  }

  private sessionValid(req: SimRequest): boolean {
    return req.headers[SESSION_HEADER.toLowerCase()] === this.sessionId;
  }

  /** Counter key: `401`, `409`, or the RPC method name. */
  private classify(req: SimRequest): string {
    if (this.loginAttempts >= LOGIN_ATTEMPTS_LIMIT) return '403';
    if (!this.authorized(req)) return this.loginAttempts + 1 >= LOGIN_ATTEMPTS_LIMIT ? '403' : '401';
    if (!this.sessionValid(req)) return '409';
    if (req.method !== 'POST') return `${req.method} ${TRANSMISSION_RPC_PATH}`;
    const method = parseRequest(req.body)?.method;
    return typeof method === 'string' ? method : 'unparsable';
  }

  /** Auth first, then the session id, in the daemon's order. */
  private guard(req: SimRequest): SimResponse | undefined {
    const lockedOut = () =>
      simple(403, '<p>Too many unsuccessful login attempts. Please restart transmission-daemon.</p>');
    if (this.loginAttempts >= LOGIN_ATTEMPTS_LIMIT) return lockedOut();
    if (!this.authorized(req)) {
      // Verified on 3.00: 99 answers 401, the 100th failure and every call after it 403.
      if (++this.loginAttempts >= LOGIN_ATTEMPTS_LIMIT) return lockedOut();
      return simple(401, `<p>Unauthorized User. ${this.loginAttempts} unsuccessful login attempts.</p>`, {
        'WWW-Authenticate': 'Basic realm="Transmission"',
      });
    }
    this.loginAttempts = 0;
    if (!this.sessionValid(req)) {
      return simple(
        409,
        '<p>Your request had an invalid session-id header.</p><p>To fix this, follow these steps:<ol>' +
          '<li> When reading a response, get its X-Transmission-Session-Id header and remember it' +
          '<li> Add the updated header to your outgoing requests' +
          '<li> When you get this 409 error message, resend your request with the updated header</ol></p>' +
          '<p>This requirement has been added to help prevent <a href="https://en.wikipedia.org/wiki/Cross-site_request_forgery">CSRF</a> attacks.</p>' +
          `<p><code>${SESSION_HEADER}: ${this.sessionId}</code></p>`,
        { [SESSION_HEADER]: this.sessionId },
      );
    }
    return undefined;
  }

  /**
   * Every path but the RPC, as 3.00 answers it (verified): credentials first; a path outside rpc-url
   * is sent to the web UI (301 to /transmission/web/); the web UI needs no session id; any other path
   * under rpc-url needs the session id too, then is a 404 page naming the path and query.
   */
  private elsewhere(req: SimRequest): SimResponse {
    const lockedOrRefused = this.guard({
      ...req,
      headers: { ...req.headers, [SESSION_HEADER.toLowerCase()]: this.sessionId },
    });
    if (lockedOrRefused) return lockedOrRefused;
    if (!req.path.startsWith(RPC_URL)) return simple(301, '', { Location: `${RPC_URL}web/` });
    if (req.path.startsWith(`${RPC_URL}web/`)) {
      return {
        status: 200,
        headers: { Server: 'Transmission', 'Content-Type': 'text/html' },
        body: '<!DOCTYPE html><html><head><title>Transmission Web Interface</title></head><body></body></html>',
      };
    }
    const refused = this.guard(req);
    if (refused) return refused;
    const query = req.query.toString();
    return simple(404, `${req.path}${query ? `?${query}` : ''}`);
  }

  private rpc(req: SimRequest): SimResponse {
    const refused = this.guard(req);
    if (refused) return refused;
    const call = parseRequest(req.body);
    const tag = typeof call?.tag === 'number' && Number.isInteger(call.tag) ? { tag: call.tag } : {};
    let answer: { result: string; arguments: Record<string, unknown> };
    if (!call || typeof call.method !== 'string') answer = { result: 'no method name', arguments: {} };
    else if (!METHODS[call.method]) answer = { result: 'method name not recognized', arguments: {} };
    else {
      const args = call.arguments && typeof call.arguments === 'object' ? call.arguments : {};
      answer = METHODS[call.method](this.state, args as Record<string, unknown>, req.faults.emptyLists);
    }
    return {
      status: 200,
      headers: { Server: 'Transmission', 'Content-Type': 'application/json; charset=UTF-8' },
      body: sortedJson({ ...answer, ...tag }),
    };
  }
}

function parseRequest(body: Buffer): { method?: unknown; arguments?: unknown; tag?: unknown } | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function createTransmissionSimulator(
  options: TransmissionSimulatorOptions = {},
): TransmissionSimulator {
  return new TransmissionSimulator(options);
}
