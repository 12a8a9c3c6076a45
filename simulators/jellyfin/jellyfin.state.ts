import { SeededRandom } from '../core/random';
import { DAY_MS, dotnetDate, guidN, nameRandom, SIM_EPOCH, UserDirectory } from '../mediabrowser';
import { people as worldPeople, type Person } from '../world';
import { jellyfinUserJson } from './jellyfin.dto';

export const DEFAULT_JELLYFIN_SEED = 1;
export const DEFAULT_JELLYFIN_USERS = 25;
/** Jellyfin API keys are GUIDs in "N" format. */
export const DEFAULT_JELLYFIN_API_KEY = '6f1d4c0b9a8e47d2b3c5a7e9f0d1c2b3';
/** 12.0 is the line where legacy authorization is off by default. */
export const DEFAULT_JELLYFIN_VERSION = '12.0.0';
export const DEFAULT_JELLYFIN_SERVER_NAME = 'jf-home';

export interface JellyfinSimulatorOptions {
  seed?: number;
  /** Number of users (ignored when `people` is given). */
  users?: number;
  /** Explicit population; user names are the people's `username`. */
  people?: Person[];
  apiKey?: string;
  /** Reported version; decides the default of `legacyAuth`. */
  version?: string;
  /**
   * `EnableLegacyAuthorization`: accept `X-Emby-Token`, `X-MediaBrowser-Token`, `X-Emby-Authorization`,
   * the `Emby` scheme and `?api_key=`. Defaults to true before 12.0 and false from 12.0 on.
   */
  legacyAuth?: boolean;
  serverName?: string;
}

/** The policy fields that vary per user; the rest come from the server's defaults. */
export interface JellyfinPolicyFlags {
  IsAdministrator: boolean;
  /** Hidden from the login screen — not "owner"; the policy model defaults it to true. */
  IsHidden: boolean;
  IsDisabled: boolean;
  EnableRemoteAccess: boolean;
  EnableAllFolders: boolean;
  EnabledFolders: string[];
  InvalidLoginAttemptCount: number;
  MaxActiveSessions: number;
}

export interface JellyfinUser {
  Id: string;
  Name: string;
  PrimaryImageTag?: string;
  HasPassword: boolean;
  EnableAutoLogin: boolean;
  LastLoginDate?: string;
  LastActivityDate?: string;
  Policy: JellyfinPolicyFlags;
}

const collator = new Intl.Collator('en');

export function jellyfinMajorMinor(version: string): number {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major * 1000 + minor;
}

/**
 * Users, credentials and server identity of one simulated Jellyfin server. Write through
 * `addUser`/`createUser`/`removeUser`, or call `touch()` after editing a user in place.
 */
export class JellyfinState extends UserDirectory<JellyfinUser> {
  readonly seed: number;
  readonly serverId: string;
  readonly serverName: string;
  readonly version: string;
  legacyAuth: boolean;
  /** API keys: they act as administrator with no user attached. */
  readonly apiKeys: Set<string>;
  /** Library folder ids, for users without `EnableAllFolders`. */
  readonly libraryIds: string[];

  constructor(options: JellyfinSimulatorOptions = {}) {
    super();
    this.seed = options.seed ?? DEFAULT_JELLYFIN_SEED;
    this.version = options.version ?? DEFAULT_JELLYFIN_VERSION;
    this.legacyAuth = options.legacyAuth ?? jellyfinMajorMinor(this.version) < 12000;
    this.serverName = options.serverName ?? DEFAULT_JELLYFIN_SERVER_NAME;
    const rng = new SeededRandom(this.seed ^ 0x4a454c4c);
    this.serverId = guidN(rng);
    this.libraryIds = [guidN(rng), guidN(rng), guidN(rng)];
    this.apiKeys = new Set([options.apiKey ?? DEFAULT_JELLYFIN_API_KEY]);
    const population = options.people ?? worldPeople(options.users ?? DEFAULT_JELLYFIN_USERS);
    population.forEach((p, i) => this.addUser(this.generate(p, i)));
  }

  /** Adds a user for `person` with generated fields, as the admin dashboard would. */
  createUser(person: Person, flags: Partial<JellyfinPolicyFlags> = {}): JellyfinUser {
    const user = this.generate(person, this.users.length);
    Object.assign(user.Policy, { IsAdministrator: false, IsDisabled: false }, flags);
    return this.addUser(user);
  }

  protected serialise(user: JellyfinUser): string {
    return jellyfinUserJson(user, this.serverId);
  }

  /** `OrderBy(u => u.Username)`: culture-aware, case-insensitive first. */
  protected compare(a: JellyfinUser, b: JellyfinUser): number {
    return collator.compare(a.Name, b.Name);
  }

  private generate(person: Person, index: number): JellyfinUser {
    const rng = nameRandom('jellyfin', this.seed, person.username);
    let id = guidN(rng);
    while (this.hasId(id)) id = guidN(rng);
    // The first user ran the startup wizard; a few more admins and disabled accounts are spread evenly.
    const admin = index === 0 || index % 50 === 7;
    const neverLoggedIn = index > 0 && rng.chance(0.08);
    const lastLogin = SIM_EPOCH - rng.int(0, 180 * DAY_MS);
    const allFolders = admin || rng.chance(0.85);
    return {
      Id: id,
      Name: person.username,
      PrimaryImageTag: rng.chance(0.15) ? rng.hex(32) : undefined,
      HasPassword: index === 0 || rng.chance(0.95),
      EnableAutoLogin: false,
      LastLoginDate: neverLoggedIn ? undefined : dotnetDate(lastLogin, rng),
      LastActivityDate: neverLoggedIn
        ? undefined
        : dotnetDate(Math.min(SIM_EPOCH, lastLogin + rng.int(0, 3 * DAY_MS)), rng),
      Policy: {
        IsAdministrator: admin,
        IsHidden: index !== 0 && rng.chance(0.7),
        IsDisabled: !admin && index % 20 === 3,
        EnableRemoteAccess: index === 0 || rng.chance(0.9),
        EnableAllFolders: allFolders,
        EnabledFolders: allFolders ? [] : this.libraryIds.slice(0, rng.int(1, this.libraryIds.length)),
        InvalidLoginAttemptCount: 0,
        MaxActiveSessions: 0,
      },
    };
  }
}
