import { startTestPanel, type TestPanel } from '../support/test-panel';

describe('error responses', () => {
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    panel = await startTestPanel();
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel.close());

  const expectShape = (body: Record<string, unknown>, status: number) => {
    expect(body).toMatchObject({
      statusCode: status,
      error: expect.any(String),
      message: expect.any(String),
    });
    // Seerrsync clients read FastAPI's `detail`: the same sentence.
    expect(body.detail).toBe(body.message);
    expect(JSON.stringify(body)).not.toMatch(/\.ts:\d+|node_modules|at [A-Z]\w+\./);
  };

  it('names each bad field of a body', async () => {
    const res = await panel.http().post('/api/auth/login').send({ username: 5, extra: true }).expect(400);
    expectShape(res.body, 400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'extra',
      'password',
      'username',
    ]);
    expect(res.body.message).toMatch(/username/);
  });

  it('names each bad query parameter', async () => {
    const res = await panel
      .http()
      .get('/api/audit?page=zero&order=sideways&from=yesterday')
      .auth(token, { type: 'bearer' })
      .expect(400);
    expectShape(res.body, 400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'order', 'page']);
  });

  it('answers malformed JSON and oversized bodies with 4xx sentences', async () => {
    const bad = await panel
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('The request body is not valid JSON.');
    const huge = await panel
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }));
    expect(huge.status).toBe(413);
    expectShape(huge.body, 413);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await panel.http().get('/api/nothing-here').expect(404);
    expectShape(res.body, 404);
  });

  it('sets security headers with a CSP and no CORS by default', async () => {
    const res = await panel.http().get('/api/health').set('Origin', 'http://evil.example').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('reports readiness of database, config and free space behind auth', async () => {
    const res = await panel.http().get('/api/health/ready').auth(token, { type: 'bearer' }).expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['config', true],
      ['disk', true],
      ['services', true],
    ]);
  });
});

describe('CORS when configured', () => {
  it('allows only the listed origins', async () => {
    const panel = await startTestPanel(undefined, { CORS_ORIGINS: 'http://panel.lan' });
    try {
      const ok = await panel.http().get('/api/health').set('Origin', 'http://panel.lan');
      expect(ok.headers['access-control-allow-origin']).toBe('http://panel.lan');
      const other = await panel.http().get('/api/health').set('Origin', 'http://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await panel.close();
    }
  });
});
