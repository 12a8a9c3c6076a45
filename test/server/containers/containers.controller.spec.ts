import { ContainerFilterService } from '../../../server/containers/container-filter.service';
import { ContainerLogsService } from '../../../server/containers/container-logs.service';
import { ContainersController } from '../../../server/containers/containers.controller';
import { ContainersService } from '../../../server/containers/containers.service';
import { badRequest, useController } from '../support/controller-setup';

describe(ContainersController.name, () => {
  const ctx = useController(ContainersController);

  it('hands each action the name, and stop and restart their grace period as a number', async () => {
    const containers = ctx.mock(ContainersService);
    const result = { name: 'plex', action: 'stop', state: 'exited', changed: true, service: 'plex' as const };
    containers.act.mockResolvedValue(result);
    const res = await ctx
      .http()
      .post('/api/containers/plex/stop?t=5')
      .set('Authorization', ctx.auth)
      .expect(200);
    expect(res.body).toEqual(result);
    expect(containers.act).toHaveBeenCalledWith('plex', 'stop', 5);
    await ctx.http().post('/api/containers/plex/start').set('Authorization', ctx.auth).expect(200);
    expect(containers.act).toHaveBeenLastCalledWith('plex', 'start');
  });

  it.each([
    ['/api/containers/plex/logs?tail=0', 'tail must not be less than 1'],
    ['/api/containers/plex/logs?tail=many', 'tail must be an integer number'],
    ['/api/containers/plex/logs?since=soon', 'since must be an ISO 8601 date or date-time'],
    ['/api/containers/plex/logs/events?tail=5001', 'tail must not be greater than 5000'],
    ['/api/containers/-plex/logs', 'name must be a Docker container name (letters, digits, _ . -)'],
  ])('GET %s answers 400: %s', async (path, message) => {
    const res = await ctx.http().get(path).set('Authorization', ctx.auth).expect(400);
    expect(res.body).toEqual(badRequest(message));
  });

  it('passes the log query on with a number tail', async () => {
    const logs = ctx.mock(ContainerLogsService);
    logs.tail.mockResolvedValue({ name: 'plex', lines: [], truncated: false });
    await ctx
      .http()
      .get('/api/containers/plex/logs?tail=50&search=error&since=2026-01-01T00:00:00Z')
      .set('Authorization', ctx.auth)
      .expect(200);
    expect(logs.tail).toHaveBeenCalledWith('plex', 50, 'error', '2026-01-01T00:00:00Z');
  });

  it('refuses a filter of another mode, naming the field', async () => {
    const filters = ctx.mock(ContainerFilterService);
    const res = await ctx
      .http()
      .put('/api/containers/filter')
      .set('Authorization', ctx.auth)
      .send({ mode: 'everything' })
      .expect(400);
    expect(res.body).toEqual(badRequest('mode must be one of: all, named, label'));
    expect(filters.update).not.toHaveBeenCalled();
  });
});
