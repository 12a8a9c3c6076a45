import { type DockerSimulator, startDockerSimulator } from '../../../simulators/docker';
import { startSimulatorStack, type SimulatorStack } from '../../../simulators/stack';
import { ADMIN_PASSWORD, ADMIN_USERNAME, type RunningPanel, startPanel } from './panel-server';

export interface StackPanel {
  panel: RunningPanel;
  /** The simulators (in this test process): set faults, read counters and state. */
  stack: SimulatorStack;
  /** The Docker Engine simulator on its Unix socket, when started with `withDocker`. */
  docker: DockerSimulator | null;
  stop(): Promise<void>;
}

export interface StackPanelOptions {
  /** `false`: no media server configured, for tests that add one in the UI. */
  withMediaServers?: boolean;
  /**
   * Starts the Docker simulator (the demo's containers: plex, tautulli, rutorrent, utorrent, seerr and
   * a few others) and points the panel's DOCKER_SOCKET at it. Without it the panel keeps its default
   * socket, and the services' cards show no container links.
   */
  withDocker?: boolean;
}

/**
 * The demo world for browser tests: every simulator started in this process and the built panel
 * configured against them (Seerr, three media servers, Plex, Tautulli, uTorrent, rTorrent, and Docker
 * when asked for).
 */
export async function startStackPanel(options: StackPanelOptions = {}): Promise<StackPanel> {
  const stack = await startSimulatorStack();
  const docker = options.withDocker ? await startDockerSimulator() : null;
  const config = stack.config({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD });
  if (options.withMediaServers === false) config.media_servers = [];
  const env: Record<string, string> = { ...stack.env };
  if (docker) env.DOCKER_SOCKET = docker.socketPath;
  let panel: RunningPanel;
  try {
    panel = await startPanel({ config: { ...config }, env });
  } catch (error) {
    await docker?.stop();
    await stack.stop();
    throw error;
  }
  return {
    panel,
    stack,
    docker,
    stop: async () => {
      await panel.stop();
      await docker?.stop();
      await stack.stop();
    },
  };
}
