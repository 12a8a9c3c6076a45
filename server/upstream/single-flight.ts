/**
 * Concurrent calls with one key share the call in progress; nothing is kept once it settles, so the
 * next call after that starts afresh. A failure reaches every caller that joined it.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const running = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, running);
    return running;
  }

  /** Whether a call with this key is in progress. */
  has(key: string): boolean {
    return this.inFlight.has(key);
  }
}
