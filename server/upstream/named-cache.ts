/**
 * A small cache with a name (for logs and docs), a TTL, a size bound and a stated reason. Concurrent
 * reads of one key share a single in-flight load; failures are never cached.
 */
export class NamedCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(
    readonly name: string,
    readonly ttlMs: number,
    readonly maxEntries: number,
    /** Why this cache exists, e.g. "library lists change rarely; the Plex tab polls them". */
    readonly reason: string,
  ) {}

  async get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const loading = load()
      .then((value) => {
        this.entries.delete(key);
        this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
        while (this.entries.size > this.maxEntries)
          this.entries.delete(this.entries.keys().next().value as string);
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  /** Concurrent identical reads share one call, but nothing is kept afterwards (TTL 0 use). */
  shared(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const loading = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  invalidate(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}
