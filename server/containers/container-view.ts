import {
  cpuPercent,
  cpuSample,
  type CpuSample,
  earlierSample,
  memoryBytes,
  memoryLimitBytes,
  networkBytes,
} from './container-stats';
import type { ContainerDto } from './containers.dto';
import { CONTAINER_HEALTH, CONTAINER_STATES } from './containers.dto';
import {
  DOCKER_ZERO_TIME,
  type DockerContainerInspect,
  type DockerContainerStats,
  type DockerContainerSummary,
} from './docker.wire';
import type { LinkedService } from './service-links';

const time = (value: string | undefined): string | null => {
  if (!value || value.startsWith(DOCKER_ZERO_TIME.slice(0, 4))) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

export function containerName(summary: DockerContainerSummary): string {
  return (summary.Names?.[0] ?? summary.Id.slice(0, 12)).replace(/^\//, '');
}

export interface ContainerReading {
  summary: DockerContainerSummary;
  inspect: DockerContainerInspect;
  /** Undefined when not running, or when the stats could not be read. */
  stats?: DockerContainerStats;
  /** This container's reading at the previous refresh. */
  previous?: CpuSample;
}

/** One container as the API shows it, and its CPU reading to compare the next refresh with. */
export function containerView(
  reading: ContainerReading,
  service: LinkedService | null,
  now: number,
): { dto: ContainerDto; sample?: CpuSample } {
  const { summary, inspect, stats } = reading;
  const stateText = inspect.State?.Status ?? summary.State ?? '';
  const state = (CONTAINER_STATES as readonly string[]).includes(stateText) ? stateText : 'dead';
  const running = state === 'running';
  const health = inspect.State?.Health?.Status;
  const startedAt = time(inspect.State?.StartedAt);
  const sample = running ? cpuSample(stats?.cpu_stats) : undefined;
  const network = running && stats ? networkBytes(stats) : null;
  return {
    sample,
    dto: {
      id: summary.Id.slice(0, 12),
      name: containerName(summary),
      image: summary.Image ?? inspect.Config?.Image ?? '',
      state,
      status: summary.Status ?? '',
      health: health && (CONTAINER_HEALTH as readonly string[]).includes(health) ? health : null,
      started_at: startedAt,
      uptime_seconds:
        running && startedAt ? Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000)) : null,
      restart_count: inspect.RestartCount ?? 0,
      exit_code: ['exited', 'dead', 'restarting'].includes(state) ? (inspect.State?.ExitCode ?? null) : null,
      cpu_percent: sample && stats ? cpuPercent(sample, earlierSample(stats, reading.previous)) : null,
      memory_bytes: running && stats ? memoryBytes(stats) : null,
      memory_limit_bytes: running && stats ? memoryLimitBytes(stats) : null,
      net_rx_bytes: network?.rx ?? null,
      net_tx_bytes: network?.tx ?? null,
      service,
    },
  };
}
