/** How names compare everywhere in the lists: case- and accent-insensitive, numbers by value. */
export const NAME_COLLATOR = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

interface Named {
  name: string;
  hash: string;
}

/** Each row's place in name order (ties by hash), for sorts that compare integers instead of names. */
export type NameRanks = Map<Named, number>;

interface Ranked {
  /** The name each identity had when ranked, to tell whether the order still holds. */
  names: Map<string, string>;
  /** Identities in name order. */
  order: string[];
}

/**
 * Name order of a list that is read again at every poll. The collator is slow (a sort of 15,000 names
 * blocks the process for a good part of a second), but names rarely change between polls: when every
 * row has the name it had last time, the last order is reused in one pass.
 */
export class NameOrder<T extends Named> {
  private last?: Ranked;
  private readonly memo = new WeakMap<readonly T[], NameRanks>();

  constructor(private readonly identity: (row: T) => string = (row) => row.hash) {}

  ranks(rows: readonly T[]): NameRanks {
    const known = this.memo.get(rows);
    if (known) return known;
    const byId = new Map(rows.map((row) => [this.identity(row), row]));
    let ranked = this.last;
    if (!ranked || !this.unchanged(ranked, byId)) {
      const sorted = [...rows].sort(
        (a, b) => NAME_COLLATOR.compare(a.name, b.name) || a.hash.localeCompare(b.hash),
      );
      ranked = {
        names: new Map(sorted.map((row) => [this.identity(row), row.name])),
        order: sorted.map((row) => this.identity(row)),
      };
      this.last = ranked;
    }
    const ranks: NameRanks = new Map();
    ranked.order.forEach((id, i) => ranks.set(byId.get(id) as T, i));
    this.memo.set(rows, ranks);
    return ranks;
  }

  private unchanged(ranked: Ranked, byId: Map<string, T>): boolean {
    if (ranked.names.size !== byId.size) return false;
    for (const [id, row] of byId) if (ranked.names.get(id) !== row.name) return false;
    return true;
  }
}
