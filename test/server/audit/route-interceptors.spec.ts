import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { STATE_CHANGING } from '../../../server/audit/audit.interceptor';
import { AUDIT_METADATA } from '../../../server/audit/audited.decorator';
import { isEventStream } from '../../../server/auth/session-stream-routes';
import { routeHandlers } from '../../../server/common/route-interceptors';
import { startTestPanel, type TestPanel } from '../support/test-panel';

describe('interceptors bound to the routes that need them', () => {
  let first: TestPanel;
  let second: TestPanel;

  beforeAll(async () => {
    first = await startTestPanel();
    second = await startTestPanel();
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('binds every state-changing route, every event stream, and no plain read', () => {
    const routes = routeHandlers(first.app.get(DiscoveryService));
    expect(routes.length).toBeGreaterThan(100);
    const count = (r: (typeof routes)[number]) =>
      ((Reflect.getMetadata(INTERCEPTORS_METADATA, r.handler) as unknown[] | undefined) ?? []).length;
    const needs = (r: (typeof routes)[number]) =>
      STATE_CHANGING.has(r.method) ||
      isEventStream(r.handler) ||
      Reflect.getMetadata(AUDIT_METADATA, r.handler);
    const plainReads = routes.filter((r) => !needs(r));
    expect(plainReads.length).toBeGreaterThan(50);
    expect(plainReads.filter((r) => count(r) > 0).map((r) => `${r.controller.name}.${r.name}`)).toEqual([]);
    const unbound = routes.filter((r) => needs(r) && !count(r));
    expect(unbound.map((r) => `${r.controller.name}.${r.name}`)).toEqual([]);
    expect(routes.filter((r) => isEventStream(r.handler)).length).toBeGreaterThanOrEqual(4);
  });

  it('audits each request in the log of the panel that received it, once', async () => {
    const logins = async (panel: TestPanel) => {
      const token = (await panel.login()).access_token;
      await panel.auditWritten();
      const res = await panel.http().get('/api/audit?action=auth.login').auth(token, { type: 'bearer' });
      return (res.body.items as Array<{ actor: string }>).map((e) => e.actor);
    };
    await second.http().post('/api/auth/login').send({ username: 'mallory', password: 'guess' }).expect(401);
    expect(await logins(second)).toEqual(['admin', 'mallory']);
    expect(await logins(first)).toEqual(['admin']);
  });
});
