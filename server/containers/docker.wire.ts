/** The parts of the Docker Engine API's answers the panel reads (API 1.41; later versions add fields only). */

/** One entry of `GET /containers/json`. */
export interface DockerContainerSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  State?: string;
  Status?: string;
  Labels?: Record<string, string> | null;
}

/** `GET /containers/{id}/json`. */
export interface DockerContainerInspect {
  Id: string;
  Name?: string;
  RestartCount?: number;
  State?: {
    Status?: string;
    Running?: boolean;
    ExitCode?: number;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: { Status?: string } | null;
  };
  Config?: { Image?: string; Tty?: boolean; Labels?: Record<string, string> | null };
}

export interface DockerCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  /** Absent in `precpu_stats` of a one-shot read (API 1.41 `one-shot=true`). */
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** `GET /containers/{id}/stats?stream=false&one-shot=true`. */
export interface DockerContainerStats {
  read?: string;
  cpu_stats?: DockerCpuStats;
  precpu_stats?: DockerCpuStats;
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number | undefined>;
  };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
}

/** Docker's zero time, in StartedAt/FinishedAt of a container never started. */
export const DOCKER_ZERO_TIME = '0001-01-01T00:00:00Z';
