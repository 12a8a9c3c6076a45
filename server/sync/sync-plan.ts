import { getUserSetting } from '../config/user-settings';
import { isManager, type SeerrUser } from '../seerr/seerr.types';
import { mergePeople } from './merge-people';
import { SeerrMatcher, seerrNames } from './seerr-matcher';
import { localSignIn, NO_SIGN_IN, seerrSignIn, type SignIn } from './sign-in';
import type {
  MergedPerson,
  PlanGuard,
  PlanInput,
  PlannedCreate,
  PlannedDeletion,
  PlannedPerson,
  PlannedSkip,
  PlannedUpdate,
  PlanServer,
  Quota,
  SyncPlan,
} from './sync-plan.types';

/** Seerr's own minimum for passwords changed later; creation accepts shorter ones. */
export const SEERR_MIN_PASSWORD = 8;

export function defaultDeletionCap(seerrUsers: number): number {
  return Math.max(5, Math.ceil(seerrUsers * 0.1));
}

function sameQuota(user: SeerrUser, quota: Quota): boolean {
  return (
    user.movieQuotaLimit === quota.limit &&
    user.tvQuotaLimit === quota.limit &&
    user.movieQuotaDays === quota.days &&
    user.tvQuotaDays === quota.days
  );
}

function currentQuota(user: SeerrUser): Quota | null {
  return user.movieQuotaLimit === null
    ? null
    : { limit: user.movieQuotaLimit, days: user.movieQuotaDays ?? 0 };
}

/**
 * Why no deletion may happen this run: a server that failed or answered no users looks like "everyone
 * left". The Plex owner the panel adds itself (`include_owner`) is not something the server returned.
 */
function deletionGuard(servers: PlanServer[]): string | null {
  const reasons = servers.flatMap((s) => {
    if (!s.read.ok) return [`${s.name} could not be read (${s.read.error})`];
    if (!s.read.users.some((u) => !u.owner)) {
      return [`${s.name} returned no users${s.read.users.length ? ' besides its owner' : ''}`];
    }
    return [];
  });
  return reasons.length ? `No deletions this run: ${reasons.join('; ')}.` : null;
}

/**
 * The whole sync as a pure function: who to create in Seerr, whose quotas to correct, whom to delete,
 * and who is left alone and why. Nothing here talks to a server; the engine carries the plan out.
 */
