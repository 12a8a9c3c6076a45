import { Permission, UserType, type SeerrSimulator } from '../../simulators/seerr';
import { startSeerr, type Answer, type CallOptions } from '../../simulators/seerr/seerr.test-client';

type Call = (method: string, path: string, opts?: CallOptions) => Promise<Answer>;

/** The `name=value` pairs of every Set-Cookie of an answer. */
function setCookies(res: Answer): Record<string, string> {
  return Object.fromEntries(
    res.headers.getSetCookie().map((c) => {
      const pair = c.split(';')[0];
      return [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    }),
  );
}

describe('Seerr simulator: local sign-in', () => {
  let sim: SeerrSimulator;
  let call: Call;
  beforeEach(
    async () => ({ sim, call } = await startSeerr({ localUsers: 6, plexUsers: 3, jellyfinUsers: 2 })),
  );
  afterEach(() => sim.stop());

  const signIn = (email: unknown, password: unknown) =>
    call('POST', '/auth/local', { key: null, body: { email, password } });

  it('signs a user in by e-mail, case-insensitively, with a session cookie that acts as that user', async () => {
    const created = await call('POST', '/user', {
      body: { username: 'Mixed', email: 'Mixed.Case@Example.TEST', password: 'secret-pass' },
    });
    const res = await signIn('MIXED.case@example.test', 'secret-pass');
    expect(res.status).toBe(200);
    // Only the columns the sign-in query selects, filtered: the entity defaults, id and displayName.
    expect(res.body).toEqual({
      permissions: 0,
      warnings: [],
      id: created.body.id,
      displayName: 'mixed.case@example.test',
    });
    const sid = setCookies(res)['connect.sid'];
    expect(decodeURIComponent(sid)).toMatch(/^s:[\w-]+\.[\w+/]+$/);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
    const me = await call('GET', '/auth/me', { key: null, headers: { Cookie: `connect.sid=${sid}` } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: created.body.id, username: 'Mixed' });
    const forged = await call('GET', '/auth/me', {
      key: null,
      headers: { Cookie: `connect.sid=${sid.slice(0, -2)}xx` },
    });
    expect(forged.status).toBe(403);
  });

  it('finds a user created without e-mail by its lower-cased username, never by the username otherwise', async () => {
    await call('POST', '/user', { body: { username: 'NoMail', password: 'pass-word' } });
    expect((await signIn('nomail', 'pass-word')).status).toBe(200);
    expect((await signIn('NOMAIL', 'pass-word')).status).toBe(200);
    await call('POST', '/user', {
      body: { username: 'WithMail', email: 'w@example.test', password: 'pw-pw-pw' },
    });
    const byName = await signIn('WithMail', 'pw-pw-pw');
    expect(byName.status).toBe(403);
    expect(byName.text).toBe('{"message":"Access denied."}');
  });

  it('checks the password for real, also after settings/password changed it', async () => {
    const created = await call('POST', '/user', {
      body: { username: 'pw', email: 'pw@example.test', password: 'first-pass' },
    });
    expect((await signIn('pw@example.test', 'first-pass')).status).toBe(200);
    await call('POST', `/user/${created.body.id}/settings/password`, {
      body: { newPassword: 'second-pass' },
    });
    const old = await signIn('pw@example.test', 'first-pass');
    expect(old.status).toBe(403);
    expect(old.text).toBe('{"message":"Access denied."}');
    expect((await signIn('pw@example.test', 'second-pass')).status).toBe(200);
    expect((await signIn('nobody@example.test', 'second-pass')).text).toBe('{"message":"Access denied."}');
  });

  it('never signs in a user without a password (media-server-linked users)', async () => {
    const plex = [...sim.state.users.values()].find((u) => u.userType === UserType.PLEX && u.id !== 1)!;
    expect(plex.password).toBeNull();
    expect((await signIn(plex.email, 'anything-at-all')).status).toBe(403);
  });

  it('answers 500 when local sign-in is off, or the e-mail or password is empty', async () => {
    const local = [...sim.state.users.values()].find((u) => u.userType === UserType.LOCAL)!;
    sim.state.settings.main.localLogin = false;
    const off = await signIn(local.email, local.password);
    expect(off.status).toBe(500);
    expect(off.text).toBe('{"error":"Password sign-in is disabled."}');
    sim.state.settings.main.localLogin = true;
    expect((await signIn(local.email, local.password)).status).toBe(200);
    const empty = await signIn('', 'x');
    expect(empty.status).toBe(500);
    expect(empty.text).toBe('{"error":"You must provide both an email address and a password."}');
  });

  it("words body errors as Seerr's validator does", async () => {
    const wrongType = await signIn(5, 'x');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toEqual({
      message: 'request/body/email must be string',
      errors: [{ path: '/body/email', message: 'must be string', errorCode: 'type.openapi.validation' }],
    });
    const missing = await call('POST', '/auth/local', { key: null, body: { email: 'a@b.c' } });
    expect(missing.body.message).toBe("request/body must have required property 'password'");
  });

  it('never shows a password in any answer', async () => {
    const created = await call('POST', '/user', {
      body: { username: 'hidden', email: 'hidden@example.test', password: 'Sup3r-s3cret' },
    });
    const id = created.body.id as number;
    const answers = await Promise.all([
      signIn('hidden@example.test', 'Sup3r-s3cret'),
      call('GET', `/user/${id}`),
      call('GET', '/user?take=100'),
      call('GET', `/user/${id}/settings/main`),
      call('GET', `/user/${id}/settings/password`),
      call('PUT', `/user/${id}`, { body: { permissions: Permission.REQUEST } }),
    ]);
    for (const res of [created, ...answers]) {
      expect(res.text).not.toContain('Sup3r-s3cret');
      expect(res.text).not.toContain('"password"');
    }
  });
});

describe('Seerr simulator: CSRF protection', () => {
  let sim: SeerrSimulator;
  let call: Call;
  beforeEach(async () => ({ sim, call } = await startSeerr({ csrfProtection: true, requests: 4 })));
  afterEach(() => sim.stop());

  const refused = (res: Answer) => {
    expect(res.status).toBe(403);
    expect(res.text).toBe('{"message":"invalid csrf token"}');
  };

  it('refuses every write without a token, even with the API key, before the validator', async () => {
    const before = sim.state.users.size;
    refused(await call('POST', '/user', { body: { username: 'x', password: 'pass-word' } }));
    expect(sim.state.users.size).toBe(before);
    refused(await call('POST', '/user/2/settings/main', { body: { email: sim.state.users.get(2)!.email } }));
    refused(await call('DELETE', '/user/2'));
    refused(await call('PUT', '/user/2', { body: { permissions: 32 } }));
    refused(await call('POST', '/auth/local', { key: null, body: { email: 'a', password: 'b' } }));
    // Ahead of the validator: an unknown path, a wrong method and a missing key all get the CSRF 403.
    refused(await call('POST', '/user/5/settings/quota', { body: {} }));
    refused(await call('POST', '/media/12', { key: null }));
    // The JSON parser runs first.
    expect((await call('POST', '/user', { body: '{oops' })).status).toBe(400);
  });

  it('still answers reads, handing out the secret and token cookies', async () => {
    const res = await call('GET', '/auth/me');
    expect(res.status).toBe(200);
    const jar = setCookies(res);
    expect(Object.keys(jar)).toEqual(['_csrf', 'XSRF-TOKEN']);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('accepts a write carrying the token of its secret', async () => {
    const jar = setCookies(await call('GET', '/status'));
    const cookie = `_csrf=${jar._csrf}`;
    const ok = await call('POST', '/user', {
      body: { username: 'tokened', password: 'pass-word' },
      headers: { Cookie: cookie, 'X-XSRF-TOKEN': jar['XSRF-TOKEN'] },
    });
    expect(ok.status).toBe(201);
    const otherSecret = setCookies(await call('GET', '/status'))._csrf;
    refused(
      await call('POST', '/user', {
        body: { username: 'mismatch', password: 'pass-word' },
        headers: { Cookie: `_csrf=${otherSecret}`, 'X-XSRF-TOKEN': jar['XSRF-TOKEN'] },
      }),
    );
  });

  it('is switched at run time in code and through the control endpoint', async () => {
    sim.setCsrfProtection(false);
    expect((await call('POST', '/user', { body: { username: 'a1', password: 'pass-word' } })).status).toBe(
      201,
    );
    const put = await fetch(`${sim.url}/__sim/settings/network`, {
      method: 'PUT',
      body: JSON.stringify({ csrfProtection: true }),
    });
    expect(await put.json()).toMatchObject({ csrfProtection: true });
    refused(await call('POST', '/user', { body: { username: 'a2', password: 'pass-word' } }));
    const bad = await fetch(`${sim.url}/__sim/settings/network`, {
      method: 'PUT',
      body: '{"csrfProtection":1}',
    });
    expect(bad.status).toBe(400);
    // Not a fault: resetting the faults leaves the setting alone.
    sim.resetFaults();
    expect(sim.state.settings.network.csrfProtection).toBe(true);
  });
});

describe('Seerr simulator: replies as Seerr 3.1.0 writes them', () => {
  let sim: SeerrSimulator;
  let call: Call;
  beforeAll(async () => ({ sim, call } = await startSeerr({ requests: 30 })));
  afterAll(() => sim.stop());

  it('answers canRemove false on every request for the API key', async () => {
    const res = await call('GET', '/request?take=30');
    expect(res.body.results.length).toBeGreaterThan(20); // blocklisted media is left out
    for (const r of res.body.results) expect(r.canRemove).toBe(false);
  });

  it("answers a user's settings/main in Seerr's key order, null for empty stored settings", async () => {
    const local = [...sim.state.users.values()].find((u) => u.userType === UserType.LOCAL && u.settings)!;
    sim.state.settings.main.defaultQuotas = { movie: { quotaLimit: 10, quotaDays: 7 }, tv: {} };
    const res = await call('GET', `/user/${local.id}/settings/main`);
    expect(Object.keys(res.body)).toEqual([
      ...['username', 'email', 'discordId', 'locale', 'discoverRegion', 'streamingRegion'],
      ...['excludedWatchProviders', 'originalLanguage', 'movieQuotaLimit', 'movieQuotaDays'],
      ...['tvQuotaLimit', 'tvQuotaDays', 'globalMovieQuotaDays', 'globalMovieQuotaLimit'],
      ...['watchlistSyncMovies', 'watchlistSyncTv'],
    ]);
    expect(res.body).toMatchObject({ discordId: null, locale: '', globalMovieQuotaLimit: 10 });
    const created = await call('POST', '/user', { body: { username: 'fresh', password: 'pass-word' } });
    const fresh = await call('GET', `/user/${created.body.id}/settings/main`);
    // No settings row yet: only the user's own columns and the defaults.
    expect(Object.keys(fresh.body)).toEqual([
      ...['username', 'email', 'movieQuotaLimit', 'movieQuotaDays', 'tvQuotaLimit', 'tvQuotaDays'],
      ...['globalMovieQuotaDays', 'globalMovieQuotaLimit'],
    ]);
  });
});
