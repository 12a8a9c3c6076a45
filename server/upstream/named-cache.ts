import { SingleFlight } from './single-flight';

/**
 * A small cache with a name (for logs and docs), a TTL, a size bound and a stated reason. Concurrent
 * reads of one key share a single in-flight load; failures are never cached, nor values `keep` refuses.
 */
export class NamedCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  private readonly loads = new SingleFlight<T>();

  constructor(
    readonly name: string,
    readonly ttlMs: number,
    readonly maxEntries: number,
    /** Why this cache exists, e.g. "library lists change rarely; the Plex tab polls them". */
    readonly reason: string,
    /** Which loaded values are kept; the others are returned but asked for again next time. */
    private readonly keep: (value: T) => boolean = () => true,
  ) {}

  async get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    return this.loads.run(key, async () => {
      const value = await load();
      if (this.keep(value)) this.remember(key, value);
      return value;
    });
  }

  invalidate(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  private remember(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    // Maps iterate in insertion order, so the first key is the oldest entry.
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string);
  }
}