export function planSync(input: PlanInput): SyncPlan {
  const { servers, seerrUsers, userSettings, options } = input;
  const { people: merged, disabled, skips } = mergePeople(servers);
  const serverByName = new Map(servers.map((s) => [s.name, s]));
  const matcher = new SeerrMatcher(seerrUsers, [...merged, ...disabled]);
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  const people: PlannedPerson[] = [];
  const blockedAccounts = new Map<number, string>();
  let unchanged = 0;

  const row = (
    person: MergedPerson,
    seerr: SeerrUser | undefined,
    status: PlannedPerson['status'],
    reason: string | null,
    signIn: SignIn = seerr ? seerrSignIn(seerr) : NO_SIGN_IN,
  ) =>
    people.push({
      ...person,
      seerr_id: seerr?.id ?? null,
      status,
      reason,
      email: person.email ?? seerr?.email ?? null,
      ...signIn,
    });

  // Disabled on every server they are on: left alone, and their Seerr account is not "on no server".
  for (const person of disabled) {
    const match = matcher.match(person);
    const seerr = match.kind === 'one' ? match.user : undefined;
    const skip = skips.find((s) => s.code === 'disabled' && s.username === person.username);
    if (skip) skip.seerr_id = seerr?.id ?? null;
    row(person, seerr, 'skipped', skip?.reason ?? 'Disabled');
  }

  for (const person of merged) {
    const match = matcher.match(person);
    const seerr = match.kind === 'one' ? match.user : undefined;
    if (getUserSetting(userSettings, person.key)?.blocked) {
      const reason = 'Blocked in the panel: never synced';
      skips.push({ username: person.username, seerr_id: seerr?.id ?? null, code: 'blocked', reason });
      if (seerr) blockedAccounts.set(seerr.id, person.username);
      row(person, seerr, 'blocked', reason);
      continue;
    }
    if (match.kind === 'ambiguous') {
      const reason = `${match.reason}: not written until it is told apart`;
      skips.push({ username: person.username, seerr_id: null, code: 'ambiguous', reason });
      row(person, undefined, 'skipped', reason);
      continue;
    }
    const server = serverByName.get(person.sources[0]) as PlanServer;
    const quota =
      server.request_limit === undefined ? null : { limit: server.request_limit, days: options.quotaDays };
    if (seerr) {
      row(person, seerr, 'synced', null);
      if (!quota || sameQuota(seerr, quota)) {
        unchanged++;
      } else if (seerr.id === 1 || isManager(seerr.permissions)) {
        const reason = 'Seerr ignores request limits for its owner and administrators';
        skips.push({ username: person.username, seerr_id: seerr.id, code: 'quota-ignored', reason });
        unchanged++;
      } else {
        updates.push({
          username: person.username,
          seerr_id: seerr.id,
          quota_from: currentQuota(seerr),
          quota_to: quota,
          reason: `Request limit of ${server.name} is ${quota.limit} per ${quota.days} days`,
        });
      }
      continue;
    }
    const password = `${person.username}${server.password_suffix}`;
    creates.push({
      username: person.username,
      email: person.email,
      sources: person.sources,
      settings_from: server.name,
      password,
      weak_password: password.length < SEERR_MIN_PASSWORD,
      permissions: options.defaultPermissions,
      quota,
    });
    row(
      person,
      undefined,
      'create',
      'Not in Seerr yet: the next sync creates the account',
      localSignIn(person.email, person.username),
    );
  }

  const flagged = (user: SeerrUser, flag: 'immune' | 'added_by_hand') =>
    seerrNames(user).some((name) => getUserSetting(userSettings, name)?.[flag] === true);
  // With a server unreadable, "on no media server" may be wrong: the person could be on that one.
  const unreadable = servers.filter((s) => !s.read.ok).map((s) => s.name);
  const missing = unreadable.length
    ? `On none of the media servers that answered (${unreadable.join(', ')} could not be read)`
    : 'On no media server';
  const guardReason = deletionGuard(servers);
  const deletions: PlannedDeletion[] = [];
  for (const user of seerrUsers) {
    const blockedName = blockedAccounts.get(user.id);
    if (matcher.isClaimed(user) && blockedName === undefined) continue;
    const username = blockedName ?? user.displayName;
    const why = blockedName ? 'Blocked in the panel' : missing;
    let skip: PlannedSkip | undefined;
    if (user.id === 1)
      skip = {
        username,
        seerr_id: user.id,
        code: 'owner',
        reason: `${why}, but the Seerr owner is never deleted`,
      };
    else if (isManager(user.permissions))
      skip = {
        username,
        seerr_id: user.id,
        code: 'admin',
        reason: `${why}, but Seerr administrators are never deleted`,
      };
    else if (flagged(user, 'immune'))
      skip = { username, seerr_id: user.id, code: 'immune', reason: `${why}, but immune` };
    else if (!blockedName && flagged(user, 'added_by_hand'))
      skip = {
        username,
        seerr_id: user.id,
        code: 'added-by-hand',
        reason: `${why}, but added by hand in the panel (mark it removable on the Users page to let a sync delete it)`,
      };
    else if (!options.removeMissing)
      skip = { username, seerr_id: user.id, code: 'removal-off', reason: `${why}; removal is off` };
    else if (guardReason) skip = { username, seerr_id: user.id, code: 'server-failed', reason: guardReason };
    if (skip) skips.push(skip);
    else deletions.push({ username, seerr_id: user.id, reason: `${why}; removal is on` });
    if (!blockedName) {
      people.push({
        username,
        email: user.email,
        sources: [],
        types: [],
        seerr_id: user.id,
        status: skip ? 'skipped' : 'synced',
        reason: skip?.reason ?? 'On no media server: the next sync with removal on deletes it',
        ...seerrSignIn(user),
      });
    }
  }

  const cap = options.deletionCap ?? defaultDeletionCap(seerrUsers.length);
  const guard: PlanGuard = {
    deletions_allowed: guardReason === null,
    reason: guardReason,
    cap,
    needs_approval: deletions.length > cap && !options.force,
  };
  const source_servers = Object.fromEntries(merged.map((p) => [p.key, p.sources]));
  const server_errors = servers.flatMap((s) => (s.read.ok ? [] : [{ server: s.name, error: s.read.error }]));
  return { creates, updates, deletions, skips, people, unchanged, guard, server_errors, source_servers };
}
