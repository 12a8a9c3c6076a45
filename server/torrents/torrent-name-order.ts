/** How names compare everywhere in the lists: case- and accent-insensitive, numbers by value. */
export const NAME_COLLATOR = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export interface Named {
  name: string;
  hash: string;
}

/** A row's place in name order: the list (part) it comes from, its hash and the name it is placed by. */
export interface NameEntry {
  part: string;
  hash: string;
  name: string;
}

/** The list order: by name, then hash, then part, so every order is total and pages are stable. */
export function compareNamed(a: NameEntry, b: NameEntry): number {
  return (
    NAME_COLLATOR.compare(a.name, b.name) ||
    (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0) ||
    (a.part < b.part ? -1 : a.part > b.part ? 1 : 0)
  );
}

interface Part {
  rows: readonly Named[];
  /** Each hash's name when last placed. */
  names: Map<string, string>;
}

/**
 * The name order of several lists (one per torrent client) that are read again at every poll. The
 * collator is slow (sorting 15,000 names takes ~50 ms), but names rarely change between polls: each
 * update compares every row's name with the one it was placed by (one pass per list whose rows
 * changed) and moves only the rows that were added, renamed or removed. Many changes at once (the first
 * read, a client coming back) sort everything again.
 */
export class NameIndex {
  private order: NameEntry[] = [];
  private readonly parts = new Map<string, Part>();

  /** The order after bringing it up to date with each part's rows; parts not given are dropped. */
  update(parts: ReadonlyArray<{ id: string; rows: readonly Named[] }>): readonly NameEntry[] {
    const removed: NameEntry[] = [];
    const added: NameEntry[] = [];
    for (const [id, part] of this.parts) {
      if (parts.some((p) => p.id === id)) continue;
      for (const [hash, name] of part.names) removed.push({ part: id, hash, name });
      this.parts.delete(id);
    }
    for (const { id, rows } of parts) {
      const known = this.parts.get(id);
      if (known?.rows === rows) continue;
      const names = new Map<string, string>();
      for (const row of rows) {
        if (names.has(row.hash)) continue;
        names.set(row.hash, row.name);
        const before = known?.names.get(row.hash);
        if (before === row.name) continue;
        if (before !== undefined) removed.push({ part: id, hash: row.hash, name: before });
        added.push({ part: id, hash: row.hash, name: row.name });
      }
      if (known)
        for (const [hash, name] of known.names) if (!names.has(hash)) removed.push({ part: id, hash, name });
      this.parts.set(id, { rows, names });
    }
    if (removed.length + added.length > Math.max(64, this.order.length / 16)) this.sortAll();
    else {
      for (const entry of removed) {
        const at = this.lowerBound(entry);
        if (at < this.order.length && compareNamed(this.order[at], entry) === 0) this.order.splice(at, 1);
      }
      for (const entry of added) this.order.splice(this.lowerBound(entry), 0, entry);
    }
    return this.order;
  }

  private sortAll(): void {
    const order: NameEntry[] = [];
    for (const [part, { names }] of this.parts)
      for (const [hash, name] of names) order.push({ part, hash, name });
    this.order = order.sort(compareNamed);
  }

  /** The first place whose entry is not before `entry`. */
  private lowerBound(entry: NameEntry): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareNamed(this.order[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
