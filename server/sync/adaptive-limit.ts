/**
 * Requests estimated to wait inside Seerr (Vegas' queue: limit × (1 − best / now)) below which the limit
 * grows, and above which it shrinks; in between it holds. A few waiting keep Seerr's workers busy.
 */
const alpha = (limit: number) => Math.max(3, 3 * Math.log10(limit));
const beta = (limit: number) => Math.max(6, 6 * Math.log10(limit));
/** A kind of request counts towards its best time only from windows with at least this many of it. */
const MIN_KIND_SAMPLES = 4;
/** Answers per window at least (a window is otherwise one limit's worth). */
const MIN_WINDOW = 8;
/** Every this many windows the limit drops to a quarter for two windows: one to drain, one to measure. */
const PROBE_EVERY = 100;

export interface AdaptiveLimitOptions {
  /** The ceiling (config `sync.concurrency`). */
  max: number;
  min?: number;
  initial?: number;
}

interface KindWindow {
  spent: number;
  count: number;
}

/**
 * How many Seerr writes to keep in flight, chosen from how long Seerr takes to answer them (TCP Vegas'
 * rule). Real Seerr hashes every new password with bcrypt on a small thread pool, so writes beyond what
 * it serves at once only queue inside Seerr and come back slower. Each window of about one limit's
 * worth of answers is compared with the best window seen, per kind of request (a create costs far more
 * than a quota write), which estimates how many of ours are waiting in Seerr: while that is under
 * alpha the limit grows by one, above beta it shrinks back towards alpha, in between it holds.
 *
 * Best times are means over a window, not single answers: the fastest single answer on a busy machine
 * is luck, and measured against it every window would look queued. Every PROBE_EVERY windows the limit
 * drops to a quarter for two windows and the second one's times become the best, so a machine that got
 * slower for reasons not our own is not read as our queueing for the rest of the run.
 */
export class AdaptiveLimit {
  readonly max: number;
  readonly min: number;
  private value: number;
  private highest: number;
  private readonly best = new Map<string, number>();
  private window = new Map<string, KindWindow>();
  private windowCount = 0;
  private windows = 0;
  private probe?: { resume: number; stage: 'drain' | 'measure' };

  constructor(options: AdaptiveLimitOptions) {
    this.max = Math.max(1, Math.floor(options.max));
    this.min = Math.min(this.max, Math.max(1, Math.floor(options.min ?? 1)));
    this.value = Math.min(this.max, Math.max(this.min, Math.floor(options.initial ?? 4)));
    this.highest = this.value;
  }

  /** Requests that may be in flight now. */
  get limit(): number {
    return Math.floor(this.value);
  }

  /** The limit outside of a probe: what the writes have settled on. */
  get settled(): number {
    return Math.floor(this.probe?.resume ?? this.value);
  }

  /** The highest limit reached so far. */
  get peak(): number {
    return this.highest;
  }

  /** One answered request: what kind it was and how long it took (failures are not samples). */
  sample(kind: string, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const w = this.window.get(kind) ?? { spent: 0, count: 0 };
    w.spent += ms;
    w.count++;
    this.window.set(kind, w);
    if (++this.windowCount >= Math.max(this.limit, MIN_WINDOW)) this.closeWindow();
  }

  private closeWindow(): void {
    const window = this.window;
    this.window = new Map();
    this.windowCount = 0;
    if (this.probe) {
      this.endProbe(window);
      return;
    }
    if (++this.windows % PROBE_EVERY === 0 && this.limit > this.min) {
      this.probe = { resume: this.value, stage: 'drain' };
      this.value = Math.max(this.min, Math.ceil(this.limit / 4));
      return;
    }
    let spent = 0;
    let atBest = 0;
    for (const [kind, w] of window) {
      const mean = w.spent / w.count;
      const known = this.best.get(kind);
      // A kind's first window sets its best, however few it holds; after that only full windows lower it.
      if (known === undefined || (w.count >= MIN_KIND_SAMPLES && mean < known)) this.best.set(kind, mean);
      spent += w.spent;
      atBest += w.count * (this.best.get(kind) as number);
    }
    const limit = this.limit;
    const queued = spent > 0 ? limit * (1 - atBest / spent) : 0;
    if (queued <= alpha(limit)) {
      this.value = Math.min(this.max, this.value + 1);
    } else if (limit <= this.min) {
      for (const [kind, w] of window) this.best.set(kind, w.spent / w.count);
    } else if (queued > beta(limit)) {
      // Back to where about alpha would wait; at most by half at once.
      this.value = Math.max(this.min, limit / 2, limit - (queued - alpha(limit)));
    }
    this.highest = Math.max(this.highest, this.limit);
  }

  /**
   * The probe's first window still holds answers from before it; the second, with few in flight, is
   * what Seerr answers now when we barely load it: the new best, up or down (BBR's ProbeRTT).
   */
  private endProbe(window: Map<string, KindWindow>): void {
    const probe = this.probe as { resume: number; stage: 'drain' | 'measure' };
    if (probe.stage === 'drain') {
      probe.stage = 'measure';
      return;
    }
    for (const [kind, w] of window) this.best.set(kind, w.spent / w.count);
    this.value = probe.resume;
    this.probe = undefined;
  }
}
