import { createHash } from 'node:crypto';
import { SeededRandom } from '../core';
import { people as worldPeople, type Person } from '../world';
import { MediaServerType, Permission, UserType, type UserTypeValue } from './seerr.constants';
import type { SeerrUser } from './seerr.model';
import type { SeerrState } from './seerr.state';

export interface UserGenerationOptions {
  seed: number;
  localUsers: number;
  plexUsers: number;
  jellyfinUsers: number;
  people?: Person[];
  owner: Person;
}

const USERS_FROM = Date.UTC(2025, 0, 4, 9, 12, 44);
const USERS_SPAN = 365 * 86_400_000;

/** Seerr timestamps come back with whole seconds: `2025-01-04T09:12:44.000Z`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** gravatar-url: md5 of the trimmed, lower-cased address, `default=mm&size=200`. */
export function gravatar(email: string): string {
  const hash = createHash('md5').update(email.trim().toLowerCase()).digest('hex');
  return `https://gravatar.com/avatar/${hash}?default=mm&size=200`;
}

type Kind = 'plex' | 'jellyfin' | 'local';

/**
 * One user row, built as a single literal (10,000 of them must generate fast). Linked users carry their
 * media-server name and a null `username`, as Seerr stores users imported from Plex or Jellyfin.
 */
function makeUser(
  rng: SeededRandom,
  state: SeerrState,
  kind: Kind,
  who: Person,
  createdAt: string,
): SeerrUser {
  const plex = kind === 'plex';
  const jellyfin = kind === 'jellyfin';
  const jellyfinUserId = jellyfin ? rng.hex(32) : null;
  const emby = state.settings.main.mediaServerType === MediaServerType.EMBY;
  const userType: UserTypeValue = plex
    ? UserType.PLEX
    : !jellyfin
      ? UserType.LOCAL
      : emby
        ? UserType.EMBY
        : UserType.JELLYFIN;
  // Jellyfin/Emby have no e-mail, so Seerr's import stores the media-server name as the e-mail.
  const email = jellyfin ? who.username : who.email;
  const avatar = plex
    ? `https://plex.tv/users/${rng.hex(16)}/avatar?c=${Math.floor(Date.parse(createdAt) / 1000)}`
    : jellyfin
      ? `/avatarproxy/${jellyfinUserId}?v=${rng.int(1e9, 2e9)}`
      : gravatar(who.email);
  return {
    id: 0,
    email,
    plexUsername: plex ? who.username : null,
    jellyfinUsername: jellyfin ? who.username : null,
    username: plex || jellyfin ? null : who.username,
    recoveryLinkExpirationDate: null,
    userType,
    plexId: plex ? rng.int(1e6, 9e7) : null,
    jellyfinUserId,
    permissions: state.settings.main.defaultPermissions,
    avatar,
    avatarETag: null,
    avatarVersion: null,
    movieQuotaLimit: null,
    movieQuotaDays: null,
    tvQuotaLimit: null,
    tvQuotaDays: null,
    createdAt,
    updatedAt: createdAt,
    password: plex || jellyfin ? null : `${who.username}-${rng.hex(6)}`,
    settings: { id: state.nextSettingsId++, locale: '' },
  };
}

function rollPermissions(rng: SeededRandom): number {
  const roll = rng.next();
  if (roll < 0.02) return Permission.ADMIN;
  if (roll < 0.07) return Permission.MANAGE_USERS | Permission.MANAGE_REQUESTS | Permission.REQUEST;
  if (roll < 0.15) return Permission.REQUEST | Permission.AUTO_APPROVE;
  return Permission.REQUEST;
}

export function generateUsers(state: SeerrState, options: UserGenerationOptions): void {
  const rng = new SeededRandom(options.seed);
  const ownerKind: Kind =
    state.settings.main.mediaServerType === MediaServerType.PLEX
      ? 'plex'
      : state.settings.main.mediaServerType === MediaServerType.NOT_CONFIGURED
        ? 'local'
        : 'jellyfin';
  const owner = makeUser(rng, state, ownerKind, options.owner, isoSeconds(USERS_FROM));
  owner.email = options.owner.email;
  owner.permissions = Permission.ADMIN;
  owner.password = null;
  state.addUser(owner);

  const kinds: Kind[] = [
    ...Array<Kind>(options.plexUsers).fill('plex'),
    ...Array<Kind>(options.jellyfinUsers).fill('jellyfin'),
    ...Array<Kind>(options.localUsers).fill('local'),
  ];
  const pool = options.people ?? worldPeople(kinds.length);
  let spare = pool.length;
  kinds.forEach((kind, i) => {
    let who = pool[i] ?? worldPeople(1, spare++)[0];
    while (state.userByEmail(kind === 'jellyfin' ? who.username : who.email))
      who = worldPeople(1, spare++)[0];
    const created = USERS_FROM + ((i + 1) / (kinds.length + 1)) * USERS_SPAN + rng.int(0, 3_600_000);
    const row = makeUser(rng, state, kind, who, isoSeconds(created));
    row.permissions = rollPermissions(rng);
    row.updatedAt = isoSeconds(created + rng.int(0, 30) * 86_400_000);
    if (kind === 'local' && rng.chance(0.3))
      Object.assign(row, { movieQuotaLimit: 5, movieQuotaDays: 7, tvQuotaLimit: 2, tvQuotaDays: 7 });
    state.addUser(row);
  });
}
