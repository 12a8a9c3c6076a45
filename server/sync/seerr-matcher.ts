import type { SeerrUser } from '../seerr/seerr.types';
import type { MergedPerson } from './sync-plan.types';

/** The names a Seerr user can be known by; Plex- and Jellyfin-linked users have no `username`. */
export function seerrNames(user: SeerrUser): string[] {
  return [user.username, user.plexUsername, user.jellyfinUsername, user.displayName, user.email]
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map((n) => n.trim().toLowerCase());
}

/**
 * The names a person is matched against. An e-mail address is not a name (a display name that only
 * repeats it neither), but an "e-mail" without an @ is a user name Seerr stored as the e-mail of a
 * local or Jellyfin account created without one.
 */
function matchingNames(user: SeerrUser): string[] {
  const email = user.email?.trim().toLowerCase() ?? '';
  const isAddress = email.includes('@');
  return seerrNames(user).filter((name) => !(isAddress && name === email));
}

/** A person's Seerr account, none, or more than one candidate (then nothing is written for them). */
export type SeerrMatch =
  | { kind: 'none' }
  | { kind: 'one'; user: SeerrUser }
  | { kind: 'ambiguous'; reason: string; candidates: SeerrUser[] };

type Person = Pick<MergedPerson, 'key' | 'username' | 'email'>;

interface Candidates {
  name: SeerrUser[];
  email: SeerrUser[];
  weak: SeerrUser[];
}

const label = (u: SeerrUser) => `#${u.id} (${u.displayName || u.email})`;

function add(index: Map<string, SeerrUser[]>, key: string, user: SeerrUser): void {
  const list = index.get(key);
  if (!list) index.set(key, [user]);
  else if (!list.includes(user)) list.push(user);
}

/**
 * Finds the Seerr account of a media-server person, case-insensitively, so a person Seerr already has is
 * never created twice, and never the account of someone else:
 * - strongly, by the server's e-mail for the person, or by the user name against Seerr's names
 *   (username, plexUsername, jellyfinUsername, display name);
 * - a user name that is only some Seerr user's e-mail (`robin.smith@example.test` against "robin.smith")
 *   is no match but an ambiguity: it may or may not be them, and creating them would clash.
 * A match must be unambiguous across everyone given: several candidates, or an account another person
 * matches as well (a match by name outranks people who share only the e-mail), makes a person ambiguous.
 */
export class SeerrMatcher {
  private readonly byEmail = new Map<string, SeerrUser[]>();
  private readonly byName = new Map<string, SeerrUser[]>();
  /** Seerr user id → the people that match it by name, by their e-mail, or by a name that is its e-mail. */
  private readonly claims = {
    name: new Map<number, Set<string>>(),
    email: new Map<number, Set<string>>(),
    weak: new Map<number, Set<string>>(),
  };
  private readonly involved = new Set<number>();

  constructor(users: SeerrUser[], people: readonly Person[] = []) {
    for (const user of [...users].sort((a, b) => a.id - b.id)) {
      const email = user.email?.trim().toLowerCase();
      if (email) add(this.byEmail, email, user);
      for (const name of matchingNames(user)) add(this.byName, name, user);
    }
    for (const person of people) this.claim(person);
  }

  match(person: Person): SeerrMatch {
    this.claim(person);
    const result = this.decide(person, this.candidates(person));
    if (result.kind === 'one') this.involved.add(result.user.id);
    if (result.kind === 'ambiguous') for (const u of result.candidates) this.involved.add(u.id);
    return result;
  }

  /** Matched by someone, or a candidate of an ambiguous person: not to be deleted as "on no server". */
  isClaimed(user: SeerrUser): boolean {
    return this.involved.has(user.id);
  }

  private decide(person: Person, found: Candidates): SeerrMatch {
    const ambiguous = (reason: string, candidates: SeerrUser[]): SeerrMatch => ({
      kind: 'ambiguous',
      reason,
      candidates,
    });
    const others = (tier: keyof SeerrMatcher['claims'], user: SeerrUser) =>
      [...(this.claims[tier].get(user.id) ?? [])].filter((key) => key !== person.key);
    const strong = [...new Set([...found.name, ...found.email])];
    if (strong.length > 1)
      return ambiguous(`Matches several Seerr users: ${strong.map(label).join(', ')}`, strong);
    const [user] = strong;
    if (user) {
      // A match by name outranks people who share only the e-mail; two by name, or only e-mails, do not.
      const byName = found.name.includes(user);
      const rivals = byName
        ? others('name', user)
        : [...new Set([...others('name', user), ...others('email', user)])];
      if (rivals.length)
        return ambiguous(`Seerr user ${label(user)} also matches ${rivals.join(', ')}`, [user]);
      const alsoWeak = found.weak.filter((u) => u !== user);
      if (alsoWeak.length) {
        return ambiguous(
          `Matches Seerr user ${label(user)}, and its name is the e-mail of ${alsoWeak.map(label).join(', ')}`,
          [user, ...alsoWeak],
        );
      }
      return { kind: 'one', user };
    }
    if (!found.weak.length) return { kind: 'none' };
    // A user name that is only someone's e-mail: maybe them, maybe not; creating would clash with it.
    return ambiguous(
      `Its name is the e-mail of Seerr user ${found.weak.map(label).join(', ')}, whose own names differ`,
      found.weak,
    );
  }

  private candidates(person: Person): Candidates {
    const name = this.byName.get(person.key) ?? [];
    const email = person.email ? (this.byEmail.get(person.email.trim().toLowerCase()) ?? []) : [];
    const weak = (this.byEmail.get(person.key) ?? []).filter((u) => !name.includes(u) && !email.includes(u));
    return { name, email, weak };
  }

  private claim(person: Person): void {
    const found = this.candidates(person);
    for (const tier of ['name', 'email', 'weak'] as const) {
      for (const u of found[tier]) {
        const set = this.claims[tier].get(u.id) ?? new Set<string>();
        set.add(person.key);
        this.claims[tier].set(u.id, set);
      }
    }
  }
}
