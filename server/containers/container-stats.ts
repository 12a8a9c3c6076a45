import type { DockerContainerStats, DockerCpuStats } from './docker.wire';

/** One CPU reading: the container's CPU time and the host's, both in nanoseconds. */
export interface CpuSample {
  container: number;
  system: number;
  cpus: number;
}

export function cpuSample(cpu: DockerCpuStats | undefined): CpuSample | undefined {
  const container = cpu?.cpu_usage?.total_usage;
  const system = cpu?.system_cpu_usage;
  if (container === undefined || !system) return undefined;
  const cpus = cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 1;
  return { container, system, cpus };
}

/**
 * CPU % as `docker stats` shows it (100 % = one core): the container's share of the host's CPU time
 * between two readings, times the number of CPUs. Null when there is no earlier reading, or when the
 * counters went back (the container restarted).
 */
export function cpuPercent(now: CpuSample, before: CpuSample | undefined): number | null {
  if (!before) return null;
  const container = now.container - before.container;
  const system = now.system - before.system;
  if (container < 0 || system <= 0) return null;
  return Math.round((container / system) * now.cpus * 100 * 100) / 100;
}

/**
 * The earlier reading to compare with. A one-shot read (`one-shot=true`, API 1.41) comes with an empty
 * `precpu_stats` (no `system_cpu_usage`), so the panel keeps each container's previous reading and
 * compares with it; an engine that ignores one-shot (older than 1.41) fills precpu_stats, which is used.
 */
export function earlierSample(
  stats: DockerContainerStats,
  previous: CpuSample | undefined,
): CpuSample | undefined {
  return cpuSample(stats.precpu_stats) ?? previous;
}

/** Memory as `docker stats` shows it: usage without the page cache (cgroup v2 `inactive_file`, v1 `total_inactive_file`). */
export function memoryBytes(stats: DockerContainerStats): number | null {
  const usage = stats.memory_stats?.usage;
  if (usage === undefined) return null;
  const cache =
    stats.memory_stats?.stats?.inactive_file ?? stats.memory_stats?.stats?.total_inactive_file ?? 0;
  return Math.max(0, usage - (cache < usage ? cache : 0));
}

export function memoryLimitBytes(stats: DockerContainerStats): number | null {
  return stats.memory_stats?.limit ?? null;
}

/** Bytes received and sent over every network; null without networks (`--network host` reports none). */
export function networkBytes(stats: DockerContainerStats): { rx: number; tx: number } | null {
  const networks = Object.values(stats.networks ?? {});
  if (!networks.length) return null;
  return networks.reduce((sum, n) => ({ rx: sum.rx + (n.rx_bytes ?? 0), tx: sum.tx + (n.tx_bytes ?? 0) }), {
    rx: 0,
    tx: 0,
  });
}
