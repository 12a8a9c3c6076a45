import type { SeerrClient } from '../../../server/seerr/seerr.client';
import { SeerrUserCreationFailed, SeerrUserCreator } from '../../../server/sync/seerr-user.creator';
import type { WriteGate } from '../../../server/sync/write-gate';

function stubSeerr(fail?: 'createUser' | 'setQuotas' | 'setPermissions') {
  const calls: string[] = [];
  const step = (name: string, result?: unknown) =>
    jest.fn(() => {
      calls.push(name);
      return name === fail ? Promise.reject(new Error(`${name} refused`)) : Promise.resolve(result);
    });
  const seerr = {
    createUser: step('createUser', { id: 42 }),
    setQuotas: step('setQuotas'),
    setPermissions: step('setPermissions'),
  };
  return { seerr, calls, creator: new SeerrUserCreator(seerr as unknown as SeerrClient) };
}

const USER = { username: 'alice', email: 'a@example.com', password: 'secret-pw' };

describe('SeerrUserCreator', () => {
  it('creates, then sets the quota as a local user, then the permissions', async () => {
    const { seerr, calls, creator } = stubSeerr();
    await expect(creator.create({ ...USER, quota: { limit: 3, days: 7 }, permissions: 32 })).resolves.toBe(
      42,
    );
    expect(calls).toEqual(['createUser', 'setQuotas', 'setPermissions']);
    expect(seerr.createUser).toHaveBeenCalledWith(USER);
    expect(seerr.setQuotas).toHaveBeenCalledWith(
      42,
      { movieQuotaLimit: 3, movieQuotaDays: 7, tvQuotaLimit: 3, tvQuotaDays: 7 },
      { email: null },
    );
    expect(seerr.setPermissions).toHaveBeenCalledWith(42, 32);
  });

  it('leaves quota and permissions to Seerr when none is given', async () => {
    const { calls, creator } = stubSeerr();
    await creator.create({ ...USER, email: null, quota: null, permissions: undefined });
    await creator.create({ ...USER, quota: null, permissions: null });
    expect(calls).toEqual(['createUser', 'createUser']);
  });

  it('creates the account and its quota without permissions for the sync, through the gate', async () => {
    const { seerr, calls, creator } = stubSeerr();
    const kinds: string[] = [];
    const gate = { run: (kind: string, work: () => Promise<unknown>) => (kinds.push(kind), work()) };
    const id = await creator.createAccount(
      { ...USER, quota: { limit: 3, days: 7 }, permissions: 32 },
      gate as unknown as WriteGate,
    );
    expect(id).toBe(42);
    expect(calls).toEqual(['createUser', 'setQuotas']);
    expect(kinds).toEqual(['create', 'quota']);
    expect(seerr.setPermissions).not.toHaveBeenCalled();
  });

  it('says Seerr rejected it when the create fails', async () => {
    const { creator } = stubSeerr('createUser');
    const err = await creator.create({ ...USER, quota: null, permissions: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SeerrUserCreationFailed);
    expect(err).toMatchObject({ seerrId: null, message: 'Seerr rejected it: createUser refused' });
  });

  it('names the created account when finishing it fails', async () => {
    const { calls, creator } = stubSeerr('setQuotas');
    const err = await creator
      .create({ ...USER, quota: { limit: 1, days: 1 }, permissions: 1 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      seerrId: 42,
      message: 'Created as #42, but finishing it failed: setQuotas refused',
    });
    expect((err as SeerrUserCreationFailed).cause).toEqual(new Error('setQuotas refused'));
    expect(calls).toEqual(['createUser', 'setQuotas']);
  });
});
