import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, Simulator, text, type SimRequest, type SimResponse } from '../core';
import { frame, parseLogQuery, selectLogs } from './docker.logs';
import { DockerState, type ContainerSeed, type SimContainer } from './docker.state';
import { inspect, stats, summary } from './docker.wire';
import { DEFAULT_CONTAINERS } from './docker.world';

export const DOCKER_API_VERSION = '1.41';

export interface DockerSimulatorOptions {
  /** The containers to start with (default: the demo stack's). */
  containers?: ContainerSeed[];
  now?: () => number;
  seed?: number;
}

// The engine answers every error with `{"message": "..."}`.
const failure = (status: number, message: string): SimResponse => json(status, { message });

/**
 * The Docker Engine API (1.41, as Debian's docker.io 20.10 serves it) on a Unix socket: list, inspect,
 * stats, logs (multiplexed frames, follow), start/stop/restart with 204/304/404, `/_ping`, `/version`.
 * Besides the shared faults it can lose its socket (`removeSocket`), as when it is not mounted.
 */
export class DockerSimulator extends Simulator {
  readonly state: DockerState;
  private socket = '';
  private chatter?: NodeJS.Timeout;
  private dir = '';

  constructor(options: DockerSimulatorOptions = {}) {
    super({
      name: 'docker',
      seed: options.seed,
      errorResponse: (status) =>
        failure(status, status === 404 ? 'page not found' : 'Simulated engine failure'),
      notFound: () => failure(404, 'page not found'),
      // Clients may prefix every path with an API version (`/v1.41/containers/json`).
      rewritePath: (path) => path.replace(/^\/v1\.\d+(?=\/)/, ''),
    });
    this.state = new DockerState(options.now, options.seed);
    for (const seed of options.containers ?? DEFAULT_CONTAINERS) this.state.add(seed);
    this.route('GET', '/_ping', () => text(200, 'OK', { 'Api-Version': DOCKER_API_VERSION }));
    this.route('GET', '/version', () => json(200, this.version()));
    this.route('GET', '/containers/json', (req) => this.list(req));
    this.route('GET', '/containers/:id/json', (req) => this.with(req, (c) => json(200, inspect(c))));
    this.route('GET', '/containers/:id/stats', (req) =>
      this.with(req, (c) => json(200, stats(this.state, c, req.query.get('one-shot') === 'true'))),
    );
    this.route('GET', '/containers/:id/logs', (req) => this.with(req, (c) => this.logs(req, c)));
    this.route('POST', '/containers/:id/start', (req) =>
      this.with(req, (c) => ({ status: this.state.start(c) ? 204 : 304 })),
    );
    this.route('POST', '/containers/:id/stop', (req) =>
      this.with(req, (c) => ({ status: this.state.stop(c) ? 204 : 304 })),
    );
    this.route('POST', '/containers/:id/restart', (req) =>
      this.with(req, (c) => {
        this.state.restart(c);
        return { status: 204 };
      }),
    );
  }

  /** The socket path, for DOCKER_SOCKET / DOCKER_HOST=unix://… */
  get socketPath(): string {
    return this.socket;
  }

  /** Listens on `socketPath`, or on a new socket in a temporary directory. */
  async listen(socketPath?: string): Promise<string> {
    if (!socketPath) {
      this.dir = mkdtempSync(join(tmpdir(), 'docker-sim-'));
      socketPath = join(this.dir, 'docker.sock');
    }
    this.socket = socketPath;
    return this.startOnSocket(socketPath);
  }

  /** The socket file disappears (not mounted); connecting answers ENOENT until `restoreSocket`. */
  removeSocket(): void {
    unlinkSync(this.socket);
    // A kept-alive connection would still reach the engine; a missing mount has none.
    this.dropConnections();
  }

  async restoreSocket(): Promise<void> {
    await super.stop();
    await this.startOnSocket(this.socket);
  }

  /** For the demo: every running container writes a line every `intervalMs` (followed logs move). */
  startChatter(intervalMs: number): void {
    let n = 0;
    this.chatter ??= setInterval(() => {
      n++;
      for (const c of this.state.containers) {
        if (c.status === 'running')
          this.state.log(c.name, `${c.name}: heartbeat ${n}`, n % 7 === 0 ? 'stderr' : 'stdout');
      }
    }, intervalMs).unref();
  }

  override async stop(): Promise<void> {
    clearInterval(this.chatter);
    this.chatter = undefined;
    await super.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    else rmSync(this.socket, { force: true });
  }

  private version(): Record<string, unknown> {
    return {
      Platform: { Name: '' },
      Version: '20.10.24+dfsg1',
      ApiVersion: DOCKER_API_VERSION,
      MinAPIVersion: '1.12',
      Os: 'linux',
      Arch: 'amd64',
      KernelVersion: '6.1.0-28-amd64',
    };
  }

  private with(req: SimRequest, act: (c: SimContainer) => SimResponse): SimResponse {
    const container = this.state.find(req.params.id);
    return container ? act(container) : failure(404, `No such container: ${req.params.id}`);
  }

  private list(req: SimRequest): SimResponse {
    const all = ['1', 'true'].includes(req.query.get('all') ?? '');
    let filters: Record<string, string[]> = {};
    const raw = req.query.get('filters');
    if (raw) {
      try {
        filters = JSON.parse(raw) as Record<string, string[]>;
      } catch {
        return failure(400, 'invalid filter');
      }
    }
    const now = this.state.now();
    const shown = this.state.containers.filter(
      (c) =>
        (all || c.status === 'running') &&
        (filters.label ?? []).every((l) => {
          const [key, value] = l.split('=', 2);
          return key in c.labels && (value === undefined || c.labels[key] === value);
        }) &&
        (!filters.name?.length || filters.name.some((n) => c.name.includes(n.replace(/^\//, '')))) &&
        (!filters.status?.length || filters.status.includes(c.status)),
    );
    return json(200, req.faults.emptyLists ? [] : shown.map((c) => summary(c, now)));
  }

  private logs(req: SimRequest, c: SimContainer): SimResponse {
    const q = parseLogQuery(req.query);
    if (!q) return failure(400, 'Bad parameters: you must choose at least one stream');
    const headers = {
      'Content-Type': c.tty
        ? 'application/vnd.docker.raw-stream'
        : 'application/vnd.docker.multiplexed-stream',
    };
    const past = Buffer.concat(selectLogs(c, q).map((e) => frame(e, q, c.tty)));
    if (!['1', 'true'].includes(req.query.get('follow') ?? '')) return { status: 200, headers, body: past };
    return {
      status: 200,
      headers,
      stream: (res) => {
        if (past.length) res.write(past);
        const forget = this.state.follow(c, (entry) => {
          if ((entry.stream === 'stdout' ? q.stdout : q.stderr) && !res.writableEnded)
            res.write(frame(entry, q, c.tty));
        });
        res.on('close', forget);
      },
    };
  }
}

export async function startDockerSimulator(
  options: DockerSimulatorOptions & { socketPath?: string } = {},
): Promise<DockerSimulator> {
  const sim = new DockerSimulator(options);
  await sim.listen(options.socketPath);
  return sim;
}
