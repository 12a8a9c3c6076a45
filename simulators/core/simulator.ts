import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ENDLESS_CHUNK, faultProblems, hugeJsonBody, NO_FAULTS, type Faults } from './faults';
import { SeededRandom } from './random';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Values of `:name` segments of the matched route. */
  params: Record<string, string>;
  body: Buffer;
  /** The faults in force for this request (simulators consult badAuth and emptyLists themselves). */
  faults: Faults;
}

export interface SimResponse {
  status: number;
  /** An array sends the header once per value (several Set-Cookie). */
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /**
   * An answer written over time (Docker's followed logs): called once the headers are sent, it owns the
   * response until it ends it or the client hangs up. `body` and the body faults do not apply.
   */
  stream?: (res: ServerResponse) => void;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface RouteOptions {
  /** Counter key; defaults to "METHOD /pattern". Tautulli, uTorrent and XML-RPC count by command instead. */
  key?: (req: SimRequest) => string;
}

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: SimHandler;
  options: RouteOptions;
}

export interface SimulatorOptions {
  /** Service name, used in counters and messages. */
  name: string;
  /** The upstream's own answer for an injected error status. */
  errorResponse?: (status: number, req: SimRequest) => SimResponse;
  /** Answer for a path no route matches (default: plain 404). */
  notFound?: SimHandler;
  seed?: number;
  /** Maps a request path before routing (Docker's optional `/v1.41` version prefix). */
  rewritePath?: (path: string) => string;
  /** The simulator's own control endpoints below /__sim/ (path without the prefix); undefined: unknown. */
  control?: (method: string, what: string, body: Buffer) => SimResponse | undefined;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function xml(status: number, body: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers }, body };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body };
}

const CONTROL_PREFIX = '/__sim/';

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * An HTTP upstream simulator: routes, a mutable state model kept by the concrete simulator, request
 * counters per route, and fault switches applied around every answer. Control endpoints under
 * /__sim/ (counters, faults) let another process — a benchmark, the demo — steer it at run time.
 */
export class Simulator {
  private readonly routes: Route[] = [];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private counts = new Map<string, number>();
  private current: Faults = { ...NO_FAULTS };
  private readonly faultRandom: SeededRandom;
  /** Bytes each `endlessBody` answer had written when its connection closed, oldest first. */
  readonly endlessSent: number[] = [];
  url = '';

  constructor(private readonly options: SimulatorOptions) {
    this.faultRandom = new SeededRandom(options.seed ?? 7);
  }

  get name(): string {
    return this.options.name;
  }

  route(method: string, pattern: string, handler: SimHandler, options: RouteOptions = {}): this {
    this.routes.push({
      method: method.toUpperCase(),
      pattern,
      segments: splitPath(pattern),
      handler,
      options,
    });
    return this;
  }

  get faults(): Readonly<Faults> {
    return this.current;
  }

  setFaults(faults: Partial<Faults>): void {
    this.current = { ...this.current, ...faults };
  }

