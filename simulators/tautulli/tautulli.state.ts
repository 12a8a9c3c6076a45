import { SeededRandom } from '../core/random';
import { createPlexWorld, type PlexWorld, type PlexWorldOptions } from '../media-library';

/** Tautulli API keys are 32 hex characters. */
export const DEFAULT_TAUTULLI_API_KEY = '0123456789abcdef0123456789abcdef';

export interface TautulliState {
  world: PlexWorld;
  apiKey: string;
  apiEnabled: boolean;
  version: string;
  /** Whether Tautulli reports its link to PMS as up (`server_status`). */
  pmsConnected: boolean;
  /**
   * Whether Tautulli can reach its Plex: when false, `get_activity` answers success with `data: {}` and
   * `server_status` says not connected, as Tautulli 2.17 does with Plex down.
   */
  plexReachable: boolean;
  /** Whether Tautulli has ever reached Plex: until then `get_server_info` has empty version and platform. */
  metPlex: boolean;
  /** After `restart`/`update`, stay down for good (a Tautulli run without a supervisor to start it again). */
  restartExits: boolean;
  restarts: number;
  updates: number;
  /** Every stream `terminate_session` stopped, with the message sent to the player, for tests. */
  terminations: Array<{ sessionId: string; sessionKey: string; message: string }>;
  /** Downtime after `restart`/`update` during which the port is closed (0 = none). */
  restartDowntimeMs: number;
  random: SeededRandom;
}

export interface TautulliSimulatorOptions extends PlexWorldOptions {
  /** The Plex world to describe; pass the Plex simulator's `state.world` for a coherent pair. */
  world?: PlexWorld;
  apiKey?: string;
  apiEnabled?: boolean;
  restartDowntimeMs?: number;
  plexReachable?: boolean;
  metPlex?: boolean;
  restartExits?: boolean;
}

export function createTautulliState(options: TautulliSimulatorOptions): TautulliState {
  const world = options.world ?? createPlexWorld(options);
  return {
    world,
    apiKey: options.apiKey ?? DEFAULT_TAUTULLI_API_KEY,
    apiEnabled: options.apiEnabled ?? true,
    version: 'v2.17.2',
    pmsConnected: true,
    plexReachable: options.plexReachable ?? true,
    metPlex: options.metPlex ?? true,
    restartExits: options.restartExits ?? false,
    restarts: 0,
    updates: 0,
    terminations: [],
    restartDowntimeMs: options.restartDowntimeMs ?? 0,
    random: new SeededRandom(world.seed ^ 0x7a07),
  };
}
