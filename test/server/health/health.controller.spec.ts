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
    const ready = { ready: true, checks: [] };
    ctx.mock(HealthService).readiness.mockResolvedValue(ready as never);
    const res = await ctx.http().get('/api/health/ready').set('Authorization', ctx.auth).expect(200);
    expect(res.body).toEqual(ready);
  });

  it('refuses a token signed with another key', async () => {
    const forged = ctx.auth.replace(/.{4}$/, 'AAAA');
    const res = await ctx.http().get('/api/health/ready').set('Authorization', forged).expect(401);
    expect(res.body.message).toBe('The access token is not valid; sign in again.');
  });
});
