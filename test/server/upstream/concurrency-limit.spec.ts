import { ConcurrencyLimit } from '../../../server/upstream/concurrency-limit';

describe('ConcurrencyLimit', () => {
  it('never runs more than its bound at once, and runs every call', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates: Array<() => void> = [];
    let running = 0;
    let peak = 0;
    const work = (n: number) =>
      limit.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        return n;
      });
    const all = Promise.all([1, 2, 3, 4, 5].map(work));
    // Release one call at a time until all five have finished.
    for (let released = 0; released < 5; released++) {
      while (gates.length === 0) await Promise.resolve();
      gates.shift()!();
    }
    expect(await all).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });
});
