import type { SeerrUser } from '../seerr/seerr.types';
import type { MergedPerson } from './sync-plan.types';

/** The names a Seerr user can be known by; Plex- and Jellyfin-linked users have no `username`. */
export function seerrNames(user: SeerrUser): string[] {
  return [user.username, user.plexUsername, user.jellyfinUsername, user.displayName, user.email]
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map((n) => n.trim().toLowerCase());
}

/**
 * Finds the Seerr account of a media-server person by e-mail, plexUsername, jellyfinUsername,
 * username or display name, case-insensitively, so a person Seerr already has is never created twice.
 * Each Seerr user is matched at most once.
 */
export class SeerrMatcher {
  private readonly byEmail = new Map<string, SeerrUser>();
  private readonly byName = new Map<string, SeerrUser>();
  private readonly claimed = new Set<number>();

  constructor(users: SeerrUser[]) {
    // Earlier (lower id) users win ties, so the owner and older accounts are preferred.
    for (const user of [...users].sort((a, b) => a.id - b.id)) {
      const email = user.email?.trim().toLowerCase();
      if (email && !this.byEmail.has(email)) this.byEmail.set(email, user);
      for (const name of seerrNames(user)) if (!this.byName.has(name)) this.byName.set(name, user);
    }
  }

  match(person: MergedPerson): SeerrUser | undefined {
    const candidates = [
      person.email ? this.byEmail.get(person.email.toLowerCase()) : undefined,
      this.byName.get(person.key),
      this.byEmail.get(person.key),
    ];
    const found = candidates.find((u) => u !== undefined && !this.claimed.has(u.id));
    if (found) this.claimed.add(found.id);
    return found;
  }

  isClaimed(user: SeerrUser): boolean {
    return this.claimed.has(user.id);
  }
}
