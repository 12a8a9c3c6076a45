import type { PanelConfig } from '../server/config/config.schema';
import type { Simulator } from './core';
import { createDelugeSimulator, DELUGE_PASSWORD } from './deluge';
import { type DockerSimulator, startDockerSimulator } from './docker';
import { createEmbySimulator, DEFAULT_EMBY_API_KEY } from './emby';
import { createJellyfinSimulator, DEFAULT_JELLYFIN_API_KEY } from './jellyfin';
import { createPlexSimulator, DEFAULT_PMS_TOKEN } from './plex';
import { createPlexTvSimulator, DEFAULT_PLEXTV_TOKEN } from './plextv';
import { createQbittorrentSimulator, QBITTORRENT_PASSWORD, QBITTORRENT_USERNAME } from './qbittorrent';
import { createRtorrentSimulator, RTORRENT_PASSWORD, RTORRENT_USERNAME } from './rtorrent';
import { createSeerrSimulator, SEERR_API_KEY } from './seerr';
import { createTautulliSimulator, DEFAULT_TAUTULLI_API_KEY } from './tautulli';
import { createTransmissionSimulator, TRANSMISSION_PASSWORD, TRANSMISSION_USERNAME } from './transmission';
import { createUtorrentSimulator, UTORRENT_PASSWORD, UTORRENT_USERNAME } from './utorrent';
import { people } from './world';

/** Every credential of the world; tests of secret handling pass distinctive values. */
export interface StackCredentials {
  seerrApiKey: string;
  plexToken: string;
  plexTvToken: string;
  tautulliApiKey: string;
  jellyfinApiKey: string;
  embyApiKey: string;
  utorrent: { username: string; password: string };
  rtorrent: { username: string; password: string };
  qbittorrent: { username: string; password: string };
  transmission: { username: string; password: string };
  /** deluge-web has a password only. */
  deluge: { password: string };
}

export const DEFAULT_CREDENTIALS: StackCredentials = {
  seerrApiKey: SEERR_API_KEY,
  plexToken: DEFAULT_PMS_TOKEN,
  plexTvToken: DEFAULT_PLEXTV_TOKEN,
  tautulliApiKey: DEFAULT_TAUTULLI_API_KEY,
  jellyfinApiKey: DEFAULT_JELLYFIN_API_KEY,
  embyApiKey: DEFAULT_EMBY_API_KEY,
  // Passwords unlike any word of a sentence: the panel redacts every configured secret from its
  // messages, so a password such as "utorrent" would blank the client's name out of them.
  utorrent: { username: UTORRENT_USERNAME, password: `${UTORRENT_PASSWORD}-Demo-5e1f` },
  rtorrent: { username: RTORRENT_USERNAME, password: `${RTORRENT_PASSWORD}-Demo-2b7c` },
  qbittorrent: { username: QBITTORRENT_USERNAME, password: `${QBITTORRENT_PASSWORD}-Demo-9d04` },
  transmission: { username: TRANSMISSION_USERNAME, password: `${TRANSMISSION_PASSWORD}-Demo-61aa` },
  deluge: { password: `${DELUGE_PASSWORD}-Demo-3c8e` },
};

export interface StackOptions {
  host?: string;
  credentials?: StackCredentials;
  /** Listen on basePort, basePort+1, … (stable URLs for `npm run simulators`); ephemeral ports when unset. */
  basePort?: number;
  /**
   * Also start the Docker Engine simulator (on a Unix socket in a temporary directory) with the stack's
   * containers, and point the panel at it (`env.DOCKER_SOCKET`). Off by default: the tests that need an
   * engine start their own.
   */
  docker?: boolean;
}

/**
 * The demo's world: one population spread over three media servers that share some people, a Seerr
 * that already has local and linked accounts for some of them, a Plex whose sessions and history
 * Tautulli reports, and torrent clients of every kind with torrents in every state.
 */
