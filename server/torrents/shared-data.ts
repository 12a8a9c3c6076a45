import type { DataLocation } from './torrent.types';

/** A path for comparison: one separator, no trailing one, Windows paths without case. */
function comparable(raw: string): string {
  const p = raw
    .replace(/\\/g, '/')
    .replace(/\/+/g, '/')
    .replace(/(.)\/$/, '$1');
  return /^[a-z]:\//i.test(p) ? p.toLowerCase() : p;
}

const within = (child: string, parent: string) => child === parent || child.startsWith(`${parent}/`);

/**
 * The other torrents whose data overlaps `target`'s: the same file or folder, or one inside the other
 * (a cross-seed of one file of an album, an album re-seeded under a second hash). Deleting the
 * target's data would break them. Torrents whose client does not say where their data is never match.
 */
export function torrentsSharingData(
  target: DataLocation,
  all: readonly DataLocation[],
): { hash: string; name: string }[] {
  if (!target.path) return [];
  const mine = comparable(target.path);
  return all
    .filter((other) => other.hash !== target.hash && other.path)
    .filter((other) => {
      const theirs = comparable(other.path);
      return within(theirs, mine) || within(mine, theirs);
    })
    .map(({ hash, name }) => ({ hash, name }));
}
