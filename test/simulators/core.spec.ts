import { json, Simulator } from '../../simulators/core';

/** Fetch that reports a cut connection or timeout as a value instead of throwing. */
async function get(
  url: string,
  timeoutMs = 2000,
): Promise<{ status: number; type: string; body: string } | 'timeout' | 'cut'> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body };
  } catch (err) {
    return (err as Error).name === 'TimeoutError' ? 'timeout' : 'cut';
  }
}

describe('simulator core', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = new Simulator({
      name: 'test',
      errorResponse: (status) => json(status, { error: 'upstream broke' }),
    });
    sim.route('GET', '/items', (req) => json(200, req.faults.emptyLists ? [] : [{ id: 1 }, { id: 2 }]));
    sim.route('GET', '/items/:id', (req) => json(200, { id: Number(req.params.id) }));
    await sim.start();
  });
  afterEach(() => sim.stop());

  it('routes with parameters, answers 404 and 405, and counts per route', async () => {
    expect(await get(`${sim.url}/items/42`)).toMatchObject({ status: 200, body: '{"id":42}' });
    expect(await get(`${sim.url}/nope`)).toMatchObject({ status: 404 });
    const wrongMethod = await fetch(`${sim.url}/items`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    await get(`${sim.url}/items`);
    await get(`${sim.url}/items`);
    expect(sim.counters()).toEqual({ 'GET /items': 2, 'GET /items/:id': 1, unmatched: 2 });
    sim.resetCounters();
    expect(sim.totalRequests()).toBe(0);
  });

  it('adds latency: a request without it, started at the same time, finishes first', async () => {
    const plain = new Simulator({ name: 'plain', errorResponse: (status) => json(status, {}) });
    plain.route('GET', '/items', () => json(200, []));
    await plain.start();
    try {
      sim.setFaults({ latencyMs: 500 });
      const order: string[] = [];
      const slow = get(`${sim.url}/items`).then((r) => (order.push('latency'), r));
      const fast = get(`${plain.url}/items`).then((r) => (order.push('plain'), r));
      expect(await Promise.all([slow, fast])).toMatchObject([{ status: 200 }, { status: 200 }]);
      expect(order).toEqual(['plain', 'latency']);
    } finally {
      await plain.stop();
    }
  });

  it('injects errors at the chosen rate and status with the upstream body', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 503 });
    expect(await get(`${sim.url}/items`)).toMatchObject({ status: 503, body: '{"error":"upstream broke"}' });
    sim.setFaults({ errorRate: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 40 }, () => get(`${sim.url}/items`)));
    const failed = statuses.filter((s) => typeof s === 'object' && s.status === 503).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });

  it('hangs until the client gives up', async () => {
    sim.setFaults({ hang: true });
    expect(await get(`${sim.url}/items`, 300)).toBe('timeout');
  });

  it('sends garbage, truncated bodies and wrong content types', async () => {
    sim.setFaults({ garbage: true });
    const garbage = await get(`${sim.url}/items`);
    expect(typeof garbage === 'object' && (() => JSON.parse(garbage.body) as unknown)).toThrow();
    sim.setFaults({ garbage: false, truncated: true });
    expect(await get(`${sim.url}/items`)).toBe('cut');
    sim.setFaults({ truncated: false, wrongContentType: true });
    expect(await get(`${sim.url}/items`)).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
  });

  it('empties lists when asked', async () => {
    sim.setFaults({ emptyLists: true });
    expect(await get(`${sim.url}/items`)).toMatchObject({ body: '[]' });
  });

  it('is steerable over HTTP without counting control calls', async () => {
    const put = await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      body: JSON.stringify({ errorRate: 1, errorStatus: 502 }),
    });
    expect(put.status).toBe(200);
    expect(await get(`${sim.url}/items`)).toMatchObject({ status: 502 });
    const bad = await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      body: JSON.stringify({ explode: true }),
    });
    expect(bad.status).toBe(400);
    await fetch(`${sim.url}/__sim/faults/reset`, { method: 'POST' });
    expect(await get(`${sim.url}/items`)).toMatchObject({ status: 200 });
    const counters = (await (await fetch(`${sim.url}/__sim/counters`)).json()) as { total: number };
    expect(counters.total).toBe(2);
  });
});
