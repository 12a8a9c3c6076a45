import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { json, Simulator, text, xml } from '../../../simulators/core';
import { UpstreamHttp, type UpstreamRequest } from '../../../server/upstream/upstream-http.service';
import { upstreamFailure } from '../support/upstream-failure';

describe('UpstreamHttp transport policy', () => {
  let sim: Simulator;
  const http = new UpstreamHttp(new HttpService(axios.create()));
  const call = (extra: Partial<UpstreamRequest> = {}) =>
    http.request<unknown>({ service: 'Widget', baseUrl: sim.url, path: '/items', timeoutMs: 400, ...extra });

  beforeEach(async () => {
    sim = new Simulator({
      name: 'widget',
      errorResponse: (status) => json(status, { message: 'widget exploded' }),
    });
    sim.route('GET', '/items', () => json(200, [{ id: 1 }]));
    sim.route('POST', '/items', () => json(201, { id: 2 }));
    sim.route('GET', '/xml', () => xml(200, '<MediaContainer size="1"><Item id="1"/></MediaContainer>'));
    sim.route('GET', '/conflict', () => json(409, { message: 'already there' }));
    sim.route('GET', '/denied', () => text(401, 'no'));
    await sim.start();
  });
  afterEach(() => sim.stop());

  it('parses JSON and XML', async () => {
    expect((await call()).data).toEqual([{ id: 1 }]);
    const parsed = await call({ path: '/xml', expect: 'xml' });
    expect(parsed.data).toEqual({ MediaContainer: { $: { size: '1' }, Item: [{ $: { id: '1' } }] } });
  });

  it('turns a hang into a 504 naming the service and its timeout', async () => {
    sim.setFaults({ hang: true });
    const err = await upstreamFailure(call());
    expect(err.getStatus()).toBe(504);
    expect(err.message).toBe(`Widget at ${new URL(sim.url).host} did not answer within 0.4 s.`);
  });

  it('retries reads on 5xx and gives up with the upstream message', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 503 });
    const err = await upstreamFailure(call());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe('Widget answered HTTP 503.');
    expect(sim.count('GET /items')).toBe(3);
    const withMessage = await upstreamFailure(
      call({ errorMessage: (b) => (JSON.parse(b) as { message: string }).message }),
    );
    expect(withMessage.message).toBe('Widget answered HTTP 503: widget exploded');
  });

  it('never retries a write', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 502 });
    await upstreamFailure(call({ method: 'POST', body: { name: 'x' } }));
    expect(sim.count('POST /items')).toBe(1);
  });

  it('names garbage, truncated bodies and HTML answers', async () => {
    sim.setFaults({ garbage: true });
    expect((await upstreamFailure(call())).message).toBe(
      'Widget answered with something that is not valid JSON.',
    );
    sim.setFaults({ garbage: false, truncated: true });
    const cut = await upstreamFailure(call());
    expect(cut.getStatus()).toBe(502);
    expect(cut.message).toMatch(/closed the connection before answering in full|not valid JSON/);
    sim.setFaults({ truncated: false, wrongContentType: true });
    expect((await upstreamFailure(call())).message).toMatch(/not valid JSON \(an HTML page/);
  });

  it('explains refused connections and rejected credentials', async () => {
    const err401 = await upstreamFailure(call({ path: '/denied' }));
    expect(err401.kind).toBe('unauthorized');
    expect(err401.message).toMatch(/refused the panel's credentials \(HTTP 401\)/);
    // A port that was just listening and is now closed (no pooled keep-alive socket to it).
    const gone = new Simulator({ name: 'gone' });
    const url = await gone.start();
    await gone.stop();
    const refused = await upstreamFailure(
      http.request({ service: 'Widget', baseUrl: url, path: '/items', retry: false }),
    );
    expect(refused.message).toMatch(/refused the connection; is it running\?/);
  });

  it('lets callers handle their own statuses', async () => {
    const res = await call({ path: '/conflict', acceptStatus: (s) => s === 409 });
    expect(res.status).toBe(409);
  });

  it('never puts query-string secrets in messages', async () => {
    sim.setFaults({ hang: true });
    const err = await upstreamFailure(call({ query: { apikey: 'super-secret-key' } }));
    expect(err.message).not.toContain('super-secret-key');
  });
});
