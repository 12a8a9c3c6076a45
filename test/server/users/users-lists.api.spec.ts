import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import type { DetailedUserDto } from '../../../server/users/users.dto';
import { startTestPanel, type TestPanel } from '../support/test-panel';
import { runToEnd, startSyncWorld, type SyncWorld } from '../sync/sync-world';

/** The Users page's lists against the simulators: sign-in names, credentials, outages and the cache. */
describe('users page lists', () => {
  let world: SyncWorld;
  let panel: TestPanel;
  let token: string;
  const get = (path: string) => panel.http().get(path).auth(token, { type: 'bearer' });
  const put = (path: string) => panel.http().put(path).auth(token, { type: 'bearer' });
  const upstream = () =>
    world.seerr.totalRequests() +
    world.plexTv.sim.totalRequests() +
    world.jellyfin.totalRequests() +
    world.emby.totalRequests();
  const detailed = async (query = '') =>
    (await get(`/api/users/detailed${query}`).expect(200)).body as {
      users: DetailedUserDto[];
      server_errors: string[];
      stale_servers: { name: string; read_at: string }[];
      seerr_error: string | null;
      seerr_stale: boolean;
      seerr_read_at: string | null;
      read_at: string;
    };
  const row = (users: DetailedUserDto[], name: string) =>
    users.find((u) => u.username.toLowerCase() === name.toLowerCase());

  beforeAll(async () => {
    world = await startSyncWorld();
    panel = await startTestPanel(world.config, world.env);
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await world.stop();
  });
  afterEach(() => {
    world.seerr.resetFaults();
    world.jellyfin.resetFaults();
  });

  it('says what each person types into Seerr’s sign-in, and shows Seerr’s quota beside the intended limit', async () => {
    const { users } = await detailed('?refresh=true');
    const plexPerson = world.plexTv.state.users.find(
      (u) => u.username && u.email && !row(users, u.username)?.seerr_id,
    )!;
    expect(row(users, plexPerson.username)).toMatchObject({
      status: 'create',
      sign_in: plexPerson.email.toLowerCase(),
      sign_in_method: 'local',
      password_rule: expect.stringMatching(/password suffix of Plex \("!plex"\)/),
    });
    const jellyOnly = world.jellyfin.state.users.find(
      (u) =>
        !u.Policy.IsDisabled &&
        row(users, u.Name)?.status === 'create' &&
        row(users, u.Name)?.sources[0] === 'Jelly',
    )!;
    expect(row(users, jellyOnly.Name)).toMatchObject({
      sign_in: jellyOnly.Name.toLowerCase(),
      sign_in_method: 'local',
    });
    const linked = [...world.seerr.state.users.values()].find((u) => u.plexUsername && u.id !== 1)!;
    expect(row(users, linked.plexUsername!)).toMatchObject({
      sign_in: linked.plexUsername,
      sign_in_method: 'plex',
      password_rule: expect.stringMatching(/Sign in with Plex/),
      request_limit: 4,
      seerr_quota: {
        movie_limit: linked.movieQuotaLimit,
        movie_days: linked.movieQuotaDays,
        tv_limit: linked.tvQuotaLimit,
        tv_days: linked.tvQuotaDays,
      },
    });
  });

  it('lists people disabled on their only server with that reason, once', async () => {
    const onOthers = (name: string) =>
      world.plexTv.state.users.some((p) => p.username.toLowerCase() === name.toLowerCase()) ||
      world.emby.state.users.some((e) => e.Name.toLowerCase() === name.toLowerCase());
    const person = world.jellyfin.state.users.find((u) => !u.Policy.IsDisabled && !onOthers(u.Name))!;
    person.Policy.IsDisabled = true;
    world.jellyfin.state.touch();
    try {
      const { users } = await detailed('?refresh=true');
      expect(users.filter((u) => u.username.toLowerCase() === person.Name.toLowerCase())).toEqual([
        expect.objectContaining({
          status: 'skipped',
          synced: false,
          sources: ['Jelly'],
          reason: 'Disabled on Jelly',
        }),
      ]);
    } finally {
      person.Policy.IsDisabled = false;
      world.jellyfin.state.touch();
    }
  });

  it('answers a second load, the media servers page and a toggle from the cache; refresh and a config change read again', async () => {
    const first = await detailed('?refresh=true');
    const before = upstream();
    const second = await detailed();
    await get('/api/mediaservers').expect(200);
    const name = second.users.find((u) => u.status === 'create')!.username;
    const toggled = await put(`/api/users/${name}/settings`).send({ immune: true }).expect(200);
    expect(upstream()).toBe(before);
    expect(second.read_at).toBe(first.read_at);
    expect(toggled.body.user).toMatchObject({ username: name, immune: true, status: 'create' });

    await detailed('?refresh=true');
    const afterRefresh = upstream();
    expect(afterRefresh).toBeGreaterThan(before);

    await put('/api/seerr').send({ quota_days: 14 }).expect(200);
    await detailed();
    expect(upstream()).toBeGreaterThan(afterRefresh);
  });

  it('shows Seerr’s last good list, marked stale with the reason, when Seerr fails after a good read', async () => {
    const good = await detailed('?refresh=true');
    expect(good).toMatchObject({ seerr_error: null, seerr_stale: false, seerr_read_at: expect.any(String) });
    const linked = [...world.seerr.state.users.values()].find((u) => u.plexUsername && u.id !== 1)!;
    const before = row(good.users, linked.plexUsername!)!;
    world.seerr.setFaults({ errorRate: 1, errorStatus: 500 });

    const view = await detailed('?refresh=true');
    expect(view.seerr_error).toMatch(/Seerr/);
    expect(view).toMatchObject({
      seerr_stale: true,
      seerr_read_at: good.seerr_read_at,
      read_at: good.seerr_read_at,
    });
    expect(row(view.users, linked.plexUsername!)).toEqual(before);
    expect(view.users.some((u) => u.status === 'unknown')).toBe(false);

    // A toggle answers from the same lists; a password needs Seerr itself, so it is refused with the reason.
    const toggled = await put(`/api/users/${linked.plexUsername}/settings`)
      .send({ immune: true })
      .expect(200);
    expect(toggled.body.user).toMatchObject({ seerr_id: linked.id, immune: true });
    const password = await put(`/api/users/${linked.plexUsername}/settings`)
      .send({ password: 'long enough' })
      .expect(502);
    expect(password.body.message).toMatch(/Seerr/);
    await put(`/api/users/${linked.plexUsername}/settings`).send({ immune: false }).expect(200);
    expect(world.seerr.count('DELETE /api/v1/user/:id')).toBe(0);
  });

  it('shows no Seerr data after Seerr’s URL changes, not even when it changes back: the media-server people, its columns unknown with the reason; no deletion planned', async () => {
    await detailed('?refresh=true');
    world.seerr.setFaults({ errorRate: 1, errorStatus: 500 });
    expect((await detailed('?refresh=true')).seerr_stale).toBe(true);
    try {
      await put('/api/seerr').send({ url: 'http://127.0.0.1:9' }).expect(200);
      expect(await detailed()).toMatchObject({ seerr_stale: false, seerr_read_at: null });
      await put('/api/seerr').send({ url: world.seerr.url }).expect(200);
      const view = await detailed();
      expect(view).toMatchObject({
        seerr_stale: false,
        seerr_read_at: null,
        seerr_error: expect.stringMatching(/Seerr/),
      });
      expect(view.users.every((u) => u.seerr_id === null && u.request_count === null)).toBe(true);
      const active = world.plexTv.state.users.find((u) => u.username)!;
      expect(row(view.users, active.username)).toMatchObject({
        status: 'unknown',
        synced: false,
        seerr_id: null,
        request_count: null,
        sign_in: null,
        reason: expect.stringMatching(/^Seerr could not be read/),
      });
      expect(view.users.some((u) => u.sources.length === 0)).toBe(false);
      expect(world.seerr.count('DELETE /api/v1/user/:id')).toBe(0);
    } finally {
      await put('/api/seerr').send({ url: world.seerr.url }).expect(200);
    }
  });

  it('keeps the Seerr rows when a media server is down and names it; its last good list is shown, marked stale', async () => {
    const onOthers = (name: string) =>
      world.plexTv.state.users.some((p) => p.username.toLowerCase() === name.toLowerCase()) ||
      world.emby.state.users.some((e) => e.Name.toLowerCase() === name.toLowerCase());
    const jellyOnly = world.jellyfin.state.users.find((u) => !u.Policy.IsDisabled && !onOthers(u.Name))!;
    const good = await detailed('?refresh=true');
    world.jellyfin.setFaults({ errorRate: 1, errorStatus: 500 });
    const view = await detailed('?refresh=true');
    expect(view.seerr_error).toBeNull();
    expect(view.server_errors.join(' ')).toMatch(/^Jelly: /);
    expect(view.stale_servers).toEqual([{ name: 'Jelly', read_at: expect.any(String) }]);
    const staleAt = view.stale_servers[0].read_at;
    expect(staleAt >= good.read_at && staleAt < view.seerr_read_at!).toBe(true);
    expect(view.read_at).toBe(staleAt);
    const jellyLinked = [...world.seerr.state.users.values()].find((u) => u.jellyfinUsername)!;
    expect(row(view.users, jellyLinked.jellyfinUsername!)).toMatchObject({ seerr_id: jellyLinked.id });
    expect(row(view.users, jellyOnly.Name)).toEqual(row(good.users, jellyOnly.Name));

    // Another entry is another server: its old list is not shown.
    await put('/api/mediaservers/Jelly').send({ request_limit: 3 }).expect(200);
    try {
      const edited = await detailed();
      expect(edited.stale_servers).toEqual([]);
      expect(row(edited.users, jellyOnly.Name)).toBeUndefined();
    } finally {
      await put('/api/mediaservers/Jelly').send({ request_limit: 2 }).expect(200);
    }
  });

  it('counts requests as Seerr does (blocklisted media too) and says how many its list leaves out', async () => {
    const request = [...world.seerr.state.requests.values()].find((r) => !r.is4k)!;
    const media = world.seerr.state.media.get(request.mediaId)!;
    const status = media.status;
    media.status = 6; // BLOCKLISTED: Seerr's request list leaves it out, its counts do not
    try {
      const res = await get('/api/users/requests').expect(200);
      expect(res.body.all_requests).toBe(world.seerr.state.requests.size);
      expect(res.body.total).toBe(world.seerr.state.requests.size - 1);
      const group = res.body.users.find((g: { user_id: number }) => g.user_id === request.requestedById);
      if (group) expect(group.request_count).toBe(group.requests.length + 1);
      const seerrPage = await get('/api/seerr').expect(200);
      expect(seerrPage.body.live.total_requests).toBe(res.body.all_requests);
    } finally {
      media.status = status;
    }
  });

  it('a sync records sign-ins and re-reads the lists; its credentials sheet signs in to Seerr and is audited', async () => {
    await put('/api/seerr').send({ quota_days: 7 }).expect(200);
    await detailed();
    const beforeRun = upstream();
    const run = await runToEnd(panel, token);
    const afterRun = upstream();
    expect(afterRun).toBeGreaterThan(beforeRun);
    await detailed();
    expect(upstream()).toBeGreaterThan(afterRun);

    const created = run.users.filter((u) => u.action === 'create' && u.outcome === 'ok');
    expect(created.length).toBeGreaterThan(3);
    for (const u of created) expect(u.sign_in).toEqual(expect.any(String));

    const csv = await get(`/api/sync/runs/${run.id}/credentials.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['cache-control']).toBe('no-store');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('username,sign_in,password,password_rule,server,seerr_id');
    expect(lines).toHaveLength(created.length + 1);

    const sheet = await get(`/api/sync/runs/${run.id}/credentials`).expect(200);
    for (const c of sheet.body.users.slice(0, 5)) {
      const res = await fetch(`${world.seerr.url}/api/v1/auth/local`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: c.sign_in, password: c.password }),
      });
      expect(res.status).toBe(200);
    }

    const database = join(dirname(panel.configFile), 'seedbox-panel.db');
    const stored = ['', '-wal'].map((ext) => {
      try {
        return readFileSync(`${database}${ext}`).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(stored.join('')).not.toContain(sheet.body.users[0].password);

    const audit = await get('/api/audit?action=sync.credentials.csv').expect(200);
    expect(audit.body.items[0]).toMatchObject({ target: `run #${run.id}`, outcome: 'ok' });
  });
});
