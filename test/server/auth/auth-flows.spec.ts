import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { baseConfig, startTestPanel, TEST_ADMIN, type TestPanel } from '../support/test-panel';
import { hashPassword } from '../../../server/config/password-hash';
import { RefreshReplay, REFRESH_GRACE_MS } from '../../../server/auth/refresh-replay';
import { RefreshTokenStore } from '../../../server/auth/refresh-token.store';
import { DatabaseService } from '../../../server/database/database.service';

describe('auth flows', () => {
  let panel: TestPanel;
  beforeAll(async () => {
    panel = await startTestPanel(baseConfig({ login_throttle: { max_failures: 3, window_seconds: 60 } }));
  });
  afterAll(() => panel.close());

  it('logs in with good credentials and keeps the Seerrsync `token` field', async () => {
    const res = await panel.http().post('/api/auth/login').send(TEST_ADMIN).expect(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', username: 'admin', expires_in: 900 });
    expect(res.body.token).toBe(res.body.access_token);
    const verify = await panel
      .http()
      .get('/api/auth/verify')
      .auth(res.body.access_token, { type: 'bearer' })
      .expect(200);
    expect(verify.body).toMatchObject({ valid: true, username: 'admin' });
  });

  it('refuses a wrong password or user name with the same sentence', async () => {
    const a = await panel
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '10.0.0.1')
      .send({ ...TEST_ADMIN, password: 'nope' });
    const b = await panel
      .http()
      .post('/api/auth/login')
      .send({ username: 'root', password: TEST_ADMIN.password });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.message).toBe('Wrong username or password.');
    expect(b.body.message).toBe(a.body.message);
  });

  it('rotates refresh tokens and rejects a rotated one after the grace period, ending that session', async () => {
    const first = await panel.login();
    const second = (
      await panel.http().post('/api/auth/refresh').send({ refresh_token: first.refresh_token }).expect(200)
    ).body;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await panel.http().get('/api/auth/verify').auth(second.access_token, { type: 'bearer' }).expect(200);
    // Within the grace period another tab would get the same pair (see refresh-tabs.spec.ts).
    const clock = jest
      .spyOn(panel.app.get(RefreshReplay), 'now')
      .mockReturnValue(Date.now() + REFRESH_GRACE_MS + 1);

    const reuse = await panel
      .http()
      .post('/api/auth/refresh')
      .send({ refresh_token: first.refresh_token })
      .expect(401);
    expect(reuse.body.message).toMatch(/already used/);
    // Reuse signals theft: the whole session dies, including the newest tokens.
    await panel.http().post('/api/auth/refresh').send({ refresh_token: second.refresh_token }).expect(401);
    await panel.http().get('/api/auth/verify').auth(second.access_token, { type: 'bearer' }).expect(401);
    clock.mockRestore();
  });

  it('audits refused token refreshes only: the routine ones of open pages are not an admin action', async () => {
    const session = await panel.login();
    const refreshEntries = async (token: string) => {
      await panel.auditWritten();
      const res = await panel
        .http()
        .get('/api/audit?action=auth.refresh&page_size=500')
        .auth(token, { type: 'bearer' })
        .expect(200);
      return res.body.items as { outcome: string; status_code: number }[];
    };
    const before = await refreshEntries(session.access_token);
    const fresh = (
      await panel.http().post('/api/auth/refresh').send({ refresh_token: session.refresh_token }).expect(200)
    ).body;
    await panel.http().post('/api/auth/refresh').send({ refresh_token: 'not-a-token' }).expect(401);
    const after = await refreshEntries(fresh.access_token);
    expect(after.length - before.length).toBe(1);
    expect(after[0]).toMatchObject({ outcome: 'error', status_code: 401 });
    expect(after.filter((e) => e.outcome === 'ok')).toEqual([]);
  });

  it('logout revokes the refresh token and the access token', async () => {
    const session = await panel.login();
    await panel
      .http()
      .post('/api/auth/logout')
      .auth(session.access_token, { type: 'bearer' })
      .send({ refresh_token: session.refresh_token })
      .expect(204);
    const refresh = await panel
      .http()
      .post('/api/auth/refresh')
      .send({ refresh_token: session.refresh_token })
      .expect(401);
    expect(refresh.body.message).toMatch(/signed out/);
    const verify = await panel
      .http()
      .get('/api/auth/verify')
      .auth(session.access_token, { type: 'bearer' })
      .expect(401);
    expect(verify.body.message).toMatch(/signed out/);
  });

  it('logs out with only the bearer token, as Seerrsync clients do', async () => {
    const session = await panel.login();
    await panel.http().post('/api/auth/logout').auth(session.access_token, { type: 'bearer' }).expect(204);
    await panel.http().get('/api/auth/verify').auth(session.access_token, { type: 'bearer' }).expect(401);
    const refresh = await panel
      .http()
      .post('/api/auth/refresh')
      .send({ refresh_token: session.refresh_token })
      .expect(401);
    expect(refresh.body.message).toMatch(/signed out/);
  });

  it('rejects an expired token and one signed with another secret', async () => {
    const session = await panel.login();
    const secret = readFileSync(join(panel.dir, '.jwt-secret'), 'utf8').trim();
    const payload = JSON.parse(Buffer.from(session.access_token.split('.')[1], 'base64url').toString());
    const jwt = new JwtService();
    const expired = jwt.sign(
      { sub: 'admin', sid: payload.sid, typ: 'access', exp: Math.floor(Date.now() / 1000) - 10 },
      { secret },
    );
    const forged = jwt.sign(
      { sub: 'admin', sid: payload.sid, typ: 'access' },
      { secret: 'another secret entirely 0123456789' },
    );
    const a = await panel.http().get('/api/auth/verify').auth(expired, { type: 'bearer' }).expect(401);
    expect(a.body.message).toMatch(/expired/);
    await panel.http().get('/api/auth/verify').auth(forged, { type: 'bearer' }).expect(401);
    await panel.http().get('/api/auth/verify').auth('not-a-jwt', { type: 'bearer' }).expect(401);
  });

  it('keeps the JWT secret beside the config with mode 0600', () => {
    expect(statSync(join(panel.dir, '.jwt-secret')).mode & 0o777).toBe(0o600);
  });
});

