import { HealthController } from '../../../server/health/health.controller';
import { HealthService } from '../../../server/health/health.service';
import { useController } from '../support/controller-setup';

describe(HealthController.name, () => {
  const ctx = useController(HealthController, ['get /api/health']);

  it('GET /api/health answers without a token', async () => {
    const health = { status: 'ok', version: '1.2.3', uptime_seconds: 5 };
    ctx.mock(HealthService).health.mockReturnValue(health as never);
    const res = await ctx.http().get('/api/health').expect(200);
    expect(res.body).toEqual(health);
  });

  it('GET /api/health/ready returns the readiness of the service', async () => {
    const ready = { status: 'ok', checks: [] };
    ctx.mock(HealthService).readiness.mockResolvedValue(ready as never);
    const res = await ctx.http().get('/api/health/ready').set('Authorization', ctx.auth).expect(200);
    expect(res.body).toEqual(ready);
  });

  it('GET /api/health/ready answers 503 with the failing checks when degraded', async () => {
    const degraded = {
      status: 'degraded',
      checks: [{ name: 'database', ok: false, detail: 'SQLite database is not answering: locked' }],
    };
    ctx.mock(HealthService).readiness.mockResolvedValue(degraded as never);
    const res = await ctx.http().get('/api/health/ready').set('Authorization', ctx.auth).expect(503);
    expect(res.body).toEqual(degraded);
  });

  it('refuses a token signed with another key', async () => {
    const forged = ctx.auth.replace(/.{4}$/, 'AAAA');
    const res = await ctx.http().get('/api/health/ready').set('Authorization', forged).expect(401);
    expect(res.body.message).toBe('The access token is not valid; sign in again.');
  });
});
