import type { SeerrSimulator } from '../../simulators/seerr';
import { startSeerr, type Answer, type CallOptions } from '../../simulators/seerr/seerr.test-client';

describe('Seerr simulator: bulk permissions and password hashing', () => {
  let sim: SeerrSimulator;
  let call: (method: string, path: string, opts?: CallOptions) => Promise<Answer>;
  afterEach(() => sim.stop());

  it('sets many users’ permissions with PUT /user and answers the updated users, leaving out unknown ids', async () => {
    ({ sim, call } = await startSeerr({ localUsers: 5, plexUsers: 0, jellyfinUsers: 0 }));
    const res = await call('PUT', '/user', { body: { ids: [2, 3, 4242], permissions: 96 } });
    expect(res.status).toBe(200);
    expect(res.body.map((u: { id: number; permissions: number }) => [u.id, u.permissions])).toEqual([
      [2, 96],
      [3, 96],
    ]);
    expect(sim.state.users.get(2)?.permissions).toBe(96);
    expect(sim.state.users.get(4)?.permissions).not.toBe(96);
    const bad = await call('PUT', '/user', { body: { ids: ['x'], permissions: 2 } });
    expect(bad.status).toBe(400);
  });

  it('makes creates queue for the hashing workers when a hash has a cost', async () => {
    ({ sim, call } = await startSeerr({
      localUsers: 1,
      plexUsers: 0,
      jellyfinUsers: 0,
      passwordHashing: { costMs: 40, workers: 1 },
    }));
    const answers = await Promise.all(
      ['h1', 'h2', 'h3'].map((username) => call('POST', '/user', { body: { username, password: 'pw' } })),
    );
    // One worker: the three hashes ran one after the other, two of them waiting their turn.
    expect(sim.passwordHashing.seen).toEqual({ hashed: 3, peakAtOnce: 1, peakWaiting: 2 });
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
  });
});