export async function startSimulatorStack(options: StackOptions = {}) {
  const host = options.host ?? '127.0.0.1';
  const cred = options.credentials ?? DEFAULT_CREDENTIALS;
  let nextPort = options.basePort;
  const started: Array<{ name: string; sim: Simulator }> = [];
  const start = async <T extends Simulator>(name: string, sim: T): Promise<T> => {
    await sim.start(nextPort === undefined ? 0 : nextPort++, host);
    started.push({ name, sim });
    return sim;
  };

  const population = people(400);
  // Plex has people 0-199, Jellyfin 120-299, Emby 250-379: every pair of servers shares some people.
  const plexPeople = population.slice(0, 200);
  const jellyfinPeople = population.slice(120, 300);
  const embyPeople = population.slice(250, 380);

  const plex = createPlexSimulator({
    people: plexPeople.slice(0, 40),
    historySize: 1500,
    sessions: 4,
    token: cred.plexToken,
  });
  await start('Plex Media Server', plex.sim);
  const plexTv = createPlexTvSimulator({
    world: plex.state.world,
    worldUrl: plex.sim.url,
    people: plexPeople,
    managedUsers: 2,
    token: cred.plexTvToken,
  });
  await start('plex.tv', plexTv.sim);
  const tautulli = createTautulliSimulator({ world: plex.state.world, apiKey: cred.tautulliApiKey });
  await start('Tautulli', tautulli.sim);
  const jellyfin = await start(
    'Jellyfin',
    createJellyfinSimulator({ people: jellyfinPeople, apiKey: cred.jellyfinApiKey }),
  );
  const emby = await start('Emby', createEmbySimulator({ people: embyPeople, apiKey: cred.embyApiKey }));
  const seerr = await start(
    'Seerr',
    createSeerrSimulator({
      // In order: Plex-linked, Jellyfin-linked, then local accounts.
      people: [...population.slice(0, 60), ...population.slice(130, 160), ...population.slice(300, 325)],
      plexUsers: 60,
      jellyfinUsers: 30,
      localUsers: 25,
      requests: 300,
      apiKey: cred.seerrApiKey,
    }),
  );
  const utorrent = await start('uTorrent', createUtorrentSimulator({ torrents: 80, ...cred.utorrent }));
  const rtorrent = await start('rTorrent', createRtorrentSimulator({ torrents: 80, ...cred.rtorrent }));
  const qbittorrent = await start(
    'qBittorrent',
    createQbittorrentSimulator({ torrents: 40, ...cred.qbittorrent }),
  );
  const transmission = await start(
    'Transmission',
    createTransmissionSimulator({ torrents: 40, ...cred.transmission }),
  );
  // Connected to its daemon, as deluge-web is once a default daemon is set.
  const deluge = await start(
    'Deluge',
    createDelugeSimulator({ torrents: 40, connected: true, ...cred.deluge }),
  );
  // Kept apart from `simulators`: it listens on a socket, not a URL, and the fault checks walk that list.
  const docker: DockerSimulator | null = options.docker ? await startDockerSimulator() : null;

  const config = (admin: PanelConfig['admin']): PanelConfig => ({
    admin,
    seerr: { url: seerr.url, api_key: cred.seerrApiKey },
    media_servers: [
      {
        name: 'Plex',
        type: 'plex',
        url: plex.sim.url,
        token: cred.plexTvToken,
        enabled: true,
        password_suffix: '!Plex2026',
        request_limit: 10,
        machine_identifier: plex.state.world.server.machineIdentifier,
        include_owner: false,
      },
      {
        name: 'Jellyfin',
        type: 'jellyfin',
        url: jellyfin.url,
        token: cred.jellyfinApiKey,
        enabled: true,
        password_suffix: '!Jelly2026',
        request_limit: 5,
      },
      {
        name: 'Emby',
        type: 'emby',
        url: emby.url,
        token: cred.embyApiKey,
        enabled: true,
        password_suffix: '!Emby2026',
        request_limit: 3,
      },
    ],
    user_settings: {
      [population[3].username]: { blocked: true, immune: false, source_servers: ['Plex'] },
      [population[130].username]: { blocked: false, immune: true, source_servers: ['Plex', 'Jellyfin'] },
    },
    sync_interval_minutes: 0,
    plex: { url: plex.sim.url, token: cred.plexToken },
    tautulli: { url: tautulli.sim.url, api_key: cred.tautulliApiKey },
    utorrent: { url: `${utorrent.url}/gui/`, ...cred.utorrent },
    rutorrent: {
      url: rtorrent.url,
      ...cred.rtorrent,
      rpc_path: '/RPC2',
    },
    torrent_clients: [
      { name: 'Seedbox qBit', type: 'qbittorrent', url: qbittorrent.url, ...cred.qbittorrent },
      { name: 'Transmission', type: 'transmission', url: transmission.url, ...cred.transmission },
      { name: 'Deluge', type: 'deluge', url: deluge.url, ...cred.deluge },
    ],
  });

  return {
    simulators: started,
    plex,
    plexTv,
    tautulli,
    jellyfin,
    emby,
    seerr,
    utorrent,
    rtorrent,
    qbittorrent,
    transmission,
    deluge,
    /** A panel configuration pointing at every simulator. */
    config,
    /** The Docker Engine simulator, when asked for. */
    docker,
    /** Environment the panel needs to use the simulated plex.tv (and Docker) instead of the real ones. */
    env: {
      PLEX_TV_URL: plexTv.sim.url,
      ...(docker ? { DOCKER_SOCKET: docker.socketPath } : {}),
    } as Record<string, string>,
    stop: async () => {
      await Promise.all([...started.map(({ sim }) => sim.stop()), docker?.stop()]);
    },
  };
}

export type SimulatorStack = Awaited<ReturnType<typeof startSimulatorStack>>;
