import type { SeededRandom } from '../core/random';
import type { Person } from '../world';

/**
 * The shared "Plex world": one media server's libraries, accounts, devices and play history,
 * generated from a seed. The Plex Media Server simulator and the Tautulli simulator both read
 * it, so Tautulli's activity/history describe exactly the server the Plex simulator serves.
 * Live sessions are a function of wall-clock time (see timeline.ts).
 */

export type LibraryType = 'movie' | 'show' | 'artist' | 'photo';
export type ItemType = 'movie' | 'show' | 'season' | 'episode' | 'artist' | 'album' | 'track' | 'photo';

/** Plex's numeric `type=` values (1 movie, 2 show, 3 season, 4 episode, 8 artist, 9 album, 10 track, 13 photo). */
export const PLEX_TYPE_NUMBERS: Readonly<Record<ItemType, number>> = {
  movie: 1,
  show: 2,
  season: 3,
  episode: 4,
  artist: 8,
  album: 9,
  track: 10,
  photo: 13,
};

/** Default owner token, shared by the plex.tv and Plex Media Server simulators (PMS accepts the owner's token). */
export const DEFAULT_PLEX_TOKEN = 'sim-plex-owner-token-0001';
export const DEFAULT_PLEX_OWNER: Person = {
  username: 'plexowner',
  email: 'plexowner@example.test',
  displayName: 'Plex Owner',
};

export interface LibrarySpec {
  title: string;
  type: LibraryType;
  /** Top-level items: movies, shows, artists or photos. */
  size: number;
}

export interface MediaPart {
  id: number;
  partId: number;
  container: string;
  videoCodec?: string;
  audioCodec: string;
  videoResolution?: string;
  bitrate: number;
  file: string;
  size: number;
}

export interface MediaItem {
  ratingKey: string;
  type: ItemType;
  title: string;
  librarySectionID: string;
  year: number;
  /** Milliseconds (0 for containers). */
  duration: number;
  originallyAvailableAt: string;
  addedAt: number;
  thumb: string;
  guid: string;
  index?: number;
  parentIndex?: number;
  parentRatingKey?: string;
  grandparentRatingKey?: string;
  parentTitle?: string;
  grandparentTitle?: string;
  childCount?: number;
  leafCount?: number;
  media?: MediaPart;
}

export interface Library {
  key: string;
  title: string;
  type: LibraryType;
  agent: string;
  scanner: string;
  language: string;
  uuid: string;
  createdAt: number;
  updatedAt: number;
  scannedAt: number;
  contentChangedAt: number;
  hidden: number;
  locationId: number;
  path: string;
  /** Wall-clock ms until which a scan runs (`refreshing` is true before it). */
  refreshingUntil: number;
  itemsByType: Map<ItemType, MediaItem[]>;
  durationTotal: number;
  storageTotal: number;
}

export interface MediaUser {
  /** PMS account id: 1 for the owner, the plex.tv account id for everyone else. */
  accountId: number;
  /** plex.tv account id (what Tautulli calls user_id). */
  plexId: number;
  username: string;
  email: string;
  /** Plex account title (the user name for normal accounts). */
  title: string;
  /** Tautulli's friendly name. */
  displayName: string;
  thumb: string;
  isOwner: boolean;
  devices: Device[];
}

export interface Device {
  id: number;
  clientId: string;
  name: string;
  product: string;
  platform: string;
  platformVersion: string;
  device: string;
  version: string;
  address: string;
  publicAddress: string;
  local: boolean;
}

export type TranscodeDecision = 'direct play' | 'copy' | 'transcode';

export interface HistoryEntry {
  id: number;
  item: MediaItem;
  user: MediaUser;
  device: Device;
  /** Unix seconds. Plex's `viewedAt` is `stopped`. */
  started: number;
  stopped: number;
  pausedSeconds: number;
  /** Position reached, ms. */
  viewOffset: number;
  decision: TranscodeDecision;
}

export interface PlexServerInfo {
  friendlyName: string;
  machineIdentifier: string;
  version: string;
  platform: string;
  platformVersion: string;
  plexPass: boolean;
  address: string;
  port: number;
}

export interface PlexWorld {
  seed: number;
  /** Wall-clock ms when the world was made; static history lies before it, sessions run after it. */
  startedAt: number;
  clock: () => number;
  server: PlexServerInfo;
  owner: MediaUser;
  users: MediaUser[];
  usersByAccount: Map<number, MediaUser>;
  libraries: Library[];
  librariesByKey: Map<string, Library>;
  items: Map<string, MediaItem>;
  /** Movies, episodes and tracks: what can be played. */
  playable: MediaItem[];
  /** Static history, newest first. */
  history: HistoryEntry[];
  sessionSlots: number;
  sessionPeriodMs: number;
  /** Sessions ended early by terminate: `${slot}:${seq}` → wall-clock ms. */
  terminated: Map<string, number>;
}

export interface PlexWorldOptions {
  seed?: number;
  libraries?: LibrarySpec[];
  historySize?: number;
  /** Concurrent session slots (0 = always idle). */
  sessions?: number;
  sessionPeriodMs?: number;
  /** Accounts other than the owner that play on this server. */
  users?: number;
  people?: Person[];
  owner?: Person;
  server?: Partial<PlexServerInfo>;
  clock?: () => number;
  startedAt?: number;
}

export const DEFAULT_LIBRARIES: readonly LibrarySpec[] = [
  { title: 'Movies', type: 'movie', size: 1200 },
  { title: 'TV Shows', type: 'show', size: 80 },
  { title: 'Music', type: 'artist', size: 40 },
];

/**
 * plex.tv account ids for a population, derived from the user name so that the plex.tv simulator
 * and the Plex world give the same person the same id. Collisions are probed linearly.
 */
export function plexAccountIds(persons: readonly Person[]): number[] {
  const used = new Set<number>();
  return persons.map((p) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < p.username.length; i++) h = Math.imul(h ^ p.username.charCodeAt(i), 0x01000193);
    let id = 10_000_000 + ((h >>> 0) % 80_000_000);
    while (used.has(id)) id++;
    used.add(id);
    return id;
  });
}

export function plexAvatar(random: SeededRandom, at: number): string {
  return `https://plex.tv/users/${random.hex(16)}/avatar?c=${at}`;
}
