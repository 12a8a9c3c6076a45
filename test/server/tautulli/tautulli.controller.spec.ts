import { BadGatewayException } from '@nestjs/common';
import { TautulliSettingsService } from '../../../server/tautulli/tautulli-settings.service';
import { TautulliClient } from '../../../server/tautulli/tautulli.client';
import { TautulliController } from '../../../server/tautulli/tautulli.controller';
import { TautulliService } from '../../../server/tautulli/tautulli.service';
import { badRequest, useController } from '../support/controller-setup';

const SETTINGS = { url: 'http://tautulli:8181', api_key_set: true, overridden_by_env: [] };

describe(TautulliController.name, () => {
  const ctx = useController(TautulliController);

  it.each([
    ['/api/tautulli/health', () => ctx.mock(TautulliClient).health, { ok: true, version: '2.14' }],
    ['/api/tautulli/status', () => ctx.mock(TautulliClient).status, { version: '2.14' }],
    ['/api/tautulli/activity', () => ctx.mock(TautulliClient).activity, { streams: [] }],
    ['/api/tautulli/users', () => ctx.mock(TautulliService).users, [{ user_id: 1 }]],
    ['/api/tautulli/libraries', () => ctx.mock(TautulliService).libraries, [{ section_id: 1 }]],
    ['/api/tautulli/server-info', () => ctx.mock(TautulliClient).serverInfo, { name: 'Plex' }],
    ['/api/tautulli/settings', () => ctx.mock(TautulliSettingsService).get, SETTINGS],
  ])('GET %s returns what was read', async (path, method, value) => {
    (method() as jest.Mock).mockImplementation(() => Promise.resolve(value));
    const res = await ctx.admin().get(path).expect(200);
    expect(res.body).toEqual(value);
  });

  it('answers a Tautulli error as 502 with its sentence', async () => {
    const message = 'Tautulli answered an error: Invalid apikey';
    ctx.mock(TautulliClient).health.mockRejectedValue(new BadGatewayException(message));
    const res = await ctx.admin().get('/api/tautulli/health').expect(502);
    expect(res.body).toEqual({ statusCode: 502, error: 'Bad Gateway', message, detail: message });
  });

  describe('GET /api/tautulli/stats', () => {
    it('passes the period as numbers', async () => {
      const tautulli = ctx.mock(TautulliService);
      tautulli.stats.mockResolvedValue({ days: 7 } as never);
      await ctx.admin().get('/api/tautulli/stats?days=7&count=5&stats_type=duration').expect(200);
      expect(tautulli.stats).toHaveBeenCalledWith({ days: 7, count: 5, stats_type: 'duration' });
    });

    it.each([
      ['days=0', 'days must not be less than 1'],
      ['days=3651', 'days must not be greater than 3650'],
      ['count=101', 'count must not be greater than 100'],
      ['stats_type=bytes', 'stats_type must be one of: plays, duration'],
      ['user=1', 'user should not exist'],
    ])('refuses ?%s with 400', async (query, message) => {
      const res = await ctx.admin().get(`/api/tautulli/stats?${query}`).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe('GET /api/tautulli/history', () => {
    it('passes the paging and user as numbers', async () => {
      const tautulli = ctx.mock(TautulliService);
      const page = { items: [], total: 0, page: 3, page_size: 25 };
      tautulli.history.mockResolvedValue(page as never);
      const res = await ctx.admin().get('/api/tautulli/history?page=3&user_id=0').expect(200);
      expect(res.body).toEqual(page);
      expect(tautulli.history).toHaveBeenCalledWith({ page: 3, user_id: 0 });
    });

    it.each([
      ['page=-1', 'page must not be less than 1'],
      ['page_size=201', 'page_size must not be greater than 200'],
      ['user_id=jdoe', 'user_id must be an integer number'],
    ])('refuses ?%s with 400', async (query, message) => {
      const res = await ctx.admin().get(`/api/tautulli/history?${query}`).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe('GET /api/tautulli/plays', () => {
    it.each([
      ['', undefined],
      ['?days=90', 90],
    ])('reads the plays of %s over %s days', async (query, days) => {
      const client = ctx.mock(TautulliClient);
      client.playsByDate.mockResolvedValue({ categories: [], series: [] } as never);
      await ctx.admin().get(`/api/tautulli/plays${query}`).expect(200);
      expect(client.playsByDate).toHaveBeenCalledWith(days);
    });

    it.each([
      ['days=366', 'days must not be greater than 365'],
      ['days=1.5', 'days must be an integer number'],
    ])('refuses ?%s with 400', async (query, message) => {
      const res = await ctx.admin().get(`/api/tautulli/plays?${query}`).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  it('POST /api/tautulli/restart answers 202', async () => {
    ctx.mock(TautulliService).restart.mockResolvedValue({ message: 'Restarting' });
    const res = await ctx.admin().post('/api/tautulli/restart').expect(202);
    expect(res.body).toEqual({ message: 'Restarting' });
  });

  describe('PUT /api/tautulli/settings', () => {
    it('saves the partial update', async () => {
      const settings = ctx.mock(TautulliSettingsService);
      settings.update.mockResolvedValue(SETTINGS);
      const res = await ctx.admin().put('/api/tautulli/settings').send({ url: '', api_key: 'k' }).expect(200);
      expect(res.body).toEqual(SETTINGS);
      expect(settings.update).toHaveBeenCalledWith({ url: '', api_key: 'k' });
    });

    it.each([
      [{ url: 'tautulli:8181' }, 'url must be an http:// or https:// URL'],
      [{ api_key: 42 }, 'api_key must be a string'],
      [{ api_key: 'k'.repeat(201) }, 'api_key must be shorter than or equal to 200 characters'],
      [{ api_key_set: true }, 'api_key_set should not exist'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx.admin().put('/api/tautulli/settings').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(TautulliSettingsService).update).not.toHaveBeenCalled();
    });
  });
});
