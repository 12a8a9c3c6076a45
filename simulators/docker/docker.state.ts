import { SeededRandom } from '../core';

export type ContainerStatus =
  'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type ContainerHealthStatus = 'healthy' | 'unhealthy' | 'starting';

export interface SimLogEntry {
  /** Epoch milliseconds. */
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** One container as the simulated engine keeps it; everything a test may drive is a plain field. */
export interface SimContainer {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  status: ContainerStatus;
  exitCode: number;
  restartCount: number;
  /** Epoch ms of the last start; null when never started (Docker's 0001-01-01). */
  startedAt: number | null;
  finishedAt: number | null;
  created: number;
  /** Null: the image has no health check. */
  health: ContainerHealthStatus | null;
  tty: boolean;
  restartPolicy: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  /** Exit code a stop leaves (busybox `sh` ignores SIGTERM and is killed: 137). */
  stopExitCode: number;
  /** CPU time used per second of running, in nanoseconds (500e6 = half a core). */
  cpuNanosPerSecond: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  /** Bytes per second received and sent; null: no network (Docker's `--network host` has no `networks`). */
  netRate: { rx: number; tx: number } | null;
  logs: SimLogEntry[];
}

export type ContainerSeed = Partial<Omit<SimContainer, 'name' | 'image'>> & { name: string; image: string };

type Follower = (entry: SimLogEntry) => void;

/** The engine's containers, addressed like Docker does: by name, full id or a unique id prefix. */
export class DockerState {
  readonly containers: SimContainer[] = [];
  readonly onlineCpus = 2;
  /** Every start, stop and restart asked for, in order (`restart plex`), for tests. */
  readonly actions: string[] = [];
  private readonly followers = new Map<string, Set<Follower>>();
  private readonly rng: SeededRandom;

  constructor(
    readonly now: () => number = Date.now,
    seed = 2375,
  ) {
    this.rng = new SeededRandom(seed);
  }

  add(seed: ContainerSeed): SimContainer {
    const now = this.now();
    const running = (seed.status ?? 'running') === 'running';
    const container: SimContainer = {
      id: this.rng.hex(64),
      labels: {},
      status: 'running',
      exitCode: 0,
      restartCount: 0,
      startedAt: running ? now - 3 * 3600_000 : null,
      finishedAt: null,
      created: now - 24 * 3600_000,
      health: null,
      tty: false,
      restartPolicy: 'unless-stopped',
      stopExitCode: 0,
      cpuNanosPerSecond: 50e6,
      memoryBytes: 64 * 2 ** 20,
      memoryLimitBytes: 2 * 2 ** 30,
      netRate: { rx: 2048, tx: 1024 },
      logs: [],
      ...seed,
    };
    this.containers.push(container);
    return container;
  }

  find(ref: string): SimContainer | undefined {
    const name = ref.replace(/^\//, '');
    const byName = this.containers.find((c) => c.name === name || c.id === ref);
    if (byName) return byName;
    const byPrefix = this.containers.filter((c) => ref.length >= 3 && c.id.startsWith(ref));
    return byPrefix.length === 1 ? byPrefix[0] : undefined;
  }

  /** Appends a log line and hands it to every follower of the container. */
  log(ref: string, text: string, stream: SimLogEntry['stream'] = 'stdout'): void {
    const container = this.find(ref);
    if (!container) throw new Error(`no container ${ref}`);
    const entry = { time: this.now(), stream, text };
    container.logs.push(entry);
    for (const follower of this.followers.get(container.id) ?? []) follower(entry);
  }

  follow(container: SimContainer, follower: Follower): () => void {
    let set = this.followers.get(container.id);
    if (!set) this.followers.set(container.id, (set = new Set()));
    set.add(follower);
    return () => set.delete(follower);
  }

  /** Followed log connections open now, for tests that check the panel hangs up. */
  followerCount(ref?: string): number {
    if (ref === undefined) return [...this.followers.values()].reduce((n, s) => n + s.size, 0);
    const container = this.find(ref);
    return container ? (this.followers.get(container.id)?.size ?? 0) : 0;
  }

  /** `POST /start`: false when it already runs (Docker's 304). */
  start(container: SimContainer): boolean {
    this.actions.push(`start ${container.name}`);
    if (container.status === 'running') return false;
    this.run(container);
    return true;
  }

  /** `POST /stop`: false when it is not running (Docker's 304). */
  stop(container: SimContainer): boolean {
    this.actions.push(`stop ${container.name}`);
    if (container.status !== 'running' && container.status !== 'paused' && container.status !== 'restarting')
      return false;
    this.halt(container);
    return true;
  }

  private halt(container: SimContainer): void {
    container.status = 'exited';
    container.exitCode = container.stopExitCode;
    container.finishedAt = this.now();
  }

  restart(container: SimContainer): void {
    this.actions.push(`restart ${container.name}`);
    if (container.status === 'running') this.halt(container);
    this.run(container);
  }

  private run(container: SimContainer): void {
    container.status = 'running';
    container.exitCode = 0;
    container.startedAt = this.now();
    if (container.health) container.health = 'starting';
  }
}
