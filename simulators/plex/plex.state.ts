import { createPlexWorld, DEFAULT_PLEX_TOKEN, type PlexWorld, type PlexWorldOptions } from '../media-library';
import { container, type PlexNode } from './plex.format';

export const DEFAULT_PMS_TOKEN = DEFAULT_PLEX_TOKEN;

/** A background job shown at `/activities` (library scans, database optimisation). */
export interface PlexActivity {
  uuid: string;
  type: string;
  title: string;
  subtitle: string;
  /** Wall-clock ms. */
  startedAt: number;
  durationMs: number;
  sectionKey?: string;
}

export interface PlexState {
  world: PlexWorld;
  /** The owner's token (PMS accepts the owner's plex.tv token). */
  token: string;
  /** PMS "List of IP addresses and networks that are allowed without auth". */
  allowNoToken: boolean;
  scanMs: number;
  activities: PlexActivity[];
  /** Every scan request, for tests: section key ("all" for all), `force`, optional `path`. */
  scans: Array<{ key: string; force: boolean; path?: string; at: number }>;
  optimizations: number;
  /** Every stream `/status/sessions/terminate` stopped, with the reason shown to the player, for tests. */
  terminations: Array<{ sessionId: string; reason: string }>;
  activitySeq: number;
}

export interface PlexSimulatorOptions extends PlexWorldOptions {
  /** Share a world with a Tautulli simulator; generated from the other options when absent. */
  world?: PlexWorld;
  token?: string;
  allowNoToken?: boolean;
  /** How long a library scan keeps `refreshing` true. */
  scanMs?: number;
}

export function createPlexState(options: PlexSimulatorOptions): PlexState {
  return {
    world: options.world ?? createPlexWorld(options),
    token: options.token ?? DEFAULT_PMS_TOKEN,
    allowNoToken: options.allowNoToken ?? false,
    scanMs: options.scanMs ?? 5000,
    activities: [],
    scans: [],
    optimizations: 0,
    terminations: [],
    activitySeq: 0,
  };
}

export function startActivity(
  state: PlexState,
  activity: Omit<PlexActivity, 'uuid' | 'startedAt'>,
): PlexActivity {
  const n = (++state.activitySeq).toString(16).padStart(12, '0');
  const started: PlexActivity = {
    uuid: `5c1e0a4b-7d2f-4e3a-9b8c-${n}`,
    startedAt: state.world.clock(),
    ...activity,
  };
  state.activities.push(started);
  return started;
}

export function activitiesNode(state: PlexState, now: number, empty: boolean): PlexNode {
  state.activities = state.activities.filter((a) => now < a.startedAt + a.durationMs);
  const shown = empty ? [] : state.activities;
  return container(
    { size: shown.length },
    shown.map((a) => ({
      tag: 'Activity',
      attrs: {
        uuid: a.uuid,
        type: a.type,
        cancellable: true,
        userID: 1,
        title: a.title,
        subtitle: a.subtitle,
        progress: Math.floor(((now - a.startedAt) / a.durationMs) * 100),
      },
      children: a.sectionKey
        ? [{ tag: 'Context', single: true, attrs: { librarySectionID: a.sectionKey } }]
        : [],
    })),
  );
}
