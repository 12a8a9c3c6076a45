import { AuditService } from '../../../server/audit/audit.service';
import { startTestPanel, type TestPanel } from '../support/test-panel';

// Audit targets and actors are read from request bodies before validation, so they can be any JSON value.
describe('audit log with bodies of the wrong types', () => {
  let panel: TestPanel;
  let token: string;

  beforeAll(async () => {
    panel = await startTestPanel();
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel.close());

  const entries = async (action: string) =>
    (await panel.http().get(`/api/audit?action=${action}`).auth(token, { type: 'bearer' }).expect(200)).body
      .items as { target: string | null; outcome: string; status_code: number }[];

  it('records a refused request whose audit target is a number, an object or a list', async () => {
    for (const name of [42, { nested: 'value' }, ['a', 'b'], true]) {
      await panel
        .http()
        .post('/api/mediaservers')
        .auth(token, { type: 'bearer' })
        .send({ name, type: 'jellyfin', url: 'http://127.0.0.1:1', api_key: 'long-enough-key' })
        .expect(400);
    }
    await panel.auditWritten();
    const targets = (await entries('mediaservers.create')).map((e) => e.target).sort();
    expect(targets).toEqual(['42', '["a","b"]', 'true', '{"nested":"value"}'].sort());
    await panel.http().get('/api/health').expect(200);
  });

  it('never rejects when given values of the wrong type directly', async () => {
    const audit = panel.app.get(AuditService);
    await expect(
      audit.record({
        actor: 7 as unknown as string,
        action: 'test.untyped',
        target: { id: 1 } as unknown as string,
        outcome: 'ok',
      }),
    ).resolves.toBeUndefined();
    await panel.auditWritten();
    expect((await entries('test.untyped'))[0]).toMatchObject({ target: '{"id":1}' });
  });
});
