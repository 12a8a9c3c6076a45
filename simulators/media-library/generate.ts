import { SeededRandom } from '../core/random';
import { people as worldPeople } from '../world';
import {
  DEFAULT_LIBRARIES,
  DEFAULT_PLEX_OWNER,
  plexAccountIds,
  plexAvatar,
  type Device,
  type MediaItem,
  type MediaUser,
  type PlexWorld,
  type PlexWorldOptions,
} from './model';
import { addHistory } from './history';
import { buildLibrary } from './library';
import { DEVICE_TEMPLATES } from './names';

const DAY = 86_400;

/** Builds a Plex world deterministically from the seed and sizes (a few ms for the default sizes). */
export function createPlexWorld(options: PlexWorldOptions = {}): PlexWorld {
  const seed = options.seed ?? 1;
  const random = new SeededRandom(seed);
  const clock = options.clock ?? Date.now;
  const startedAt = options.startedAt ?? clock();
  const nowS = Math.floor(startedAt / 1000);
  const ownerPerson = options.owner ?? DEFAULT_PLEX_OWNER;
  const persons = options.people ?? worldPeople(options.users ?? 11);
  const ids = plexAccountIds([ownerPerson, ...persons]);

  let deviceId = 1;
  const makeDevices = (): Device[] =>
    Array.from({ length: random.int(1, 2) }, () => {
      const t = random.pick(DEVICE_TEMPLATES);
      const local = random.chance(0.5);
      return {
        id: deviceId++,
        clientId: random.hex(24),
        ...t,
        address: local ? `192.168.1.${random.int(20, 250)}` : `198.51.100.${random.int(2, 250)}`,
        publicAddress: local ? '203.0.113.20' : `198.51.100.${random.int(2, 250)}`,
        local,
      };
    });
  const users: MediaUser[] = [ownerPerson, ...persons].map((p, i) => ({
    accountId: i === 0 ? 1 : ids[i],
    plexId: ids[i],
    username: p.username,
    email: p.email,
    title: p.username,
    displayName: p.displayName,
    thumb: plexAvatar(random, nowS - random.int(30, 900) * DAY),
    isOwner: i === 0,
    devices: makeDevices(),
  }));

  const items = new Map<string, MediaItem>();
  let nextKey = 1000;
  const libraries = (options.libraries ?? DEFAULT_LIBRARIES).map((spec, i) =>
    buildLibrary(spec, String(i + 1), random, nowS, () => String(nextKey++), items),
  );
  const playable: MediaItem[] = [];
  for (const lib of libraries)
    for (const type of ['movie', 'episode', 'track'] as const)
      playable.push(...(lib.itemsByType.get(type) ?? []));

  const world: PlexWorld = {
    seed,
    startedAt,
    clock,
    server: {
      friendlyName: 'Seedbox',
      machineIdentifier: random.hex(40),
      version: '1.41.3.9314-a0bfb8370',
      platform: 'Linux',
      platformVersion: '6.1.0-18-amd64',
      plexPass: true,
      address: '127.0.0.1',
      port: 32400,
      ...options.server,
    },
    owner: users[0],
    users,
    usersByAccount: new Map(users.map((u) => [u.accountId, u])),
    libraries,
    librariesByKey: new Map(libraries.map((l) => [l.key, l])),
    items,
    playable,
    history: [],
    sessionSlots: options.sessions ?? 3,
    sessionPeriodMs: options.sessionPeriodMs ?? 20 * 60_000,
    terminated: new Map(),
  };
  addHistory(world, random, options.historySize ?? 1500);
  return world;
}
