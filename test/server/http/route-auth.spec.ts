import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestPanel, type TestPanel } from '../support/test-panel';

interface Operation {
  operationId: string;
  security?: unknown[];
}

/** Every route in the committed spec, so routes added later are covered without touching this test. */
const spec = JSON.parse(readFileSync(resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    method,
    path: path.replace(/\{[^}]+\}/g, 'x'),
    isPublic: Array.isArray(op.security) && op.security.length === 0,
    operationId: op.operationId,
  })),
);
const PUBLIC_OPERATIONS = ['getHealth', 'login', 'refresh'];

describe('every route of the spec', () => {
  let panel: TestPanel;
  beforeAll(async () => (panel = await startTestPanel()));
  afterAll(() => panel.close());

  it('marks only login, refresh and health as public', () => {
    expect(
      routes
        .filter((r) => r.isPublic)
        .map((r) => r.operationId)
        .sort(),
    ).toEqual([...PUBLIC_OPERATIONS].sort());
  });

  it.each(routes.filter((r) => !r.isPublic).map((r) => [r.method.toUpperCase(), r.path] as const))(
    '%s %s answers 401 without a token',
    async (method, path) => {
      const res = await panel.http()[method.toLowerCase() as 'get'](path).send();
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    },
  );

  it('serves the API docs without a token', async () => {
    await panel.http().get('/api/docs').expect(200);
    const json = await panel.http().get('/api/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(Object.keys(spec.paths));
  });
});
