import { SEERR_API_KEY, type SeerrSimulator } from '../../simulators/seerr';
import { startSeerr, type CallOptions, type Answer } from '../../simulators/seerr/seerr.test-client';

describe('Seerr simulator: request pipeline', () => {
  let sim: SeerrSimulator;
  let call: (method: string, path: string, opts?: CallOptions) => Promise<Answer>;
  beforeAll(async () => ({ sim, call } = await startSeerr()));
  afterAll(() => sim.stop());
  afterEach(() => sim.resetFaults());

  it('serves /status without a key, with version and no auth', async () => {
    const res = await call('GET', '/status', { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      version: '3.1.0',
      commitTag: expect.any(String),
      updateAvailable: false,
      commitsBehind: 0,
      restartRequired: false,
    });
  });

  it('answers 401 with the cookie message and the route template when no key is sent', async () => {
    const res = await call('GET', '/user/5', { key: null });
    expect(res.status).toBe(401);
    expect(res.text).toBe(
      '{"message":"cookie \'connect.sid\' required","errors":[{"path":"/api/v1/user/{userId}","message":"cookie \'connect.sid\' required"}]}',
    );
  });

  it('accepts a connect.sid cookie as present credentials but then refuses it in the guard', async () => {
    const res = await call('GET', '/auth/me', { key: null, headers: { Cookie: 'connect.sid=s%3Aabc' } });
    expect(res.status).toBe(403);
  });

  it('answers a wrong key with the guard body (status + error, no message)', async () => {
    const res = await call('GET', '/user', { key: 'wrong' });
    expect(res.status).toBe(403);
    expect(res.text).toBe('{"status":403,"error":"You do not have permission to access this endpoint"}');
  });

  it('answers undocumented paths with the validator 404, even without a key', async () => {
    const res = await call('POST', '/user/5/settings/quota', { key: null, body: {} });
    expect(res.status).toBe(404);
    expect(res.text).toBe(
      '{"message":"not found","errors":[{"path":"/api/v1/user/5/settings/quota","message":"not found"}]}',
    );
  });

  it('answers a documented path with a wrong method 405 and no Allow header, before auth', async () => {
    const res = await call('GET', '/media/12', { key: null });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBeNull();
    expect(res.body).toEqual({
      message: 'GET method not allowed',
      errors: [{ path: '/api/v1/media/12', message: 'GET method not allowed' }],
    });
    const user = await call('PATCH', '/user/3');
    expect(user.status).toBe(405);
    expect(user.headers.get('allow')).toBeNull();
  });

  it('looks literal paths up before templated ones', async () => {
    expect((await call('GET', '/request/count')).body).toHaveProperty('total');
    expect((await call('DELETE', '/request/count')).status).toBe(405);
  });

  it('rejects unknown and empty query parameters', async () => {
    const unknown = await call('GET', '/user?take=5&foo=1');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toBe(
      '{"message":"Unknown query parameter \'foo\'","errors":[{"path":"/query/foo","message":"Unknown query parameter \'foo\'"}]}',
    );
    const empty = await call('GET', '/user?q=');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe("Empty value found for query parameter 'q'");
  });

  it('checks security before query parameters', async () => {
    expect((await call('GET', '/user?foo=1', { key: null })).status).toBe(401);
  });

  it('validates enums with the allowed values in both messages', async () => {
    const res = await call('GET', '/user?sort=name');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message:
        'request/query/sort must be equal to one of the allowed values: created, updated, requests, displayname',
      errors: [
        {
          path: '/query/sort',
          message: 'must be equal to one of the allowed values: created, updated, requests, displayname',
          errorCode: 'enum.openapi.validation',
        },
      ],
    });
  });

  it('validates path parameter types', async () => {
    const res = await call('GET', '/user/abc');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'request/params/userId must be number',
      errors: [{ path: '/params/userId', message: 'must be number', errorCode: 'type.openapi.validation' }],
    });
  });

  it('rejects readOnly body properties, tolerates extra ones and requires required ones', async () => {
    const readOnly = await call('PUT', '/user/3', { body: { id: 3, username: 'x' } });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.message).toBe('request/body/id is read-only');
    expect(readOnly.body.errors).toEqual([
      { path: '/body/id', message: 'is read-only', errorCode: 'readOnly.openapi.validation' },
    ]);
    const extra = await call('PUT', '/user/3', { body: { whatever: true } });
    expect(extra.status).toBe(200);
    const missing = await call('POST', '/user/3/settings/password', {
      body: { confirmPassword: 'abcdefgh' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe("request/body must have required property 'newPassword'");
    expect(missing.body.errors[0]).toEqual({
      path: '/body/newPassword',
      message: "must have required property 'newPassword'",
      errorCode: 'required.openapi.validation',
    });
  });

  it('does not coerce body types', async () => {
    const res = await call('POST', '/user/3/settings/permissions', { body: { permissions: '32' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('request/body/permissions must be number');
  });

  it('rejects bodies that are not JSON: 415 from the validator, 400 from the JSON parser', async () => {
    const noType = await call('POST', '/user', { body: '{}', headers: { 'Content-Type': 'text/plain' } });
    expect(noType.status).toBe(415);
    expect(noType.body.message).toBe('unsupported media type text/plain');
    const broken = await call('POST', '/user', { body: '{"username":' });
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ message: expect.stringContaining('JSON') });
    expect(broken.body.errors).toBeUndefined();
  });

  it('answers 501 for documented operations it does not implement, after auth', async () => {
    expect((await call('GET', '/discover/movies', { key: 'bad' })).status).toBe(403);
    expect((await call('GET', '/discover/movies')).status).toBe(501);
  });

  it('acts as user 1 with the key, or as X-API-User', async () => {
    const me = await call('GET', '/auth/me');
    expect(me.body).toMatchObject({
      id: 1,
      permissions: 2,
      email: 'admin@example.test',
      settings: { locale: '' },
    });
    const plain = [...sim.state.users.values()].find((u) => u.permissions === 32)!;
    const asUser = await call('GET', '/auth/me', { headers: { 'X-API-User': String(plain.id) } });
    expect(asUser.body.id).toBe(plain.id);
    const about = await call('GET', '/settings/about', { headers: { 'X-API-User': String(plain.id) } });
    expect(about.status).toBe(403);
    expect(about.body).toEqual({ status: 403, error: 'You do not have permission to access this endpoint' });
  });

  it('honours badAuth: the right key answers like a wrong one, /status stays public', async () => {
    sim.setFaults({ badAuth: true });
    const res = await call('GET', '/auth/me');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ status: 403, error: 'You do not have permission to access this endpoint' });
    expect((await call('GET', '/user', { key: null })).status).toBe(401);
    expect((await call('GET', '/status')).status).toBe(200);
  });

  it('honours emptyLists for users and requests', async () => {
    sim.setFaults({ emptyLists: true });
    const users = await call('GET', '/user');
    expect(users.body).toEqual({ pageInfo: { pages: 0, pageSize: 10, results: 0, page: 1 }, results: [] });
    const requests = await call('GET', '/request');
    expect(requests.body.results).toEqual([]);
    expect(requests.body.pageInfo.results).toBe(0);
    expect((await call('GET', '/user/1/requests')).body.results).toEqual([]);
  });

  it('uses the upstream error shape for injected errors', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 503 });
    const res = await call('GET', '/user');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ message: 'Service Unavailable' });
  });

  it('counts requests per operation route', async () => {
    sim.resetCounters();
    await call('GET', '/user');
    await call('GET', '/user?take=2');
    await call('GET', '/user/2');
    await call('GET', '/nope');
    expect(sim.counters()).toEqual({
      'GET /api/v1/user': 2,
      'GET /api/v1/user/:userId': 1,
      unmatched: 1,
    });
  });

  it('exports the default key', () => {
    expect(sim.apiKey).toBe(SEERR_API_KEY);
  });
});
