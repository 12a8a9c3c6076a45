/**
 * The last list each upstream answered, kept in memory so a view can still show it (marked stale) while
 * that upstream cannot be read. One entry per slot (Seerr, or a server's name), tagged with what it was
 * read with (URL, key, the server entry): a recall with another fingerprint finds nothing, so a changed
 * Seerr or server never shows the old one's data. Views only: the sync always reads fresh lists.
 */
export class LastGood<T> {
  private readonly entries = new Map<string, { fingerprint: string; value: T }>();

  remember(slot: string, fingerprint: string, value: T): void {
    this.entries.set(slot, { fingerprint, value });
  }

  recall(slot: string, fingerprint: string): T | null {
    const entry = this.entries.get(slot);
    return entry?.fingerprint === fingerprint ? entry.value : null;
  }

  /** Forgets every slot not configured now with the same fingerprint (slot → fingerprint). */
  retain(current: ReadonlyMap<string, string>): void {
    for (const [slot, entry] of this.entries)
      if (current.get(slot) !== entry.fingerprint) this.entries.delete(slot);
  }
}
