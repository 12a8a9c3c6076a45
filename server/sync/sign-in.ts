import { SEERR_USER_TYPES, type SeerrUser } from '../seerr/seerr.types';

export const SIGN_IN_METHODS = ['local', 'plex', 'jellyfin', 'emby'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** What a person types into Seerr's sign-in form, and which form they use. */
export interface SignIn {
  /** Local: the "E-mail" field. Plex/Jellyfin/Emby: their account name on that server. */
  sign_in: string | null;
  sign_in_method: SignInMethod | null;
}

export const NO_SIGN_IN: SignIn = { sign_in: null, sign_in_method: null };

/**
 * Seerr's local sign-in (`POST /auth/local`) looks the account up by e-mail only, and Seerr stores the
 * user name as the e-mail (lower-cased) of a local user created without one: so a local user created
 * with an e-mail signs in with the e-mail, never the user name.
 */
export function localSignIn(email: string | null | undefined, username: string): SignIn {
  const name = email?.trim() ? email.trim() : username.trim();
  return { sign_in: name.toLowerCase(), sign_in_method: 'local' };
}

/** How an existing Seerr account signs in: Plex and Jellyfin/Emby users through their media server. */
export function seerrSignIn(user: SeerrUser): SignIn {
  switch (user.userType) {
    case SEERR_USER_TYPES.PLEX:
      return { sign_in: user.plexUsername ?? user.displayName, sign_in_method: 'plex' };
    case SEERR_USER_TYPES.JELLYFIN:
      return { sign_in: user.jellyfinUsername ?? user.displayName, sign_in_method: 'jellyfin' };
    case SEERR_USER_TYPES.EMBY:
      return { sign_in: user.jellyfinUsername ?? user.displayName, sign_in_method: 'emby' };
    default:
      return { sign_in: user.email.trim().toLowerCase(), sign_in_method: 'local' };
  }
}

/** The password rule of accounts the sync creates: the user name followed by the server's suffix. */
export function passwordRule(server: string, suffix: string | null | undefined): string {
  return suffix
    ? `user name + the password suffix of ${server} ("${suffix}")`
    : `user name (${server} has no password suffix)`;
}

/** The rule a person's sign-in follows, for the credentials view; null when there is nothing to tell. */
export function signInRule(
  signIn: SignIn,
  createdBy: { server: string; suffix: string | null | undefined } | null,
): string | null {
  switch (signIn.sign_in_method) {
    case 'plex':
      return 'Sign in with Plex (their plex.tv account and password)';
    case 'jellyfin':
      return 'Sign in with Jellyfin (their Jellyfin user name and password)';
    case 'emby':
      return 'Sign in with Emby (their Emby user name and password)';
    case 'local':
      return createdBy
        ? `First password: ${passwordRule(createdBy.server, createdBy.suffix)}, unless changed since`
        : 'A Seerr password set in Seerr or on this page';
    default:
      return null;
  }
}
