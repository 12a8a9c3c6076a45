import { SeededRandom } from '../core/random';
import { DAY_MS, dotnetDate, guidN, nameRandom, SIM_EPOCH, UserDirectory } from '../mediabrowser';
import { people as worldPeople, type Person } from '../world';
import { embyUserJson } from './emby.dto';

export const DEFAULT_EMBY_SEED = 1;
export const DEFAULT_EMBY_USERS = 25;
export const DEFAULT_EMBY_API_KEY = 'c0ffee4b2e8d4a7f9b1e3d5c7a9f0e21';
export const DEFAULT_EMBY_VERSION = '4.8.11.0';
export const DEFAULT_EMBY_SERVER_NAME = 'emby-box';

export interface EmbySimulatorOptions {
  seed?: number;
  /** Number of users (ignored when `people` is given). */
  users?: number;
  /** Explicit population; user names are the people's `username`. */
  people?: Person[];
  apiKey?: string;
  version?: string;
  serverName?: string;
}

/** The policy fields that vary per user; the rest come from the server's defaults. */
export interface EmbyPolicyFlags {
  IsAdministrator: boolean;
  /** Hidden from the login screen — unrelated to ownership. */
  IsHidden: boolean;
  IsHiddenRemotely: boolean;
  IsHiddenFromUnusedDevices: boolean;
  IsDisabled: boolean;
  EnableRemoteAccess: boolean;
  EnableAllFolders: boolean;
  EnabledFolders: string[];
  SimultaneousStreamLimit: number;
  InvalidLoginAttemptCount: number;
}

export interface EmbyUser {
  Id: string;
  Name: string;
  /** Emby Connect link: the closest thing to an external identity (there is no e-mail). */
  ConnectUserName?: string;
  ConnectLinkType?: 'LinkedUser' | 'Guest';
  DateCreated: string;
  PrimaryImageTag?: string;
  HasPassword: boolean;
  EnableAutoLogin: boolean;
  LastLoginDate?: string;
  LastActivityDate?: string;
  Policy: EmbyPolicyFlags;
}

const collator = new Intl.Collator('en');

/**
 * Users, credentials and server identity of one simulated Emby server. Write through
 * `addUser`/`createUser`/`removeUser`, or call `touch()` after editing a user in place.
 */
export class EmbyState extends UserDirectory<EmbyUser> {
  readonly seed: number;
  readonly serverId: string;
  readonly serverName: string;
  readonly version: string;
  /** API keys: they act as administrator. */
  readonly apiKeys: Set<string>;
  readonly libraryIds: string[];

  constructor(options: EmbySimulatorOptions = {}) {
    super();
    this.seed = options.seed ?? DEFAULT_EMBY_SEED;
    this.version = options.version ?? DEFAULT_EMBY_VERSION;
    this.serverName = options.serverName ?? DEFAULT_EMBY_SERVER_NAME;
    const rng = new SeededRandom(this.seed ^ 0x454d4259);
    this.serverId = guidN(rng);
    this.libraryIds = [guidN(rng), guidN(rng), guidN(rng)];
    this.apiKeys = new Set([options.apiKey ?? DEFAULT_EMBY_API_KEY]);
    const population = options.people ?? worldPeople(options.users ?? DEFAULT_EMBY_USERS);
    population.forEach((p, i) => this.addUser(this.generate(p, i)));
  }

  /** Adds a user for `person` with generated fields, as the admin dashboard would. */
  createUser(person: Person, flags: Partial<EmbyPolicyFlags> = {}): EmbyUser {
    const user = this.generate(person, this.users.length);
    Object.assign(user.Policy, { IsAdministrator: false, IsDisabled: false }, flags);
    return this.addUser(user);
  }

  protected serialise(user: EmbyUser): string {
    return embyUserJson(user, this.serverId);
  }

  protected compare(a: EmbyUser, b: EmbyUser): number {
    return collator.compare(a.Name, b.Name);
  }

  private generate(person: Person, index: number): EmbyUser {
    const rng = nameRandom('emby', this.seed, person.username);
    let id = guidN(rng);
    while (this.hasId(id)) id = guidN(rng);
    // The first user set the server up; a few more admins and disabled accounts are spread evenly.
    const admin = index === 0 || index % 50 === 11;
    const hidden = index !== 0 && rng.chance(0.6);
    const created = SIM_EPOCH - rng.int(200, 1000) * DAY_MS;
    const neverLoggedIn = index > 0 && rng.chance(0.08);
    const lastLogin = SIM_EPOCH - rng.int(0, 180 * DAY_MS);
    const linked = rng.chance(0.1);
    const allFolders = admin || rng.chance(0.85);
    return {
      Id: id,
      Name: person.username,
      ConnectUserName: linked ? person.username : undefined,
      ConnectLinkType: linked ? 'LinkedUser' : undefined,
      DateCreated: dotnetDate(created),
      PrimaryImageTag: rng.chance(0.15) ? rng.hex(32) : undefined,
      HasPassword: index === 0 || rng.chance(0.95),
      EnableAutoLogin: false,
      LastLoginDate: neverLoggedIn ? undefined : dotnetDate(lastLogin, rng),
      LastActivityDate: neverLoggedIn
        ? undefined
        : dotnetDate(Math.min(SIM_EPOCH, lastLogin + rng.int(0, 3 * DAY_MS)), rng),
      Policy: {
        IsAdministrator: admin,
        IsHidden: hidden,
        IsHiddenRemotely: hidden || rng.chance(0.3),
        IsHiddenFromUnusedDevices: hidden,
        IsDisabled: !admin && index % 20 === 9,
        EnableRemoteAccess: index === 0 || rng.chance(0.9),
        EnableAllFolders: allFolders,
        EnabledFolders: allFolders ? [] : this.libraryIds.slice(0, rng.int(1, this.libraryIds.length)),
        SimultaneousStreamLimit: rng.chance(0.2) ? rng.int(1, 3) : 0,
        InvalidLoginAttemptCount: 0,
      },
    };
  }
}
