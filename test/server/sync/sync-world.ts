import { createEmbySimulator, DEFAULT_EMBY_API_KEY, type EmbySimulator } from '../../../simulators/emby';
import {
  createJellyfinSimulator,
  DEFAULT_JELLYFIN_API_KEY,
  type JellyfinSimulator,
} from '../../../simulators/jellyfin';
import {
  createPlexTvSimulator,
  DEFAULT_PLEXTV_TOKEN,
  type PlexTvSimulator,
} from '../../../simulators/plextv';
import { createSeerrSimulator, SEERR_API_KEY, type SeerrSimulator } from '../../../simulators/seerr';
import { people } from '../../../simulators/world';
import type { PanelConfig } from '../../../server/config/config.schema';
import { SyncService } from '../../../server/sync/sync.service';
import type { SyncRunDetailDto } from '../../../server/sync/sync.dto';
import { baseConfig, type TestPanel } from '../support/test-panel';

export interface SyncWorld {
  seerr: SeerrSimulator;
  plexTv: PlexTvSimulator;
  jellyfin: JellyfinSimulator;
  emby: EmbySimulator;
  config: PanelConfig;
  env: NodeJS.ProcessEnv;
  /** User names of the Seerr accounts on no media server. */
  strays: string[];
  stop(): Promise<void>;
}

export interface WorldOptions {
  /** Local Seerr users on no media server (deletion candidates). */
  strayLocals?: number;
  sync?: PanelConfig['sync'];
}

/**
 * Three media servers sharing people (Plex 0-9 plus a managed user, Jellyfin 5-14, Emby 12-19) and a
 * Seerr that already links people 0 and 1 (Plex) and 6 (Jellyfin), plus stray local users.
 */
export async function startSyncWorld(options: WorldOptions = {}): Promise<SyncWorld> {
  const population = people(60);
  const strays = population.slice(40, 40 + (options.strayLocals ?? 1));
  const seerr = createSeerrSimulator({
    people: [population[0], population[1], population[6], ...strays],
    plexUsers: 2,
    jellyfinUsers: 1,
    localUsers: strays.length,
    requests: 8,
  });
  const plexTv = createPlexTvSimulator({ people: population.slice(0, 10), managedUsers: 1 });
  const jellyfin = createJellyfinSimulator({ people: population.slice(5, 15) });
  const emby = createEmbySimulator({ people: population.slice(12, 20) });
  await Promise.all([seerr.start(), plexTv.sim.start(), jellyfin.start(), emby.start()]);
  const config = baseConfig({
    seerr: { url: seerr.url, api_key: SEERR_API_KEY },
    media_servers: [
      {
        name: 'Plex',
        type: 'plex',
        url: 'http://127.0.0.1:9',
        token: DEFAULT_PLEXTV_TOKEN,
        enabled: true,
        password_suffix: '!plex',
        request_limit: 4,
      },
      {
        name: 'Jelly',
        type: 'jellyfin',
        url: jellyfin.url,
        token: DEFAULT_JELLYFIN_API_KEY,
        enabled: true,
        password_suffix: '!jelly',
        request_limit: 2,
      },
      {
        name: 'Emby',
        type: 'emby',
        url: emby.url,
        token: DEFAULT_EMBY_API_KEY,
        enabled: true,
        password_suffix: '!emby',
        request_limit: 1,
      },
    ],
    sync: { default_permissions: 32 | 262144, quota_days: 7, ...options.sync },
  });
  return {
    seerr,
    plexTv,
    jellyfin,
    emby,
    config,
    env: { PLEX_TV_URL: plexTv.sim.url, UPSTREAM_TIMEOUT_MS: '3000' },
    strays: strays.map((p) => p.username),
    stop: async () => {
      await Promise.all([seerr.stop(), plexTv.sim.stop(), jellyfin.stop(), emby.stop()]);
    },
  };
}

/** The media-server people a full sync should create: active, named, not already in Seerr. */
export function expectedCreates(world: SyncWorld): string[] {
  const names = new Map<string, string>();
  const add = (name: string) => {
    if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  };
  // The Plex owner is listed too: the world's Plex entry leaves include_owner out, which means true.
  add(world.plexTv.state.owner.username);
  world.plexTv.state.users.filter((u) => u.username).forEach((u) => add(u.username));
  world.jellyfin.state.users.filter((u) => !u.Policy.IsDisabled).forEach((u) => add(u.Name));
  world.emby.state.users.filter((u) => !u.Policy.IsDisabled).forEach((u) => add(u.Name));
  const inSeerr = new Set(
    [...world.seerr.state.users.values()].flatMap((u) =>
      [u.username, u.plexUsername, u.jellyfinUsername, u.email]
        .filter(Boolean)
        .map((n) => String(n).toLowerCase()),
    ),
  );
  return [...names.entries()]
    .filter(([key]) => !inSeerr.has(key))
    .map(([, name]) => name)
    .sort();
}

/** Starts a sync over the API, waits for it to settle, and returns the stored run. */
export async function runToEnd(
  panel: TestPanel,
  token: string,
  body: Record<string, unknown> = {},
): Promise<SyncRunDetailDto> {
  const started = await panel.http().post('/api/sync').auth(token, { type: 'bearer' }).send(body).expect(202);
  await panel.app.get(SyncService).settled();
  const run = await panel
    .http()
    .get(`/api/sync/runs/${started.body.run_id}`)
    .auth(token, { type: 'bearer' })
    .expect(200);
  return run.body as SyncRunDetailDto;
}
