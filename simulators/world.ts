import { userName } from './core/random';

/** A person of the simulated world: the same person can be a user of several upstreams. */
export interface Person {
  /** Lower-case login name, unique in the world. */
  username: string;
  email: string;
  displayName: string;
}

export function person(n: number): Person {
  const username = userName(n);
  const [first, last] = username.replace(/\d+$/, '').split('.');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    username,
    email: `${username}@example.test`,
    displayName: `${cap(first)} ${cap(last ?? '')}`.trim(),
  };
}

/** People `from` .. `from + count - 1` of the deterministic sequence. */
export function people(count: number, from = 0): Person[] {
  return Array.from({ length: count }, (_, i) => person(from + i));
}
