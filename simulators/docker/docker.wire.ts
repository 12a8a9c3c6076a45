import type { DockerState, SimContainer } from './docker.state';

/** Docker's zero time: what `StartedAt`/`FinishedAt` hold for a container never started or stopped. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const iso = (ms: number | null) => (ms === null ? ZERO_TIME : new Date(ms).toISOString());

/** Docker's `units.HumanDuration`, as in "Up 3 hours" and "Exited (0) 2 minutes ago". */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(m / 60);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}

/** The `Status` text of `docker ps`. */
export function statusText(c: SimContainer, now: number): string {
  const since = (ms: number | null) => humanDuration(now - (ms ?? now));
  switch (c.status) {
    case 'running': {
      const health = c.health === 'starting' ? ' (health: starting)' : c.health ? ` (${c.health})` : '';
      return `Up ${since(c.startedAt)}${health}`;
    }
    case 'paused':
      return `Up ${since(c.startedAt)} (Paused)`;
    case 'restarting':
      return `Restarting (${c.exitCode}) ${since(c.finishedAt)} ago`;
    case 'exited':
      return `Exited (${c.exitCode}) ${since(c.finishedAt)} ago`;
    case 'created':
      return 'Created';
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
  }
}

/** One entry of `GET /containers/json` (API 1.41 `ContainerSummary`). */
export function summary(c: SimContainer, now: number): Record<string, unknown> {
  return {
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.image,
    ImageID: `sha256:${c.id.split('').reverse().join('')}`,
    Command: '/init',
    Created: Math.floor(c.created / 1000),
    Ports: [],
    Labels: c.labels,
    State: c.status,
    Status: statusText(c, now),
    HostConfig: { NetworkMode: c.netRate ? 'bridge' : 'host' },
    NetworkSettings: { Networks: c.netRate ? { bridge: { IPAddress: '172.17.0.2' } } : { host: {} } },
    Mounts: [],
  };
}

/** `GET /containers/{id}/json` (the fields the panel and `docker inspect` users read). */
export function inspect(c: SimContainer): Record<string, unknown> {
  const up = c.status === 'running' || c.status === 'paused' || c.status === 'restarting';
  return {
    Id: c.id,
    Created: new Date(c.created).toISOString(),
    Path: '/init',
    Args: [],
    State: {
      Status: c.status,
      Running: up,
      Paused: c.status === 'paused',
      Restarting: c.status === 'restarting',
      OOMKilled: false,
      Dead: c.status === 'dead',
      Pid: up ? 4242 : 0,
      ExitCode: c.exitCode,
      Error: '',
      StartedAt: iso(c.startedAt),
      FinishedAt: iso(c.finishedAt),
      ...(c.health
        ? { Health: { Status: c.health, FailingStreak: c.health === 'unhealthy' ? 3 : 0, Log: [] } }
        : {}),
    },
    Image: `sha256:${c.id.split('').reverse().join('')}`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    HostConfig: {
      RestartPolicy: { Name: c.restartPolicy, MaximumRetryCount: 0 },
      NetworkMode: c.netRate ? 'bridge' : 'host',
    },
    Config: { Hostname: c.id.slice(0, 12), Tty: c.tty, Image: c.image, Labels: c.labels, Env: [] },
    NetworkSettings: { Networks: {} },
  };
}

const THROTTLING = { periods: 0, throttled_periods: 0, throttled_time: 0 };

function cpuSample(state: DockerState, c: SimContainer, at: number) {
  const runningMs = c.status === 'running' && c.startedAt !== null ? Math.max(0, at - c.startedAt) : 0;
  const total = Math.round((runningMs / 1000) * c.cpuNanosPerSecond);
  return {
    cpu_usage: {
      total_usage: total,
      usage_in_kernelmode: Math.round(total / 4),
      usage_in_usermode: Math.round((total * 3) / 4),
    },
    // Host-wide CPU time in nanoseconds: every core since the epoch, as /proc/stat counts it.
    system_cpu_usage: Math.round(at * 1e6 * state.onlineCpus),
    online_cpus: state.onlineCpus,
    throttling_data: THROTTLING,
  };
}

/**
 * `GET /containers/{id}/stats?stream=false`. With `one-shot=true` (API 1.41) the engine answers at once
 * with an empty `precpu_stats` (no `system_cpu_usage`); without it, it waits for a second sample and
 * fills `precpu_stats` with the first one (the simulator backdates it by a second instead of waiting).
 */
export function stats(state: DockerState, c: SimContainer, oneShot: boolean): Record<string, unknown> {
  const now = state.now();
  const running = c.status === 'running';
  const seconds = running && c.startedAt !== null ? (now - c.startedAt) / 1000 : 0;
  return {
    read: new Date(now).toISOString(),
    preread: oneShot ? ZERO_TIME : new Date(now - 1000).toISOString(),
    pids_stats: running ? { current: 3 } : {},
    num_procs: 0,
    cpu_stats: running
      ? cpuSample(state, c, now)
      : { cpu_usage: { total_usage: 0 }, throttling_data: THROTTLING },
    precpu_stats:
      oneShot || !running
        ? {
            cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
            throttling_data: THROTTLING,
          }
        : cpuSample(state, c, now - 1000),
    memory_stats: running
      ? {
          usage: c.memoryBytes + 8 * 2 ** 20,
          // cgroup v2: the page cache the CLI subtracts from `usage`.
          stats: { inactive_file: 8 * 2 ** 20, active_file: 2 ** 20, anon: c.memoryBytes },
          limit: c.memoryLimitBytes,
        }
      : {},
    ...(running && c.netRate
      ? {
          networks: {
            eth0: {
              rx_bytes: Math.round(seconds * c.netRate.rx),
              rx_packets: Math.round(seconds),
              tx_bytes: Math.round(seconds * c.netRate.tx),
              tx_packets: Math.round(seconds),
            },
          },
        }
      : {}),
    name: `/${c.name}`,
    id: c.id,
  };
}
