import type { SeerrClient } from '../../../server/seerr/seerr.client';
import { PermissionBatch } from '../../../server/sync/permission-batch';
import type { SeerrUserCreationFailed } from '../../../server/sync/seerr-user.creator';

/** A Seerr whose bulk write answers every id it is given, except the failing or left-out ones. */
function stubSeerr(options: { failWhen?: number; leaveOut?: number } = {}) {
  const writes: Array<{ ids: number[]; permissions: number }> = [];
  const seerr = {
    setPermissionsOfMany: jest.fn((ids: readonly number[], permissions: number) => {
      writes.push({ ids: [...ids], permissions });
      if (options.failWhen !== undefined && ids.includes(options.failWhen))
        return Promise.reject(new Error('Seerr answered 500'));
      return Promise.resolve(new Set(ids.filter((id) => id !== options.leaveOut)));
    }),
  };
  return { seerr: seerr as unknown as SeerrClient, writes };
}

function batchOf(seerr: SeerrClient, chunk = 2) {
  const outcomes = new Map<string, string | null>();
  const batch = new PermissionBatch<string>(
    seerr,
    undefined,
    (name, _id, failed: SeerrUserCreationFailed | null) => outcomes.set(name, failed?.message ?? null),
    chunk,
  );
  return { batch, outcomes };
}

describe('PermissionBatch', () => {
  it('writes full chunks as they fill, one per permission value, and the rest on flush', async () => {
    const { seerr, writes } = stubSeerr();
    const { batch, outcomes } = batchOf(seerr);
    batch.add('a', 11, 32);
    batch.add('b', 12, 32);
    expect(writes).toEqual([{ ids: [11, 12], permissions: 32 }]);
    batch.add('c', 13, 32);
    batch.add('d', 14, 2);
    expect(writes).toHaveLength(1);
    await batch.flush();
    expect(writes).toEqual([
      { ids: [11, 12], permissions: 32 },
      { ids: [13], permissions: 32 },
      { ids: [14], permissions: 2 },
    ]);
    expect(Object.fromEntries(outcomes)).toEqual({ a: null, b: null, c: null, d: null });
  });

  it('fails exactly the users of a failed write, each as created but not finished', async () => {
    const { seerr } = stubSeerr({ failWhen: 13 });
    const { batch, outcomes } = batchOf(seerr);
    for (const [name, id] of [
      ['a', 11],
      ['b', 12],
      ['c', 13],
      ['d', 14],
      ['e', 15],
    ] as const)
      batch.add(name, id, 32);
    await batch.flush();
    expect(Object.fromEntries(outcomes)).toEqual({
      a: null,
      b: null,
      c: 'Created as #13, but finishing it failed: Seerr answered 500',
      d: 'Created as #14, but finishing it failed: Seerr answered 500',
      e: null,
    });
  });

  it('fails a user Seerr left out of its answer', async () => {
    const { seerr } = stubSeerr({ leaveOut: 12 });
    const { batch, outcomes } = batchOf(seerr, 50);
    batch.add('a', 11, 32);
    batch.add('b', 12, 32);
    await batch.flush();
    expect(Object.fromEntries(outcomes)).toEqual({
      a: null,
      b: 'Created as #12, but finishing it failed: Seerr did not set its permissions',
    });
  });

  it('writes nothing when no user was added', async () => {
    const { seerr, writes } = stubSeerr();
    await batchOf(seerr).batch.flush();
    expect(writes).toEqual([]);
  });
});
