import { createSeerrSimulator, Permission, UserType, type SeerrSimulator } from '../../simulators/seerr';
import { startSeerr, type Answer, type CallOptions } from '../../simulators/seerr/seerr.test-client';
import { people } from '../../simulators/world';

describe('Seerr simulator: users', () => {
  let sim: SeerrSimulator;
  let call: (method: string, path: string, opts?: CallOptions) => Promise<Answer>;
  beforeEach(
    async () => ({ sim, call } = await startSeerr({ localUsers: 20, plexUsers: 15, jellyfinUsers: 10 })),
  );
  afterEach(() => sim.stop());

  const users = () => [...sim.state.users.values()];
  const firstOf = (userType: number, permissions = Permission.REQUEST) =>
    users().find((u) => u.userType === userType && u.permissions === permissions && u.id !== 1)!;

  it('lists 10 users by id with Seerr page math and read-only extras', async () => {
    const res = await call('GET', '/user');
    expect(res.body.pageInfo).toEqual({ pages: 5, pageSize: 10, results: 46, page: 1 });
    expect(res.body.results.map((u: { id: number }) => u.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const second = await call('GET', '/user?take=20&skip=25');
    expect(second.body.pageInfo).toEqual({ pages: 3, pageSize: 20, results: 46, page: 3 });
    expect(second.body.results).toHaveLength(20);
    expect(second.body.results[0].id).toBe(26);
    for (const u of res.body.results) {
      expect(u).toEqual(
        expect.objectContaining({
          email: expect.any(String),
          requestCount: expect.any(Number),
          warnings: [],
        }),
      );
      expect(u).not.toHaveProperty('settings');
      expect(u).not.toHaveProperty('password');
    }
  });

  it('gives linked users a null username and their media-server name', async () => {
    const plex = firstOf(UserType.PLEX);
    const jf = firstOf(UserType.JELLYFIN);
    const local = firstOf(UserType.LOCAL);
    const { body } = await call('GET', `/user?includeIds=${plex.id},${jf.id},${local.id}`);
    const [p, j, l] = body.results;
    expect(p).toMatchObject({
      username: null,
      plexUsername: plex.plexUsername,
      userType: 1,
      displayName: plex.plexUsername,
    });
    expect(typeof p.plexId).toBe('number');
    expect(j).toMatchObject({
      username: null,
      jellyfinUsername: jf.jellyfinUsername,
      email: jf.jellyfinUsername,
      userType: 3,
    });
    expect(j.jellyfinUserId).toMatch(/^[0-9a-f]{32}$/);
    expect(l).toMatchObject({
      username: local.username,
      plexUsername: null,
      userType: 2,
      displayName: local.username,
    });
    expect(l.avatar).toMatch(/^https:\/\/gravatar\.com\/avatar\/[0-9a-f]{32}\?default=mm&size=200$/);
  });

  it('marks Jellyfin-linked users as Emby when Seerr runs against Emby', () => {
    const emby = createSeerrSimulator({ mediaServerType: 3, jellyfinUsers: 3, plexUsers: 0, localUsers: 0 });
    expect([...emby.state.users.values()].map((u) => u.userType)).toEqual([4, 4, 4, 4]);
  });

  it('filters with q over username, email, plexUsername and jellyfinUsername', async () => {
    const plex = firstOf(UserType.PLEX);
    const res = await call('GET', `/user?q=${plex.plexUsername!.toUpperCase()}`);
    expect(res.body.results.map((u: { id: number }) => u.id)).toContain(plex.id);
    expect(res.body.pageInfo.results).toBe(res.body.results.length);
  });

  it('sorts by request count and by the (buggy) display-name key', async () => {
    const byRequests = await call('GET', '/user?sort=requests&take=5');
    const counts = byRequests.body.results.map((u: { requestCount: number }) => u.requestCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(Math.max(...users().map((u) => sim.state.requestCount(u.id))));
    // Plex-linked users sort by LOWER(jellyfinUsername), i.e. NULL, so they all come first.
    const byName = await call('GET', '/user?sort=displayname&take=16');
    expect(byName.body.results.map((u: { userType: number }) => u.userType)).toEqual([...Array(16).fill(1)]);
  });

  it('reads one user with settings, or 404', async () => {
    const res = await call('GET', '/user/2');
    expect(res.body).toMatchObject({ id: 2, settings: { locale: '' }, displayName: expect.any(String) });
    const missing = await call('GET', '/user/9999');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('{"message":"User not found."}');
  });

  it('creates a local user: email from the username, lower-cased, default permissions, no email in the reply', async () => {
    const res = await call('POST', '/user', {
      body: { username: 'JDoe', password: 'short', permissions: 2 },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual([
      ...['permissions', 'warnings', 'avatar', 'username', 'userType', 'id', 'createdAt', 'updatedAt'],
      ...['plexUsername', 'jellyfinUsername', 'recoveryLinkExpirationDate', 'jellyfinUserId'],
      ...['avatarETag', 'avatarVersion', 'movieQuotaLimit', 'movieQuotaDays', 'tvQuotaLimit', 'tvQuotaDays'],
    ]);
    expect(res.body).toMatchObject({ id: 47, username: 'JDoe', userType: 2, permissions: 32, warnings: [] });
    expect(res.body).toMatchObject({ plexUsername: null, movieQuotaLimit: null, tvQuotaDays: null });
    expect(sim.state.users.get(47)).toMatchObject({ email: 'jdoe', username: 'JDoe', password: 'short' });
    const read = await call('GET', '/user/47');
    expect(read.body).toMatchObject({ email: 'jdoe', displayName: 'JDoe', requestCount: 0, settings: null });
  });

  it('refuses a duplicate e-mail case-insensitively with 409', async () => {
    const local = firstOf(UserType.LOCAL);
    const res = await call('POST', '/user', {
      body: { username: 'x', email: local.email.toUpperCase(), password: 'p' },
    });
    expect(res.status).toBe(409);
    expect(res.text).toBe('{"message":"User already exists with submitted email.","errors":["USER_EXISTS"]}');
    // A Jellyfin user's e-mail is its name, so a local user of that name without e-mail collides.
    const jf = firstOf(UserType.JELLYFIN);
    expect(
      (await call('POST', '/user', { body: { username: jf.jellyfinUsername, password: 'p' } })).status,
    ).toBe(409);
  });

  it('answers 500 without email and username, and without password while mail is off', async () => {
    const none = await call('POST', '/user', { body: { password: 'p' } });
    expect(none.status).toBe(500);
    expect(none.text).toBe('{"message":"Cannot read properties of undefined (reading \'toLowerCase\')"}');
    const noMail = await call('POST', '/user', { body: { username: 'nomail' } });
    expect(noMail.status).toBe(500);
    expect(noMail.text).toBe('{"message":"Email notifications must be enabled"}');
    sim.state.settings.email.enabled = true;
    const mailed = await call('POST', '/user', { body: { username: 'nomail' } });
    expect(mailed.status).toBe(201);
    expect(sim.state.outbox).toEqual([{ to: 'nomail', password: expect.stringMatching(/^.{16}$/) }]);
  });

  it('updates only username and permissions with PUT; omitted keys stay and quotas are ignored', async () => {
    const local = firstOf(UserType.LOCAL);
    const res = await call('PUT', `/user/${local.id}`, { body: { permissions: 96, movieQuotaLimit: 3 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: local.id, permissions: 96 });
    expect(res.body).not.toHaveProperty('email');
    expect(res.body).not.toHaveProperty('username');
    expect(sim.state.users.get(local.id)).toMatchObject({
      permissions: 96,
      username: local.username,
      movieQuotaLimit: local.movieQuotaLimit,
    });
    expect((await call('PUT', '/user/9999', { body: {} })).text).toBe('{"message":"User not found."}');
  });

  it('sets permissions, but never user 1', async () => {
    const local = firstOf(UserType.LOCAL);
    const res = await call('POST', `/user/${local.id}/settings/permissions`, { body: { permissions: 2 } });
    expect(res.body).toEqual({ permissions: 2 });
    expect((await call('GET', `/user/${local.id}/settings/permissions`)).body).toEqual({ permissions: 2 });
    const owner = await call('POST', '/user/1/settings/permissions', { body: { permissions: 32 } });
    expect(owner.status).toBe(403);
    expect(owner.text).toBe('{"message":"You do not have permission to modify this user"}');
  });

  it('never deletes user 1, 404s unknown ids, and cascades requests', async () => {
    const owner = await call('DELETE', '/user/1');
    expect(owner.status).toBe(405);
    expect(owner.text).toBe('{"message":"This account cannot be deleted."}');
    expect((await call('DELETE', '/user/9999')).text).toBe('{"message":"User not found."}');
    const victim = users().find((u) => u.id !== 1 && sim.state.requestCount(u.id) >= 2)!;
    const theirs = sim.state.requestsOf(victim.id).map((r) => r.id);
    const before = sim.state.requests.size;
    const res = await call('DELETE', `/user/${victim.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: victim.id, requestCount: theirs.length });
    expect(res.body).not.toHaveProperty('email');
    expect(res.body.requests).toHaveLength(theirs.length);
    expect(res.body.requests[0]).not.toHaveProperty('id');
    expect(sim.state.requests.size).toBe(before - theirs.length);
    expect(theirs.some((id) => sim.state.requests.has(id))).toBe(false);
    expect((await call('GET', `/user/${victim.id}`)).status).toBe(404);
  });

  it('lets the key delete other admins', async () => {
    const local = firstOf(UserType.LOCAL);
    local.permissions = Permission.ADMIN;
    expect((await call('DELETE', `/user/${local.id}`)).status).toBe(200);
  });

  it('writes quotas through settings/main for plain users only, replying without them', async () => {
    const local = firstOf(UserType.LOCAL);
    const quotas = { movieQuotaLimit: 5, movieQuotaDays: 7, tvQuotaLimit: 2, tvQuotaDays: 14 };
    const res = await call('POST', `/user/${local.id}/settings/main`, {
      body: { ...quotas, email: local.email },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: local.email });
    expect(sim.state.users.get(local.id)).toMatchObject(quotas);
    const read = await call('GET', `/user/${local.id}/settings/main`);
    expect(read.body).toMatchObject({ ...quotas, username: local.username, email: local.email, locale: '' });

    const manager = users().find((u) => u.id !== 1 && u.permissions & Permission.MANAGE_USERS)!;
    await call('POST', `/user/${manager.id}/settings/main`, {
      body: { movieQuotaLimit: 1, email: manager.email },
    });
    expect(sim.state.users.get(manager.id)!.movieQuotaLimit).toBeNull();
    const owner = await call('POST', '/user/1/settings/main', { body: { movieQuotaLimit: 1 } });
    expect(owner.status).toBe(200);
    expect(sim.state.users.get(1)!.movieQuotaLimit).toBeNull();
  });

  it('rewrites a Jellyfin user e-mail to the Jellyfin name when it is omitted, and 400s on a clash', async () => {
    const jf = firstOf(UserType.JELLYFIN);
    sim.state.setEmail(jf, 'real@example.test');
    const res = await call('POST', `/user/${jf.id}/settings/main`, { body: { username: 'Renamed' } });
    expect(res.body).toEqual({ username: 'Renamed', email: jf.jellyfinUsername });
    expect(sim.state.users.get(jf.id)).toMatchObject({ email: jf.jellyfinUsername, username: 'Renamed' });
    const other = firstOf(UserType.LOCAL);
    const clash = await call('POST', `/user/${jf.id}/settings/main`, { body: { email: other.email } });
    expect(clash.status).toBe(400);
    expect(clash.text).toBe('{"message":"INVALID_EMAIL"}');
  });

  it('checks password length before anything else and ignores confirmPassword', async () => {
    const local = firstOf(UserType.LOCAL);
    const short = await call('POST', `/user/${local.id}/settings/password`, {
      body: { newPassword: 'seven77' },
    });
    expect(short.status).toBe(400);
    expect(short.text).toBe('{"message":"Password must be at least 8 characters."}');
    const ok = await call('POST', `/user/${local.id}/settings/password`, {
      body: { currentPassword: '', newPassword: 'eight888', confirmPassword: 'different' },
    });
    expect(ok.status).toBe(204);
    expect(ok.text).toBe('');
    expect(sim.state.users.get(local.id)!.password).toBe('eight888');
    expect((await call('GET', `/user/${local.id}/settings/password`)).body).toEqual({ hasPassword: true });
  });

  it('uses the given people, Plex first, then Jellyfin, then local', () => {
    const crew = people(4, 100);
    const small = createSeerrSimulator({
      people: crew,
      plexUsers: 1,
      jellyfinUsers: 1,
      localUsers: 2,
      requests: 0,
    });
    const rows = [...small.state.users.values()];
    expect(rows.map((u) => [u.plexUsername, u.jellyfinUsername, u.username])).toEqual([
      ['admin', null, null],
      [crew[0].username, null, null],
      [null, crew[1].username, null],
      [null, null, crew[2].username],
      [null, null, crew[3].username],
    ]);
  });

  it('generates 10,000 users deterministically', () => {
    const big = createSeerrSimulator({
      localUsers: 5000,
      plexUsers: 4000,
      jellyfinUsers: 1000,
      requests: 500,
    });
    expect(big.state.users.size).toBe(10_001);
    const again = createSeerrSimulator({
      localUsers: 5000,
      plexUsers: 4000,
      jellyfinUsers: 1000,
      requests: 500,
    });
    expect(again.state.users.get(777)).toEqual(big.state.users.get(777));
    expect(again.state.requests.get(321)).toEqual(big.state.requests.get(321));
  });
});
