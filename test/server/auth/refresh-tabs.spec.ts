import { RefreshReplay, REFRESH_GRACE_MS } from '../../../server/auth/refresh-replay';
import { DatabaseService } from '../../../server/database/database.service';
import { startTestPanel, type TestPanel } from '../support/test-panel';

interface Tokens {
  access_token: string;
  refresh_token: string;
}

const sessionOf = (accessToken: string): string =>
  (JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;

describe('several tabs refreshing with one refresh token', () => {
  let panel: TestPanel;
  beforeAll(async () => {
    panel = await startTestPanel();
  });
  afterAll(() => panel.close());
  afterEach(() => jest.restoreAllMocks());

  const refresh = (token: string) => panel.http().post('/api/auth/refresh').send({ refresh_token: token });
  const verify = (token: string) => panel.http().get('/api/auth/verify').auth(token, { type: 'bearer' });

  it('answers every concurrent refresh with the one new pair, and the session lives on', async () => {
    const first = await panel.login();
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => refresh(first.refresh_token)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const pairs = answers.map((a) => a.body as Tokens);
    expect(new Set(pairs.map((p) => p.refresh_token)).size).toBe(1);
    expect(new Set(pairs.map((p) => p.access_token)).size).toBe(1);
    expect(pairs[0].refresh_token).not.toBe(first.refresh_token);
    expect(sessionOf(pairs[0].access_token)).toBe(sessionOf(first.access_token));

    await verify(pairs[0].access_token).expect(200);
    await verify(first.access_token).expect(200);
    const next = await refresh(pairs[0].refresh_token).expect(200);
    await verify(next.body.access_token).expect(200);
  });

  it('answers a late tab within the grace period with the same pair', async () => {
    const first = await panel.login();
    const a = (await refresh(first.refresh_token).expect(200)).body as Tokens;
    const b = (await refresh(first.refresh_token).expect(200)).body as Tokens;
    expect(b).toEqual(a);
  });

  it('keeps the new refresh token out of the database: it holds digests only', async () => {
    const first = await panel.login();
    const next = (await refresh(first.refresh_token).expect(200)).body as Tokens;
    const rows = await panel.app.get(DatabaseService).db.selectFrom('refresh_token').selectAll().execute();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(next.refresh_token);
    expect(stored).not.toContain(first.refresh_token);
  });

  it('treats the rotated token as stolen once the grace period is over', async () => {
    const first = await panel.login();
    const next = (await refresh(first.refresh_token).expect(200)).body as Tokens;
    const replay = panel.app.get(RefreshReplay);
    const now = Date.now();
    jest.spyOn(replay, 'now').mockReturnValue(now + REFRESH_GRACE_MS + 1);

    const reuse = await refresh(first.refresh_token).expect(401);
    expect(reuse.body.message).toMatch(/already used/);
    await refresh(next.refresh_token).expect(401);
    await verify(next.access_token).expect(401);
  });

  it('does not hand out the pair again once the session was signed out', async () => {
    const first = await panel.login();
    const next = (await refresh(first.refresh_token).expect(200)).body as Tokens;
    await panel.http().post('/api/auth/logout').auth(next.access_token, { type: 'bearer' }).expect(204);
    const again = await refresh(first.refresh_token).expect(401);
    expect(again.body.message).toMatch(/signed out/);
  });
});
