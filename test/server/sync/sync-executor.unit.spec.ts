import type { ConfigStore } from '../../../server/config/config.store';
import type { SeerrClient } from '../../../server/seerr/seerr.client';
import { SeerrUserCreator } from '../../../server/sync/seerr-user.creator';
import { SyncExecutor } from '../../../server/sync/sync-executor';
import { SyncProgress } from '../../../server/sync/sync-progress';
import type { PlannedCreate } from '../../../server/sync/sync-plan.types';

function planned(username: string, permissions: number | null): PlannedCreate {
  return {
    username,
    email: null,
    sources: ['Plex'],
    settings_from: 'Plex',
    password: `${username}!pw`,
    weak_password: false,
    permissions,
    quota: { limit: 2, days: 7 },
  };
}

/** A Seerr that numbers new users from 100; any call the sync should not make throws. */
function stubSeerr(options: { refuseCreate?: string; failBulkOf?: number } = {}) {
  let next = 100;
  const bulk: Array<{ ids: number[]; permissions: number }> = [];
  const seerr = {
    createUser: jest.fn(({ username }: { username: string }) =>
      username === options.refuseCreate
        ? Promise.reject(new Error('User already exists with submitted email.'))
        : Promise.resolve({ id: next++ }),
    ),
    setQuotas: jest.fn(() => Promise.resolve()),
    setPermissions: jest.fn(() => Promise.reject(new Error('the sync must set permissions in bulk'))),
    setPermissionsOfMany: jest.fn((ids: readonly number[], permissions: number) => {
      bulk.push({ ids: [...ids], permissions });
      return permissions === options.failBulkOf
        ? Promise.reject(new Error('Seerr answered 503'))
        : Promise.resolve(new Set(ids));
    }),
  };
  const client = seerr as unknown as SeerrClient;
  const config = { get: () => ({ sync: { concurrency: 4 } }) } as unknown as ConfigStore;
  const executor = new SyncExecutor(client, new SeerrUserCreator(client), config, new SyncProgress());
  return { seerr, bulk, executor };
}

const byName = <T extends { username: string }>(users: T[]): Record<string, T> =>
  Object.fromEntries(users.map((u) => [u.username, u]));

describe('SyncExecutor.create', () => {
  it('sets every new user’s permissions with bulk writes, not one write per user', async () => {
    const { seerr, bulk, executor } = stubSeerr();
    const creates = Array.from({ length: 120 }, (_, i) => planned(`u${i}`, 32));
    const out = await executor.create([...creates, planned('plain', null)]);
    expect(out).toHaveLength(121);
    expect(out.every((u) => u.outcome === 'ok')).toBe(true);
    expect(seerr.setPermissions).not.toHaveBeenCalled();
    expect(seerr.setQuotas).toHaveBeenCalledTimes(121);
    // Chunks of 50: every created user with permissions is in exactly one write, `plain` in none.
    expect(bulk.map((w) => w.ids.length)).toEqual([50, 50, 20]);
    const ids = bulk.flatMap((w) => w.ids).sort((a, b) => a - b);
    const withPermissions = out.filter((u) => u.username !== 'plain').map((u) => u.seerr_id as number);
    expect(ids).toEqual(withPermissions.sort((a, b) => a - b));
    expect(bulk.every((w) => w.permissions === 32)).toBe(true);
  });

  it('marks exactly the users of a failed bulk write as created but not finished', async () => {
    const { executor } = stubSeerr({ failBulkOf: 2, refuseCreate: 'taken' });
    const out = byName(
      await executor.create([
        planned('ann', 32),
        planned('bob', 2),
        planned('cat', 32),
        planned('dan', 2),
        planned('taken', 2),
      ]),
    );
    expect(out.ann).toMatchObject({ outcome: 'ok', message: 'Created from Plex' });
    expect(out.cat).toMatchObject({ outcome: 'ok' });
    for (const name of ['bob', 'dan']) {
      const id = out[name].seerr_id as number;
      expect(id).toBeGreaterThanOrEqual(100);
      expect(out[name]).toMatchObject({
        outcome: 'error',
        message: `Created as #${id}, but finishing it failed: Seerr answered 503`,
      });
    }
    expect(out.taken).toMatchObject({
      seerr_id: null,
      outcome: 'error',
      message: 'Seerr rejected it: User already exists with submitted email.',
    });
  });

  it('reports each outcome once and steps the progress for every user', async () => {
    const { executor } = stubSeerr({ failBulkOf: 2 });
    const progress = (executor as unknown as { progress: SyncProgress }).progress;
    progress.report({ run_id: 1, phase: 'creating', done: 0, total: 3 });
    const recorded: string[] = [];
    await executor.create([planned('a', 32), planned('b', 2), planned('c', null)], (u) =>
      recorded.push(u.username),
    );
    expect(recorded.sort()).toEqual(['a', 'b', 'c']);
    expect(progress.current?.done).toBe(3);
  });
});
