import { SeededRandom } from '../core/random';
import {
  DEFAULT_PLEX_OWNER,
  DEFAULT_PLEX_TOKEN,
  plexAccountIds,
  plexAvatar,
  type PlexWorld,
} from '../media-library';
import { people as worldPeople, type Person } from '../world';

export const DEFAULT_PLEXTV_TOKEN = DEFAULT_PLEX_TOKEN;

export interface PlexTvSection {
  /** plex.tv's id of this section of this server (the same in every share). */
  id: number;
  key: string;
  title: string;
  type: string;
}

export interface PlexTvServer {
  name: string;
  machineIdentifier: string;
  serverId: number;
  accessToken: string;
  sections: PlexTvSection[];
  /** Where a client can reach it (the PMS simulator's URL in the demo); else invented LAN/WAN addresses. */
  url?: string;
  localAddress: string;
  publicAddress: string;
  port: number;
  productVersion: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface PlexTvShare {
  id: number;
  machineIdentifier: string;
  sectionKeys: string[];
  allLibraries: boolean;
  pending: boolean;
  invitedAt: number;
  acceptedAt?: number;
  accessToken: string;
}

export interface PlexTvUser {
  id: number;
  uuid: string;
  title: string;
  /** Empty for managed Home users. */
  username: string;
  email: string;
  thumb: string;
  protected: boolean;
  home: boolean;
  /** Managed (restricted) Home user. */
  restricted: boolean;
  allowSync: boolean;
  shares: PlexTvShare[];
}

export interface PlexTvOwner {
  id: number;
  uuid: string;
  username: string;
  title: string;
  friendlyName: string;
  email: string;
  thumb: string;
  joinedAt: number;
  homeSize: number;
}

export interface PlexTvState {
  token: string;
  owner: PlexTvOwner;
  users: PlexTvUser[];
  servers: PlexTvServer[];
  serversById: Map<string, PlexTvServer>;
}

export interface PlexTvServerSpec {
  name: string;
  machineIdentifier: string;
  url?: string;
  accessToken?: string;
  libraries?: Array<{ key: string; title: string; type: string }>;
}

export interface PlexTvSimulatorOptions {
  seed?: number;
  /** Friends (full plex.tv accounts), up to 10,000. */
  friends?: number;
  managedUsers?: number;
  /** The friends, explicitly (overrides `friends`). */
  people?: Person[];
  owner?: Person;
  servers?: PlexTvServerSpec[];
  /** Describe this Plex world's server (name, machine id, libraries) when `servers` is not given. */
  world?: PlexWorld;
  /** The PMS simulator's URL, used as the connection of the world's server. */
  worldUrl?: string;
  token?: string;
}

const MANAGED_TITLES = ['Kids', 'Guest Room', 'Grandma', 'Living Room', 'Teen', 'Nanny'];
const DEFAULT_SECTIONS = [
  { key: '1', title: 'Movies', type: 'movie' },
  { key: '2', title: 'TV Shows', type: 'show' },
  { key: '3', title: 'Music', type: 'artist' },
];

export function createPlexTvState(options: PlexTvSimulatorOptions = {}): PlexTvState {
  const random = new SeededRandom(options.seed ?? 1);
  const token = options.token ?? DEFAULT_PLEXTV_TOKEN;
  const now = Math.floor(Date.now() / 1000);
  const ownerPerson = options.owner ?? DEFAULT_PLEX_OWNER;
  const friends = options.people ?? worldPeople(options.friends ?? 25);
  const managedCount = options.managedUsers ?? 2;
  const managed = Array.from({ length: managedCount }, (_, i) => {
    const base = MANAGED_TITLES[i % MANAGED_TITLES.length];
    const title = i < MANAGED_TITLES.length ? base : `${base} ${Math.floor(i / MANAGED_TITLES.length) + 1}`;
    return { username: `managed:${title}`, email: '', displayName: title };
  });
  const ids = plexAccountIds([ownerPerson, ...friends, ...managed]);

  const specs: PlexTvServerSpec[] = options.servers ?? [
    options.world
      ? {
          name: options.world.server.friendlyName,
          machineIdentifier: options.world.server.machineIdentifier,
          url: options.worldUrl,
          libraries: options.world.libraries.map((l) => ({ key: l.key, title: l.title, type: l.type })),
        }
      : { name: 'Seedbox', machineIdentifier: random.hex(40) },
  ];
  let sectionId = 118_181_361;
  const servers = specs.map((s, i): PlexTvServer => ({
    name: s.name,
    machineIdentifier: s.machineIdentifier,
    serverId: 17_390_512 + i * 7919,
    accessToken: s.accessToken ?? token,
    sections: (s.libraries ?? DEFAULT_SECTIONS).map((l) => ({ ...l, id: sectionId++ })),
    url: s.url,
    localAddress: `192.168.1.${20 + i}`,
    publicAddress: '203.0.113.20',
    port: 32400 + i,
    productVersion: '1.41.3.9314-a0bfb8370',
    createdAt: now - random.int(200, 1500) * 86_400,
    lastSeenAt: now - random.int(0, 600),
  }));

  let shareId = 311_200_417;
  const share = (server: PlexTvServer, opts: { pending: boolean; all: boolean }): PlexTvShare => {
    const keys = server.sections.map((s) => s.key);
    const picked = opts.all ? keys : keys.filter((_, i) => i === 0 || random.chance(0.5));
    const invitedAt = now - random.int(10, 900) * 86_400;
    return {
      id: shareId++,
      machineIdentifier: server.machineIdentifier,
      sectionKeys: picked,
      allLibraries: opts.all,
      pending: opts.pending,
      invitedAt,
      acceptedAt: opts.pending ? undefined : invitedAt + random.int(60, 5 * 86_400),
      accessToken: `tok-${random.hex(20)}`,
    };
  };

  const users: PlexTvUser[] = friends.map((p, i) => {
    const shares: PlexTvShare[] = [];
    // About 1 friend in 12 has no access to any of the owner's servers (no `Server` child).
    if (!random.chance(0.08)) {
      shares.push(share(servers[0], { pending: random.chance(0.05), all: random.chance(0.6) }));
      for (const extra of servers.slice(1))
        if (random.chance(0.3))
          shares.push(share(extra, { pending: random.chance(0.05), all: random.chance(0.6) }));
    }
    return {
      id: ids[i + 1],
      uuid: random.hex(16),
      title: random.chance(0.2) ? p.displayName : p.username,
      username: p.username,
      email: p.email,
      thumb: plexAvatar(random, now - random.int(30, 900) * 86_400),
      protected: random.chance(0.1),
      home: false,
      restricted: false,
      allowSync: random.chance(0.5),
      shares,
    };
  });
  managed.forEach((m, i) => {
    users.push({
      id: ids[friends.length + 1 + i],
      uuid: random.hex(16),
      title: m.displayName,
      username: '',
      email: '',
      thumb: plexAvatar(random, now - random.int(30, 900) * 86_400),
      protected: random.chance(0.5),
      home: true,
      restricted: true,
      allowSync: false,
      shares: [share(servers[0], { pending: false, all: false })],
    });
  });

  return {
    token,
    owner: {
      id: ids[0],
      uuid: random.hex(16),
      username: ownerPerson.username,
      title: ownerPerson.username,
      friendlyName: ownerPerson.displayName,
      email: ownerPerson.email,
      thumb: plexAvatar(random, now - 400 * 86_400),
      joinedAt: 1_420_070_400,
      homeSize: 1 + managedCount,
    },
    users,
    servers,
    serversById: new Map(servers.map((s) => [s.machineIdentifier, s])),
  };
}
