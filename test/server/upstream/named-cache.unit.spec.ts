import { NamedCache } from '../../../server/upstream/named-cache';

describe('NamedCache', () => {
  it('shares one in-flight load among concurrent readers and serves hits until the TTL', async () => {
    const cache = new NamedCache<number>('test', 1000, 10, 'test');
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return 42;
    };
    expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)])).toEqual([
      42, 42, 42,
    ]);
    expect(await cache.get('k', load)).toBe(42);
    expect(loads).toBe(1);
    expect(await cache.get('k', load, Date.now() + 2000)).toBe(42);
    expect(loads).toBe(2);
  });

  it('never caches a failure, and keeps to its size bound', async () => {
    const cache = new NamedCache<string>('test', 1000, 2, 'test');
    await expect(cache.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', () => Promise.resolve('up'))).toBe('up');
    await cache.get('b', () => Promise.resolve('b'));
    await cache.get('c', () => Promise.resolve('c'));
    let reloaded = false;
    await cache.get('a', () => ((reloaded = true), Promise.resolve('again')));
    expect(reloaded).toBe(true);
  });

  it('returns a value its keep predicate refuses, but asks again next time', async () => {
    const cache = new NamedCache<string | null>('test', 1000, 10, 'test', (v) => v !== null);
    let loads = 0;
    const load = () => (loads++, Promise.resolve(loads > 1 ? 'found' : null));
    expect(await cache.get('k', load)).toBeNull();
    expect(await cache.get('k', load)).toBe('found');
    expect(await cache.get('k', load)).toBe('found');
    expect(loads).toBe(2);
  });
});
