/**
 * Bytes moved by one torrent, evolving with wall-clock time computed lazily on read: no timers, and
 * the same seed and elapsed time always give the same numbers. A state change first `settle`s the
 * elapsed interval into the base values, so each interval runs at the rates in force during it.
 */
export class Transfer {
  constructor(
    readonly size: number,
    /** Bytes present at `since`. */
    public done: number,
    /** Bytes uploaded at `since`. */
    public uploaded: number,
    /** Nominal rates (bytes/s) while active. */
    public downRate: number,
    public upRate: number,
    /** Epoch ms the base values refer to. */
    public since: number,
    public active: boolean,
    /** Per-torrent phase of the rate wobble. */
    private readonly phase: number,
  ) {}

  private elapsed(now: number): number {
    return this.active ? Math.max(0, now - this.since) / 1000 : 0;
  }

  doneAt(now: number): number {
    return Math.min(this.size, Math.floor(this.done + this.downRate * this.elapsed(now)));
  }

  uploadedAt(now: number): number {
    return Math.floor(this.uploaded + this.upRate * this.elapsed(now));
  }

  completeAt(now: number): boolean {
    return this.doneAt(now) >= this.size;
  }

  /** Epoch ms at which the data became complete during the current active interval, if it did. */
  completedDuring(now: number): number | undefined {
    if (!this.active || this.done >= this.size || this.downRate <= 0) return undefined;
    const at = this.since + ((this.size - this.done) / this.downRate) * 1000;
    return at <= now ? Math.floor(at) : undefined;
  }

  /** Instantaneous rates: the nominal rate with a deterministic wobble that changes every 2 s. */
  ratesAt(now: number): { down: number; up: number } {
    if (!this.active) return { down: 0, up: 0 };
    const factor = 0.6 + 0.4 * noise(this.phase + Math.floor(now / 2000));
    const down = this.doneAt(now) < this.size ? Math.round(this.downRate * factor) : 0;
    return { down, up: Math.round(this.upRate * factor) };
  }

  /** Seconds until complete: 0 when done, -1 when not moving (uTorrent's "∞"). */
  etaAt(now: number): number {
    const left = this.size - this.doneAt(now);
    if (left <= 0) return 0;
    if (!this.active || this.downRate <= 0) return -1;
    return Math.ceil(left / this.downRate);
  }

  settle(now: number): void {
    this.done = this.doneAt(now);
    this.uploaded = this.uploadedAt(now);
    this.since = now;
  }

  setActive(now: number, active: boolean): void {
    this.settle(now);
    this.active = active;
  }
}

/** A deterministic value in [0, 1) for an integer input. */
function noise(n: number): number {
  const x = Math.sin(n * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}
