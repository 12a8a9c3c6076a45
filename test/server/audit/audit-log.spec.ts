import { AuditService } from '../../../server/audit/audit.service';
import { DatabaseService } from '../../../server/database/database.service';
import { startTestPanel, type TestPanel } from '../support/test-panel';

describe('audit log', () => {
  let panel: TestPanel;
  let token: string;
  let audit: AuditService;

  const get = (path: string) => panel.http().get(path).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    panel = await startTestPanel();
    audit = panel.app.get(AuditService);
    await panel.http().post('/api/auth/login').send({ username: 'mallory', password: 'guess' }).expect(401);
    token = (await panel.login()).access_token;
    await audit.record({
      actor: 'scheduler',
      action: 'sync.run',
      target: 'nightly',
      outcome: 'ok',
      detail: { created: 3 },
    });
    await audit.record({
      actor: 'cli',
      action: 'config.update',
      target: '=cmd|calc',
      outcome: 'error',
      detail: { api_key: 'should-not-be-stored', note: 'comma, "quoted"\nnewline' },
    });
    await panel.auditWritten();
  });
  afterAll(() => panel.close());

  it('records sign-in attempts automatically with actor, address and outcome', async () => {
    const res = await get('/api/audit?action=auth.login&sort=time&order=asc').expect(200);
    expect(res.body.items.map((e: { actor: string; outcome: string }) => [e.actor, e.outcome])).toEqual([
      ['mallory', 'error'],
      ['admin', 'ok'],
    ]);
    expect(res.body.items[0]).toMatchObject({
      ip: '127.0.0.1',
      status_code: 401,
      detail: { body: { password: '[redacted]' } },
    });
  });

  it('filters by actor, outcome, free text and time, and pages', async () => {
    expect(
      (await get('/api/audit?actor=SCHED').expect(200)).body.items.map((e: { action: string }) => e.action),
    ).toEqual(['sync.run']);
    expect((await get('/api/audit?outcome=error').expect(200)).body.total).toBe(2);
    expect((await get('/api/audit?q=nightly').expect(200)).body.total).toBe(1);
    expect((await get('/api/audit?q=100%25').expect(200)).body.total).toBe(0);
    expect(
      (
        await get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60000).toISOString())}`).expect(
          200,
        )
      ).body.total,
    ).toBe(0);
    const page = (await get('/api/audit?page=2&page_size=1&sort=action&order=asc').expect(200)).body;
    expect(page).toMatchObject({ page: 2, page_size: 1, total: 4 });
    expect(page.items[0].action).toBe('auth.login');
  });

  it('lists the distinct actions', async () => {
    expect((await get('/api/audit/actions').expect(200)).body.actions).toEqual([
      'auth.login',
      'config.update',
      'sync.run',
    ]);
  });

  it('stores details without secrets', async () => {
    const entry = (await get('/api/audit?action=config.update').expect(200)).body.items[0];
    expect(entry.detail.api_key).toBe('[redacted]');
  });

  it('exports CSV with escaping and defused formulas', async () => {
    const res = await get('/api/audit/export?action=config.update').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/audit-log\.csv/);
    const [header, row] = res.text.split('\r\n');
    expect(header).toBe('id,time,actor,ip,action,target,outcome,status_code,detail');
    expect(row).toContain(',"\'=cmd|calc",');
    expect(row).toContain('""note"":""comma, \\""quoted\\""\\nnewline""');
    expect(res.text).not.toContain('should-not-be-stored');
  });

  it('has no route to change or delete entries, and the database refuses edits', async () => {
    await panel.http().delete('/api/audit/1').auth(token, { type: 'bearer' }).expect(404);
    await panel.http().put('/api/audit/1').auth(token, { type: 'bearer' }).expect(404);
    const db = panel.app.get(DatabaseService).db;
    // better-sqlite3 raises its errors outside jest's realm, so match on the code rather than toThrow.
    await expect(db.updateTable('audit_log').set({ actor: 'x' }).execute()).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_TRIGGER',
    });
  });

  it('prunes entries older than the retention period', async () => {
    const future = Date.now() + 400 * 24 * 3600 * 1000;
    expect(await audit.prune(365, future)).toBeGreaterThanOrEqual(4);
    expect((await get('/api/audit').expect(200)).body.total).toBeLessThanOrEqual(2);
  });
});
