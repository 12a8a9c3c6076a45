import { startSimulatorStack, type SimulatorStack } from '../../../simulators/stack';
import { ADMIN_PASSWORD, ADMIN_USERNAME, type RunningPanel, startPanel } from './panel-server';

export interface StackPanel {
  panel: RunningPanel;
  /** The simulators (in this test process): set faults, read counters and state. */
  stack: SimulatorStack;
  stop(): Promise<void>;
}

/**
 * The demo world for browser tests: every simulator started in this process and the built panel
 * configured against them (Seerr, three media servers, Plex, Tautulli, uTorrent, rTorrent).
 * `withMediaServers: false` starts with no media server configured, for tests that add one in the UI.
 */
export async function startStackPanel(options: { withMediaServers?: boolean } = {}): Promise<StackPanel> {
  const stack = await startSimulatorStack();
  const config = stack.config({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD });
  if (options.withMediaServers === false) config.media_servers = [];
  const panel = await startPanel({ config: { ...config }, env: { ...stack.env } });
  return {
    panel,
    stack,
    stop: async () => {
      await panel.stop();
      await stack.stop();
    },
  };
}
