import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigStore } from '../../../server/config/config.store';
import { BodyBudget } from '../../../server/upstream/body-budget';
import { UpstreamHttp, type UpstreamRequest } from '../../../server/upstream/upstream-http.service';
import { json, Simulator } from '../../../simulators/core';
import { baseConfig } from '../support/test-panel';
import { upstreamFailure } from '../support/upstream-failure';

const MB = 2 ** 20;
/** What the kernel's socket buffers and Node's stream buffers may hold beyond what the panel read. */
const BUFFER_MARGIN = 16 * MB;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setImmediate(r));
}

describe('UpstreamHttp size cap on answers', () => {
  let sim: Simulator;
  const http = new UpstreamHttp(new HttpService(axios.create()));
  const call = (extra: Partial<UpstreamRequest> = {}, via = http) =>
    via.request<unknown>({
      service: 'Widget (Home)',
      baseUrl: sim.url,
      path: '/items',
      timeoutMs: 5000,
      ...extra,
    });

  beforeEach(async () => {
    sim = new Simulator({ name: 'widget' });
    sim.route('GET', '/items', () => json(200, [{ id: 1 }]));
    await sim.start();
  });
  afterEach(() => sim.stop());

  it('stops reading an endless answer at the cap, closes the socket and answers 502 naming the service', async () => {
    sim.setFaults({ endlessBody: true });
    const err = await upstreamFailure(call({ maxBodyBytes: 2 * MB }));
    expect(err.getStatus()).toBe(502);
    expect(err.kind).toBe('too-large');
    expect(err.message).toBe('Widget (Home) sent an answer larger than 2 MiB; the panel stopped reading it.');
    await until(() => sim.endlessSent.length === 1);
    expect(sim.endlessSent[0]).toBeLessThan(2 * MB + BUFFER_MARGIN);
    // Never retried: the same answer would come back.
    expect(sim.count('GET /items')).toBe(1);
  });

  it('refuses up front an answer whose Content-Length passes the cap', async () => {
    sim.setFaults({ hugeBodyMb: 3 });
    const err = await upstreamFailure(call({ maxBodyBytes: 1 * MB }));
    expect(err.message).toBe('Widget (Home) sent an answer larger than 1 MiB; the panel stopped reading it.');
    sim.resetFaults();
    await expect(call({ maxBodyBytes: 1 * MB })).resolves.toMatchObject({ data: [{ id: 1 }] });
  });

  it('takes the cap from UPSTREAM_MAX_BODY_MB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedbox-cap-'));
    try {
      const store = new ConfigStore({
        file: join(dir, 'config.json'),
        initial: baseConfig(),
        env: { UPSTREAM_MAX_BODY_MB: '1' },
        persist: false,
      });
      const configured = new UpstreamHttp(new HttpService(axios.create()), store);
      sim.setFaults({ hugeBodyMb: 2 });
      expect((await upstreamFailure(call({}, configured))).message).toMatch(/larger than 1 MiB/);
      // A request may allow more than the default.
      await expect(call({ maxBodyBytes: 3 * MB }, configured)).resolves.toMatchObject({ status: 200 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bounds what every answer read at once holds together, and gives it back', async () => {
    const budget = new BodyBudget(3 * MB);
    const shared = new UpstreamHttp(new HttpService(axios.create()), undefined, budget);
    sim.setFaults({ endlessBody: true });
    const errors = await Promise.all([upstreamFailure(call({}, shared)), upstreamFailure(call({}, shared))]);
    for (const err of errors) {
      expect(err.getStatus()).toBe(502);
      expect(err.message).toBe(
        'Widget (Home) sent more than the panel has room for (3 MiB for all answers being read at once); the panel stopped reading it.',
      );
    }
    expect(budget.inUse).toBe(0);
    await until(() => sim.endlessSent.length === 2);
    for (const sent of sim.endlessSent) expect(sent).toBeLessThan(3 * MB + BUFFER_MARGIN);
    sim.resetFaults();
    await expect(call({}, shared)).resolves.toMatchObject({ data: [{ id: 1 }] });
    expect(budget.inUse).toBe(0);
  });
});
