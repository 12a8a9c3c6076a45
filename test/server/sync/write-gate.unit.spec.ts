import { AdaptiveLimit } from '../../../server/sync/adaptive-limit';
import { WriteGate } from '../../../server/sync/write-gate';

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('WriteGate', () => {
  it('keeps at most the limit in flight and lets the others go in arrival order', async () => {
    const gate = new WriteGate(new AdaptiveLimit({ max: 2, initial: 2 }), () => 0);
    const calls = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const runs = calls.map((d, i) =>
      gate.run('write', () => {
        started.push(i);
        return d.promise;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    calls[1].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    calls[0].resolve();
    calls[2].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    calls[3].resolve();
    calls[4].reject(new Error('refused'));
    await expect(runs[4]).rejects.toThrow('refused');
    await Promise.all(runs.slice(0, 4));
  });

  it('counts the requests as rounds of what was in flight as each started', async () => {
    const gate = new WriteGate(new AdaptiveLimit({ max: 4, initial: 4 }), () => 0);
    const calls = Array.from({ length: 4 }, deferred);
    const runs = calls.map((d) => gate.run('write', () => d.promise));
    for (const d of calls) d.resolve();
    await Promise.all(runs);
    // 1/1 + 1/2 + 1/3 + 1/4, then one request of two round trips alone: 2/1.
    await gate.run('update', () => Promise.resolve(), 2);
    expect(gate.figures()).toEqual({
      write_limit: 4,
      write_limit_peak: 4,
      write_requests: 6,
      write_rounds: Math.round(1 + 1 / 2 + 1 / 3 + 1 / 4 + 2),
    });
  });

  it('feeds the limit the time of each answer, not of failures', async () => {
    const limit = new AdaptiveLimit({ max: 8 });
    const sample = jest.spyOn(limit, 'sample');
    let clock = 100;
    const gate = new WriteGate(limit, () => clock);
    await gate.run('create', () => {
      clock += 30;
      return Promise.resolve();
    });
    await gate
      .run('create', () => {
        clock += 5;
        return Promise.reject(new Error('409'));
      })
      .catch(() => undefined);
    expect(sample.mock.calls).toEqual([['create', 30]]);
  });
});