  resetFaults(): void {
    this.current = { ...NO_FAULTS };
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  /** Requests served per route key since start or the last reset. */
  counters(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  totalRequests(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  resetCounters(): void {
    this.counts = new Map();
    this.endlessSent.length = 0;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = this.createHttpServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${shownHost}:${address.port}`;
    return this.url;
  }

  /** Closes every open connection (kept-alive ones too); the server keeps listening. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Listens on a Unix socket instead of a port (the Docker Engine API); `url` becomes `unix://PATH`. */
  async startOnSocket(socketPath: string): Promise<string> {
    const server = this.createHttpServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    this.server = server;
    this.url = `unix://${socketPath}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private createHttpServer(): Server {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private match(
    method: string,
    path: string,
  ): { route?: Route; params: Record<string, string>; pathKnown: boolean } {
    const parts = splitPath(path);
    let pathKnown = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((segment, i) => {
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = decodeURIComponent(parts[i]);
          return true;
        }
        return segment === parts[i];
      });
      if (!ok) continue;
      pathKnown = true;
      if (route.method === method) return { route, params, pathKnown };
    }
    return { params: {}, pathKnown };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const body = await readBody(req);
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      this.send(res, this.control(req.method ?? 'GET', url.pathname, body), false);
      return;
    }
    const faults = this.current;
    const path = this.options.rewritePath?.(url.pathname) ?? url.pathname;
    const { route, params, pathKnown } = this.match(req.method ?? 'GET', path);
    const simReq: SimRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      params,
      body,
      faults,
    };
    const key = route ? (route.options.key?.(simReq) ?? `${route.method} ${route.pattern}`) : 'unmatched';
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);

    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.hang) {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    let answer: SimResponse;
    try {
      if (faults.redirectTo) {
        answer = { status: 302, headers: { Location: `${faults.redirectTo}${url.pathname}${url.search}` } };
      } else if (faults.errorRate > 0 && this.faultRandom.chance(faults.errorRate)) {
        answer =
          this.options.errorResponse?.(faults.errorStatus, simReq) ??
          text(faults.errorStatus, 'Simulated failure');
      } else if (route) {
        answer = await route.handler(simReq);
      } else if (pathKnown) {
        answer = text(405, 'Method Not Allowed');
      } else {
        answer = this.options.notFound ? await this.options.notFound(simReq) : text(404, 'Not Found');
      }
    } catch (err) {
      answer = text(500, `Simulator error: ${(err as Error).message}`);
    }
    this.send(res, answer, true);
  }

  private send(res: ServerResponse, answer: SimResponse, applyFaults: boolean): void {
    const faults = applyFaults ? this.current : NO_FAULTS;
    if (answer.stream) {
      res.writeHead(answer.status, answer.headers ?? {});
      res.flushHeaders();
      answer.stream(res);
      return;
    }
    let body: Buffer = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
    const headers = { ...(answer.headers ?? {}) };
    if (faults.garbage && answer.status < 400)
      body = Buffer.from('\u0000\u0007<<garbage>>{"unterminated": [1, 2,', 'utf8');
    if (faults.hugeBodyMb > 0 && answer.status < 400) body = hugeJsonBody(faults.hugeBodyMb);
    if (faults.wrongContentType) headers['Content-Type'] = 'text/html; charset=utf-8';
    if (faults.endlessBody && answer.status < 400) {
      res.writeHead(answer.status, headers);
      this.sendEndless(res);
      return;
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(answer.status, headers);
    if (faults.truncated && body.length > 1) {
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      // Cut the connection mid-body, as a crashed or overloaded upstream does.
      setImmediate(() => res.destroy());
      return;
    }
    res.end(body);
  }

  /** Writes as fast as the client reads, until it hangs up (or the faults are reset). */
  private sendEndless(res: ServerResponse): void {
    let sent = 0;
    this.hanging.add(res);
    res.on('close', () => {
      this.hanging.delete(res);
      this.endlessSent.push(sent);
    });
    const pump = () => {
      while (!res.destroyed) {
        sent += ENDLESS_CHUNK.length;
        if (!res.write(ENDLESS_CHUNK)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  }

  private control(method: string, path: string, body: Buffer): SimResponse {
    const what = path.slice(CONTROL_PREFIX.length);
    if (what === 'counters' && method === 'GET')
      return json(200, { total: this.totalRequests(), routes: this.counters() });
    if (what === 'counters/reset' && method === 'POST') {
      this.resetCounters();
      return json(200, { ok: true });
    }
    if (what === 'faults' && method === 'GET') return json(200, this.current);
    if (what === 'faults' && (method === 'PUT' || method === 'POST')) {
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        return json(400, { error: 'body must be JSON' });
      }
      const problems = faultProblems(input);
      if (problems.length) return json(400, { error: problems.join('; ') });
      this.setFaults(input);
      return json(200, this.current);
    }
    if (what === 'faults/reset' && method === 'POST') {
      this.resetFaults();
      return json(200, this.current);
    }
    return (
      this.options.control?.(method, what, body) ??
      json(404, { error: `unknown control endpoint ${method} ${path}` })
    );
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