describe('login throttling', () => {
  let panel: TestPanel;
  beforeAll(async () => {
    panel = await startTestPanel(baseConfig({ login_throttle: { max_failures: 3, window_seconds: 60 } }), {
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => panel.close());

  const attempt = (ip: string, password: string) =>
    panel.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username: 'admin', password });

  it('throttles the failing address with Retry-After, and only that address', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('203.0.113.7', 'wrong')).status).toBe(401);
    const blocked = await attempt('203.0.113.7', TEST_ADMIN.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.body.message).toMatch(/Try again in \d+ seconds/);
    expect((await attempt('198.51.100.9', TEST_ADMIN.password)).status).toBe(200);
  });

  it('records each attempt in the audit log with the client address', async () => {
    await panel.auditWritten();
    const { access_token } = await panel.login();
    const res = await panel
      .http()
      .get('/api/audit?action=auth.login&outcome=error&page_size=100')
      .auth(access_token, { type: 'bearer' });
    const throttled = res.body.items.filter(
      (e: { status_code: number; ip: string }) => e.status_code === 429,
    );
    expect(throttled).toHaveLength(1);
    expect(throttled[0].ip).toBe('203.0.113.7');
    expect(JSON.stringify(res.body)).not.toContain(TEST_ADMIN.password);
  });
});

describe('hashed admin password', () => {
  it('signs in against admin.password_hash', async () => {
    const panel = await startTestPanel(
      baseConfig({ admin: { username: 'boss', password_hash: await hashPassword('a long passphrase') } }),
    );
    try {
      await panel
        .http()
        .post('/api/auth/login')
        .send({ username: 'boss', password: 'a long passphrase' })
        .expect(200);
      await panel
        .http()
        .post('/api/auth/login')
        .send({ username: 'boss', password: 'a long passphrase!' })
        .expect(401);
    } finally {
      await panel.close();
    }
  });
});

describe('refresh token cleanup', () => {
  it('forgets tokens long expired and keeps live ones', async () => {
    const panel = await startTestPanel();
    try {
      const session = await panel.login();
      const db = panel.app.get(DatabaseService).db;
      await db
        .insertInto('refresh_token')
        .values({
          family: 'old',
          token_hash: 'x',
          username: 'admin',
          created_at: '2020-01-01T00:00:00.000Z',
          expires_at: '2020-01-08T00:00:00.000Z',
          used_at: null,
          revoked_at: null,
        })
        .execute();
      expect(await panel.app.get(RefreshTokenStore).prune()).toBe(1);
      await panel.http().post('/api/auth/refresh').send({ refresh_token: session.refresh_token }).expect(200);
    } finally {
      await panel.close();
    }
  });
});
