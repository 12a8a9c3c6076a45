import { jsonDeeperThan, MAX_JSON_DEPTH } from '../../../server/common/json-depth';
import { startTestPanel, type TestPanel } from '../support/test-panel';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const LIMIT_MESSAGE = `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`;

describe('deeply nested request bodies', () => {
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    panel = await startTestPanel();
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel.close());

  const send = (method: 'post' | 'put', path: string, body: string, auth = false) => {
    const req = panel.http()[method](path).set('Content-Type', 'application/json');
    return (auth ? req.auth(token, { type: 'bearer' }) : req).send(body);
  };

  it('answer a sign-in with 400 naming the limit, and the attempt is audited', async () => {
    const res = await send('post', '/api/auth/login', `{"username":"deep","password":${nested(10_000)}}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: LIMIT_MESSAGE });
    await panel.auditWritten();
    const audit = await panel
      .http()
      .get('/api/audit?action=auth.login&outcome=error')
      .auth(token, { type: 'bearer' })
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'anonymous',
      action: 'auth.login',
      outcome: 'error',
      status_code: 400,
      detail: { method: 'POST', path: '/api/auth/login', error: LIMIT_MESSAGE },
    });
  });

  it('answer any other route with the same 400, and the panel keeps answering', async () => {
    const res = await send('put', '/api/tautulli/settings', `{"url":${nested(10_000)}}`, true);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(LIMIT_MESSAGE);
    const shallow = await send(
      'put',
      '/api/tautulli/settings',
      `{"url":${nested(MAX_JSON_DEPTH - 1)}}`,
      true,
    );
    expect(shallow.status).toBe(400);
    expect(shallow.body.message).not.toBe(LIMIT_MESSAGE);
    await panel.http().get('/api/health').expect(200);
  });
});

describe('jsonDeeperThan', () => {
  it.each([
    ['64 levels', nested(64), false],
    ['65 levels', nested(65), true],
    ['brackets inside strings', `{"a":"${'['.repeat(100)}"}`, false],
    ['an escaped quote inside a string', `{"a":"\\"${'{'.repeat(100)}"}`, false],
    ['objects and arrays mixed', `${'{"a":['.repeat(33)}${']}'.repeat(33)}`, true],
  ])('%s', (_name, text, deeper) => {
    expect(jsonDeeperThan(text, 64)).toBe(deeper);
  });
});
