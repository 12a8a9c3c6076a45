import type { SeerrUser } from '../seerr/seerr.types';
import { localSignIn, NO_SIGN_IN, seerrSignIn } from './sign-in';
import type { NewRunUser } from './sync-run.store';
import type { SyncPlan } from './sync-plan.types';

/**
 * Adds to each per-user outcome of a run how that person signs in to Seerr: created accounts by the
 * planned e-mail (else the user name), others as their Seerr account says. A create that made no
 * account has no sign-in. Passwords are never part of it.
 */
export function withSignIn(
  plan: SyncPlan,
  seerrUsers: readonly SeerrUser[],
): (user: NewRunUser) => NewRunUser {
  const creates = new Map(plan.creates.map((c) => [c.username, c]));
  const byId = new Map(seerrUsers.map((u) => [u.id, u]));
  return (user) => {
    if (user.action === 'create') {
      const planned = creates.get(user.username);
      const signIn =
        planned && user.seerr_id !== null && user.seerr_id !== undefined
          ? localSignIn(planned.email, planned.username)
          : NO_SIGN_IN;
      return { ...user, ...signIn, settings_from: planned?.settings_from ?? null };
    }
    const account =
      user.seerr_id === null || user.seerr_id === undefined ? undefined : byId.get(user.seerr_id);
    return { ...user, ...(account ? seerrSignIn(account) : NO_SIGN_IN) };
  };
}
