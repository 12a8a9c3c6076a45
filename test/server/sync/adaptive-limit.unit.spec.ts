import { AdaptiveLimit } from '../../../server/sync/adaptive-limit';

/** A deterministic jitter in [-spread, +spread]. */
function jitter(seed: number) {
  let x = seed;
  return (spread: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return (x / 2 ** 31 - 0.5) * 2 * spread;
  };
}

/**
 * An upstream that serves `workers` requests at once, each in `ms`: with n in flight, an answer takes
 * ms × max(1, n / workers). Feeds `rounds` windows' worth of answers at the limit's own in-flight level
 * and returns the settled limit (outside probes) after each round.
 */
function drive(
  limiter: AdaptiveLimit,
  upstream: {
    ms: number;
    workers: number;
    noise?: number;
    /** The kind of the i-th answer of round r, and what it costs next to `ms`. */
    kind?: (r: number, i: number) => [string, number];
  },
  rounds: number,
): number[] {
  const noise = jitter(7);
  const seen: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const n = limiter.limit;
    for (let i = 0; i < n; i++) {
      const [kind, cost] = upstream.kind?.(r, i) ?? ['write', 1];
      const queued = cost * upstream.ms * Math.max(1, n / upstream.workers);
      limiter.sample(kind, queued * (1 + noise(upstream.noise ?? 0)));
    }
    seen.push(limiter.settled);
  }
  return seen;
}

describe('AdaptiveLimit', () => {
  it('starts at 4, or at the ceiling when that is lower', () => {
    expect(new AdaptiveLimit({ max: 32 }).limit).toBe(4);
    expect(new AdaptiveLimit({ max: 2 }).limit).toBe(2);
    expect(new AdaptiveLimit({ max: 32, initial: 10 }).limit).toBe(10);
  });

  it('grows to the ceiling while answers take as long as at best, and never passes it', () => {
    const limiter = new AdaptiveLimit({ max: 24 });
    const seen = drive(limiter, { ms: 10, workers: 1000 }, 100);
    expect(limiter.limit).toBe(24);
    expect(Math.max(...seen)).toBe(24);
    expect(limiter.peak).toBe(24);
  });

  it('still grows when the answer times are noisy (a busy machine) but not queued', () => {
    const limiter = new AdaptiveLimit({ max: 32 });
    drive(limiter, { ms: 10, workers: 1000, noise: 0.3 }, 200);
    expect(limiter.limit).toBe(32);
  });

  it('stops growing where the upstream saturates, a few requests waiting beyond its workers', () => {
    const limiter = new AdaptiveLimit({ max: 64 });
    const seen = drive(limiter, { ms: 300, workers: 4 }, 400);
    const settled = seen.slice(-200);
    expect(Math.min(...settled)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...settled)).toBeLessThanOrEqual(4 + 6 + 1);
    expect(limiter.peak).toBeLessThanOrEqual(4 + 6 + 1);
  });

  it('compares each kind of request with its own best, so slow creates mixed with fast writes still grow', () => {
    const limiter = new AdaptiveLimit({ max: 16 });
    // Some rounds are mostly creates (60 times the cost of a quota write), others mostly quota writes.
    const kind = (r: number, i: number): [string, number] =>
      (r % 3 === 0 ? i % 4 !== 0 : i % 4 === 0) ? ['create', 60] : ['quota', 1];
    drive(limiter, { ms: 5, workers: 1000, kind }, 100);
    expect(limiter.limit).toBe(16);
  });

  it('shrinks when the answers slow down under its own load, to about what the upstream serves', () => {
    const limiter = new AdaptiveLimit({ max: 32, initial: 32 });
    drive(limiter, { ms: 10, workers: 1000 }, 5);
    expect(limiter.limit).toBe(32);
    const seen = drive(limiter, { ms: 10, workers: 8 }, 100);
    expect(seen[0]).toBeLessThan(32);
    expect(Math.max(...seen.slice(-50))).toBeLessThanOrEqual(8 + 6 + 1);
    expect(Math.min(...seen.slice(-50))).toBeGreaterThanOrEqual(8);
  });

  it('takes a slower upstream it cannot be causing as the new best, and grows again', () => {
    const limiter = new AdaptiveLimit({ max: 16, min: 1 });
    drive(limiter, { ms: 10, workers: 1000 }, 50);
    expect(limiter.limit).toBe(16);
    // Everything is twice as slow whatever is in flight: the limit drops, then finds its way back up.
    const seen = drive(limiter, { ms: 20, workers: 1000 }, 200);
    expect(Math.min(...seen)).toBeLessThan(16);
    expect(limiter.limit).toBe(16);
  });

  it('now and then drops to a quarter for two windows to measure, keeping what it had settled on', () => {
    const limiter = new AdaptiveLimit({ max: 16 });
    const limits: number[] = [];
    for (let i = 0; i < 3000; i++) {
      limiter.sample('write', 10);
      limits.push(limiter.limit);
      expect(limiter.settled).toBeGreaterThanOrEqual(limiter.limit);
    }
    expect(limiter.settled).toBe(16);
    expect(limits.slice(500)).toContain(4);
    expect(limits.slice(500).filter((l) => l === 4).length).toBeLessThan(limits.length / 20);
  });

  it('ignores samples that are no time at all', () => {
    const limiter = new AdaptiveLimit({ max: 8 });
    for (let i = 0; i < 100; i++) limiter.sample('write', Number.NaN);
    for (let i = 0; i < 100; i++) limiter.sample('write', -1);
    expect(limiter.limit).toBe(4);
  });
});
