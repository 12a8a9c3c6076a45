import { readFileSync } from 'node:fs';
import { startTestPanel, type TestPanel } from '../support/test-panel';
import { startSyncWorld, type SyncWorld } from '../sync/sync-world';

describe('users API', () => {
  let world: SyncWorld;
  let panel: TestPanel;
  let token: string;
  const get = (path: string) => panel.http().get(path).auth(token, { type: 'bearer' });
  const put = (path: string) => panel.http().put(path).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    world = await startSyncWorld();
    const blocked = world.plexTv.state.users.filter((u) => u.username)[3].username;
    panel = await startTestPanel(
      { ...world.config, user_settings: { [blocked.toLowerCase()]: { blocked: true } } },
      world.env,
    );
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await world.stop();
  });

  it('lists Seerr users in snake_case without secrets', async () => {
    const res = await get('/api/users').expect(200);
    expect(res.body.length).toBe(world.seerr.state.users.size);
    expect(res.body[0]).toMatchObject({
      id: 1,
      display_name: expect.any(String),
      request_count: expect.any(Number),
    });
    expect(JSON.stringify(res.body)).not.toContain('password');
  });

  it('explains per person why they are or are not synced', async () => {
    world.emby.setFaults({ hang: true });
    try {
      const res = await get('/api/users/detailed').expect(200);
      const byName = (name: string) =>
        res.body.users.find((u: { username: string }) => u.username.toLowerCase() === name.toLowerCase());
      const blockedName = world.plexTv.state.users.filter((u) => u.username)[3].username;
      expect(byName(blockedName)).toMatchObject({
        status: 'blocked',
        blocked: true,
        reason: 'Blocked in the panel: never synced',
      });
      const linked = [...world.seerr.state.users.values()].find((u) => u.plexUsername && u.id !== 1)!;
      expect(byName(linked.plexUsername!)).toMatchObject({
        synced: true,
        seerr_id: linked.id,
        password_suffix: '!plex',
        request_limit: 4,
      });
      const stray = byName(world.strays[0]);
      expect(stray).toMatchObject({ synced: false, sources: [] });
      expect(stray.reason).toMatch(/Emby/);
      expect(res.body.server_errors.join(' ')).toMatch(/Emby .*did not answer/);
    } finally {
      world.emby.resetFaults();
    }
  });

  it('groups requests by user with titles, asking Seerr for titles only once', async () => {
    const first = await get('/api/users/requests').expect(200);
    expect(first.body.total).toBe(world.seerr.state.requests.size);
    const titled = first.body.users
      .flatMap((u: { requests: Array<{ title: string | null }> }) => u.requests)
      .filter((r: { title: string | null }) => r.title);
    expect(titled.length).toBeGreaterThan(0);
    const titleCalls = () =>
      Object.entries(world.seerr.counters())
        .filter(([k]) => /\/(movie|tv)\//.test(k))
        .reduce((n, [, c]) => n + c, 0);
    const before = titleCalls();
    await get('/api/users/requests').expect(200);
    expect(titleCalls()).toBe(before);
  });

  it('blocks, makes immune and sets a password; refuses a short one naming the field', async () => {
    const linked = [...world.seerr.state.users.values()].find((u) => u.plexUsername && u.id !== 1)!;
    const name = linked.plexUsername!;
    const short = await put(`/api/users/${name}/settings`).send({ password: 'short' }).expect(400);
    expect(short.body.details).toEqual([
      { field: 'password', message: expect.stringMatching(/at least 8 characters/) },
    ]);
    const res = await put(`/api/users/${name}/settings`)
      .send({ immune: true, password: 'a-new-password' })
      .expect(200);
    expect(res.body).toMatchObject({
      immune: true,
      blocked: false,
      password_changed: true,
      seerr_id: linked.id,
    });
    expect(world.seerr.state.users.get(linked.id)?.password).toBe('a-new-password');
    const file = JSON.parse(readFileSync(panel.configFile, 'utf8'));
    expect(file.user_settings[name.toLowerCase()].immune).toBe(true);
    await put('/api/users/nobody-here/settings').send({ password: 'whatever-long' }).expect(404);
    const audit = await get('/api/audit?action=users.settings').expect(200);
    expect(JSON.stringify(audit.body)).not.toContain('a-new-password');
  });

  it("refuses to set the password of Seerr's owner or an administrator (403), changing nothing", async () => {
    const owner = world.seerr.state.users.get(1)!;
    const admin = [...world.seerr.state.users.values()].find((u) => u.id !== 1 && u.plexUsername)!;
    const permissions = admin.permissions;
    admin.permissions = 2; // ADMIN
    const before = [owner.password, admin.password];
    for (const [user, who] of [
      [owner, "Seerr's owner"],
      [admin, 'a Seerr administrator'],
    ] as const) {
      const name = user.username ?? user.plexUsername ?? user.email;
      const res = await put(`/api/users/${name}/settings`).send({ password: 'taken-over-1' }).expect(403);
      expect(res.body.message).toBe(
        `${name} is ${who}${who === "Seerr's owner" ? '' : ' (admin or manage-users permission)'}: the panel does not change their password; they change it in Seerr.`,
      );
    }
    expect([owner.password, admin.password]).toEqual(before);
    admin.permissions = permissions;
  });

  it('refuses to set a password by a name that is only someone else’s e-mail (409), changing nobody', async () => {
    const robin = [...world.seerr.state.users.values()].find(
      (u) => u.id !== 1 && u.email.includes('@') && u.email !== (u.username ?? u.plexUsername),
    )!;
    const before = robin.password;
    const res = await put(`/api/users/${robin.email}/settings`)
      .send({ password: 'not-robins-1' })
      .expect(409);
    expect(res.body.message).toMatch(
      new RegExp(
        `^${robin.email.replace(/[.+]/g, '\\$&')} cannot be told apart in Seerr: Its name is the e-mail of Seerr user #${robin.id}`,
      ),
    );
    expect(robin.password).toBe(before);
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'keeps settings for a user named %s like any other',
    async (name) => {
      const res = await put(`/api/users/${name}/settings`).send({ blocked: true }).expect(200);
      expect(res.body).toMatchObject({ username: name, blocked: true, immune: false });
      const file = JSON.parse(readFileSync(panel.configFile, 'utf8'));
      expect(Object.hasOwn(file.user_settings, name.toLowerCase())).toBe(true);
      expect(file.user_settings[name.toLowerCase()]).toMatchObject({ blocked: true });
      expect(Object.getPrototypeOf(file.user_settings)).toBe(Object.prototype);
    },
  );

  it('adds a user by hand and answers 409 for a person Seerr already has', async () => {
    const res = await panel
      .http()
      .post('/api/users')
      .auth(token, { type: 'bearer' })
      .send({ username: 'handmade', password: 'handmade-pass', request_limit: 2 })
      .expect(201);
    expect(world.seerr.state.users.get(res.body.seerr_id)).toMatchObject({
      username: 'handmade',
      movieQuotaLimit: 2,
    });
    const dup = await panel
      .http()
      .post('/api/users')
      .auth(token, { type: 'bearer' })
      .send({ username: 'HANDMADE', password: 'handmade-pass' })
      .expect(409);
    expect(dup.body.message).toMatch(/already has a user for HANDMADE/);
  });
});
