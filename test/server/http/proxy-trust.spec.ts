import { AuditService } from '../../../server/audit/audit.service';
import { baseConfig, startTestPanel, TEST_ADMIN, type TestPanel } from '../support/test-panel';

interface AuditRow {
  action: string;
  ip: string;
}

/** Read beside the API: the throttled address could not sign in to ask for it. */
async function loginAudit(panel: TestPanel): Promise<AuditRow[]> {
  await panel.auditWritten();
  const page = await panel.app.get(AuditService).list({ action: 'auth.login', page_size: 100 });
  return page.items;
}

function wrongLogin(panel: TestPanel, forwardedFor: string) {
  return panel
    .http()
    .post('/api/auth/login')
    .set('X-Forwarded-For', forwardedFor)
    .send({ ...TEST_ADMIN, password: 'wrong' });
}

const throttle = { login_throttle: { max_failures: 3, window_seconds: 60 } };

describe('which proxies may report the client address (TRUST_PROXY)', () => {
  describe('a client that is not a trusted proxy', () => {
    let panel: TestPanel;
    beforeAll(async () => {
      panel = await startTestPanel(baseConfig(throttle), { TRUST_PROXY: '10.0.0.0/8' });
    });
    afterAll(() => panel.close());

    it('cannot get around the throttle or into the audit log with a forged X-Forwarded-For', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await wrongLogin(panel, `203.0.113.${i + 1}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const audit = await loginAudit(panel);
      expect(audit.length).toBeGreaterThan(0);
      expect(audit.every((row) => row.ip === '127.0.0.1')).toBe(true);
    });
  });

  describe('the default (a proxy on this host)', () => {
    let panel: TestPanel;
    beforeAll(async () => {
      panel = await startTestPanel(baseConfig(throttle));
    });
    afterAll(() => panel.close());

    it('takes the address the proxy saw, not what the client wrote in front of it', async () => {
      // The proxy appends the address it saw; whatever the client sent is further left.
      await wrongLogin(panel, '198.51.100.9, 203.0.113.50').expect(401);
      const audit = await loginAudit(panel);
      expect(audit.map((row) => row.ip)).toContain('203.0.113.50');
      expect(audit.map((row) => row.ip)).not.toContain('198.51.100.9');
    });

    it('does not warn at start-up', () => {
      expect(panel.logs.join('\n')).not.toContain('TRUST_PROXY');
    });
  });

  it.each([
    ['true', 'TRUST_PROXY=true trusts X-Forwarded-For from every client'],
    ['1', 'TRUST_PROXY=1 trusts the last 1 X-Forwarded-For address from every client'],
  ])('warns at start-up when TRUST_PROXY=%s', async (value, sentence) => {
    const panel = await startTestPanel(baseConfig(), { TRUST_PROXY: value });
    try {
      const warning = panel.logs.find((line) => line.includes(sentence));
      expect(warning).toBeDefined();
      expect(JSON.parse(warning!)).toMatchObject({ level: 'warn' });
    } finally {
      await panel.close();
    }
  });
});
