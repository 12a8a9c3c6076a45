import type { MediaUser } from '../../../server/media-servers/media-server.types';
import type { SeerrUser } from '../../../server/seerr/seerr.types';
import type { PlanInput, PlanServer } from '../../../server/sync/sync-plan.types';

export function media(username: string, extra: Partial<MediaUser> = {}): MediaUser {
  return {
    id: username,
    username,
    email: null,
    disabled: false,
    managed: false,
    admin: false,
    owner: false,
    ...extra,
  };
}

export function seerr(id: number, extra: Partial<SeerrUser> = {}): SeerrUser {
  const username = extra.username === undefined ? `user${id}` : extra.username;
  return {
    id,
    email: extra.email ?? username ?? `user${id}@example.test`,
    username,
    plexUsername: null,
    jellyfinUsername: null,
    displayName: username ?? extra.plexUsername ?? extra.jellyfinUsername ?? `user${id}`,
    userType: 2,
    permissions: 32,
    movieQuotaLimit: null,
    movieQuotaDays: null,
    tvQuotaLimit: null,
    tvQuotaDays: null,
    requestCount: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export const OWNER = seerr(1, {
  username: null,
  plexUsername: 'owner',
  email: 'owner@example.test',
  permissions: 2,
});

export function server(
  name: string,
  users: MediaUser[] | Error,
  extra: Partial<PlanServer> = {},
): PlanServer {
  return {
    name,
    type: 'plex',
    password_suffix: '!suffix',
    request_limit: 5,
    read: users instanceof Error ? { ok: false, error: users.message } : { ok: true, users },
    ...extra,
  };
}

export function input(
  extra: Omit<Partial<PlanInput>, 'options'> & { options?: Partial<PlanInput['options']> } = {},
): PlanInput {
  return {
    servers: extra.servers ?? [],
    seerrUsers: extra.seerrUsers ?? [OWNER],
    userSettings: extra.userSettings ?? {},
    options: {
      removeMissing: false,
      defaultPermissions: null,
      deletionCap: null,
      quotaDays: 7,
      force: false,
      ...extra.options,
    },
  };
}

/** Seerr users with the quota a server with request_limit 5 and 7 days wants. */
export const IN_LINE = { movieQuotaLimit: 5, movieQuotaDays: 7, tvQuotaLimit: 5, tvQuotaDays: 7 };
