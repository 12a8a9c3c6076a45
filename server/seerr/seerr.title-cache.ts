/**
 * Titles of TMDB ids as Seerr proxies them. Seerr fetches each from TMDB (throttled, and slow compared
 * with its database reads), and a title never changes, so the panel keeps them: at most MAX_ENTRIES, each
 * for TTL_MS. Unknown ids (null) are not kept, because Seerr answers a TMDB outage the same way. Identical
 * lookups in flight share one call, and at most MAX_IN_FLIGHT run at once (Seerr throttles its own TMDB
 * client to about 20 concurrent calls and 50 a second, so a client should keep to 5–10).
 */
export class TitleCache {
  static readonly TTL_MS = 6 * 60 * 60 * 1000;
  static readonly MAX_ENTRIES = 5000;
  static readonly MAX_IN_FLIGHT = 6;

  private readonly entries = new Map<string, { title: string; expires: number }>();
  private readonly inFlight = new Map<string, Promise<string | null>>();
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  get(key: string, load: () => Promise<string | null>): Promise<string | null> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return Promise.resolve(hit.title);
    this.entries.delete(key);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const promise = this.limited(load)
      .then((title) => {
        if (title !== null) this.remember(key, title);
        return title;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  private remember(key: string, title: string): void {
    // Maps iterate in insertion order, so the first key is the oldest entry.
    if (this.entries.size >= TitleCache.MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { title, expires: Date.now() + TitleCache.TTL_MS });
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    // A finishing lookup hands its slot straight to the next waiter, so the bound is never exceeded.
    if (this.running >= TitleCache.MAX_IN_FLIGHT) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
