import { SingleFlight } from '../../../server/upstream/single-flight';

/** A promise the test settles by hand, so nothing depends on timing. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('shares the call in progress among concurrent callers of one key', async () => {
    const flight = new SingleFlight<number>();
    const gate = deferred<number>();
    let calls = 0;
    const work = () => (calls++, gate.promise);
    const a = flight.run('k', work);
    const b = flight.run('k', work);
    expect(a).toBe(b);
    expect(flight.has('k')).toBe(true);
    gate.resolve(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(calls).toBe(1);
  });

  it('keeps nothing once the call settles: the next caller starts afresh', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    expect(await flight.run('k', () => Promise.resolve(++calls))).toBe(1);
    expect(flight.has('k')).toBe(false);
    expect(await flight.run('k', () => Promise.resolve(++calls))).toBe(2);
  });

  it('gives a failure to every caller that joined, then forgets it', async () => {
    const flight = new SingleFlight<number>();
    const gate = deferred<number>();
    const a = flight.run('k', () => gate.promise);
    const b = flight.run('k', () => Promise.resolve(0));
    gate.reject(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    expect(await flight.run('k', () => Promise.resolve(1))).toBe(1);
  });

  it('runs different keys independently', async () => {
    const flight = new SingleFlight<string>();
    const gate = deferred<string>();
    const slow = flight.run('a', () => gate.promise);
    expect(await flight.run('b', () => Promise.resolve('b'))).toBe('b');
    gate.resolve('a');
    expect(await slow).toBe('a');
  });
});
