import * as passwordHash from '../../../server/config/password-hash';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

describe('parallel sign-in attempts from one address', () => {
  let panel: TestPanel;
  beforeAll(async () => {
    const password_hash = await passwordHash.hashPassword('the real passphrase');
    panel = await startTestPanel(
      baseConfig({
        admin: { username: 'admin', password_hash },
        login_throttle: { max_failures: 5, window_seconds: 60 },
      }),
      { TRUST_PROXY: 'loopback' },
    );
  });
  afterAll(() => panel.close());

  it('checks at most the limit of passwords, however many arrive at once', async () => {
    const checks = jest.spyOn(passwordHash, 'verifyPasswordHash');
    try {
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          panel
            .http()
            .post('/api/auth/login')
            .set('X-Forwarded-For', '203.0.113.50')
            .send({ username: 'admin', password: `guess-${i}` })
            .then((res) => res.status),
        ),
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(45);
      expect(checks.mock.calls.length).toBeLessThanOrEqual(5);
    } finally {
      checks.mockRestore();
    }
  });

  it('lets a right password through and clears the address', async () => {
    const attempt = (password: string) =>
      panel
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', '198.51.100.50')
        .send({ username: 'admin', password });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).status).toBe(401);
    expect((await attempt('the real passphrase')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).status).toBe(401);
    expect((await attempt('wrong')).status).toBe(429);
  });
});
