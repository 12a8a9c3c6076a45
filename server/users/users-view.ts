import type { PanelConfig } from '../config/config.schema';
import { getUserSetting } from '../config/user-settings';
import type { MediaServerRead } from '../media-servers/media-server.types';
import { SEERR_USER_TYPES, type SeerrUser } from '../seerr/seerr.types';
import { mergePeople } from '../sync/merge-people';
import { NO_SIGN_IN, signInRule } from '../sync/sign-in';
import { toPlanServers } from '../sync/sync-planner.service';
import type { PlannedPerson, SyncPlan } from '../sync/sync-plan.types';
import { shownAt, type ShownLists, type UserLists } from '../sync/user-lists.types';
import type { DetailedUserDto, DetailedUsersDto } from './users.dto';

export interface UsersViewInput {
  lists: UserLists;
  /** The lists shown: failed reads replaced by their last good lists (`shownLists`). */
  shown: ShownLists;
  /** Made from the shown lists; null when Seerr could not be read and no earlier list is known. */
  plan: SyncPlan | null;
  config: PanelConfig;
  /** Lower-case user name → why Seerr rejected their create in the last run. */
  rejected: ReadonlyMap<string, string>;
}

/**
 * With Seerr unreadable and no earlier list of it, the media-server people are still shown, each with
 * the reason their Seerr columns are unknown (disabled people keep theirs). Nothing is planned from
 * this, deletions least of all.
 */
function peopleWithoutSeerr(servers: MediaServerRead[], error: string): PlannedPerson[] {
  const { people, disabled } = mergePeople(toPlanServers(servers));
  const unknown = `Seerr could not be read (${error}): whether they are synced is unknown`;
  return [
    ...people.map((p) => ({
      ...p,
      seerr_id: null,
      status: 'unknown' as const,
      reason: unknown,
      ...NO_SIGN_IN,
    })),
    ...disabled.map((p) => ({
      ...p,
      seerr_id: null,
      status: 'skipped' as const,
      reason: `Disabled on ${p.sources.join(' and ')}`,
      ...NO_SIGN_IN,
    })),
  ];
}

/**
 * The Users page: one row per person, from the cached lists and the plan made of them. An upstream that
 * failed after a good read is shown from that read, and the answer says so (`seerr_stale`, `stale_servers`).
 */
export function usersView({ lists, shown, plan, config, rejected }: UsersViewInput): DetailedUsersDto {
  const { seerr } = lists;
  const seerrError = seerr.ok ? null : seerr.error;
  const seerrKnown = shown.seerrUsers !== null;
  const seerrById = new Map((shown.seerrUsers ?? []).map((u) => [u.id, u]));
  const serverByName = new Map(config.media_servers.map((s) => [s.name, s]));
  const people = plan ? plan.people : peopleWithoutSeerr(shown.servers, seerrError ?? 'unknown');
  const users = people.map((p): DetailedUserDto => {
    const key = p.username.toLowerCase();
    const setting = getUserSetting(config.user_settings, key) ?? {};
    const server = p.sources.length ? serverByName.get(p.sources[0]) : undefined;
    const account = p.seerr_id === null ? undefined : seerrById.get(p.seerr_id);
    const failedBefore = rejected.get(key);
    // A local account of someone on a media server was (or will be) made by the sync with its rule.
    const madeBySync =
      server &&
      !setting.added_by_hand &&
      (p.status === 'create' || account?.userType === SEERR_USER_TYPES.LOCAL);
    return {
      username: p.username,
      email: p.email,
      sources: p.sources,
      types: p.types,
      synced: p.status === 'synced' && p.sources.length > 0,
      seerr_id: p.seerr_id,
      request_count: seerrKnown ? (account?.requestCount ?? 0) : null,
      sign_in: p.sign_in,
      sign_in_method: p.sign_in_method,
      password_rule: signInRule(
        p,
        madeBySync ? { server: server.name, suffix: server.password_suffix } : null,
      ),
      seerr_quota: account ? quotaOf(account) : null,
      blocked: setting.blocked === true,
      immune: setting.immune === true,
      added_by_hand: setting.added_by_hand === true,
      password_suffix: server?.password_suffix ?? null,
      request_limit: server?.request_limit ?? null,
      status: p.status,
      reason:
        p.status === 'create' && failedBefore
          ? `Seerr rejected it in the last run: ${failedBefore}`
          : p.reason,
    };
  });
  return {
    users,
    server_errors: lists.servers.flatMap((r) => (r.ok ? [] : [`${r.server.name}: ${r.error}`])),
    stale_servers: lists.servers.flatMap((r) =>
      r.ok || !r.last_good ? [] : [{ name: r.server.name, read_at: r.last_good.read_at }],
    ),
    seerr_error: seerrError,
    seerr_stale: !seerr.ok && seerrKnown,
    seerr_read_at: seerrKnown ? shownAt(seerr) : null,
    read_at: lists.read_at,
  };
}

function quotaOf(user: SeerrUser): DetailedUserDto['seerr_quota'] {
  return {
    movie_limit: user.movieQuotaLimit,
    movie_days: user.movieQuotaDays,
    tv_limit: user.tvQuotaLimit,
    tv_days: user.tvQuotaDays,
  };
}
