import { GatewayTimeoutException, type MessageEvent, ServiceUnavailableException } from '@nestjs/common';
import { of } from 'rxjs';
import { PlexSessionsPoller } from '../../../server/plex/plex-sessions.poller';
import { PlexSettingsService } from '../../../server/plex/plex-settings.service';
import { PlexClient } from '../../../server/plex/plex.client';
import { PlexController } from '../../../server/plex/plex.controller';
import { PlexService } from '../../../server/plex/plex.service';
import { badRequest, useController } from '../support/controller-setup';

const SETTINGS = { url: 'http://plex:32400', token_set: true, container: null, overridden_by_env: [] };
const KEY_RULE = 'must be a library section key (digits)';

describe(PlexController.name, () => {
  const ctx = useController(PlexController);

  it.each([
    ['/api/plex/health', () => ctx.mock(PlexClient).health, { ok: true, version: '1.40' }],
    ['/api/plex/status', () => ctx.mock(PlexClient).status, { name: 'Plex', transcodes: 0 }],
    ['/api/plex/libraries', () => ctx.mock(PlexService).libraries, [{ key: '1', title: 'Films' }]],
    ['/api/plex/sessions', () => ctx.mock(PlexSessionsPoller).read, { sessions: [], bandwidth_kbps: 0 }],
    ['/api/plex/settings', () => ctx.mock(PlexSettingsService).get, SETTINGS],
  ])('GET %s returns what was read', async (path, method, value) => {
    (method() as jest.Mock).mockImplementation(() => Promise.resolve(value));
    const res = await ctx.admin().get(path).expect(200);
    expect(res.body).toEqual(value);
  });

  it.each([
    [new ServiceUnavailableException('Plex is not configured: set its URL and token.'), 503],
    [new GatewayTimeoutException('Plex did not answer within 10 s.'), 504],
  ])('answers a failure of Plex in the one error shape (%s)', async (error, status) => {
    ctx.mock(PlexClient).health.mockRejectedValue(error);
    const res = await ctx.admin().get('/api/plex/health').expect(status);
    expect(res.body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: error.message,
      detail: error.message,
    });
  });

  describe('GET /api/plex/libraries/:key/stats', () => {
    it('reads the stats of the key', async () => {
      const plex = ctx.mock(PlexService);
      plex.libraryStats.mockResolvedValue({ key: '2' } as never);
      await ctx.admin().get('/api/plex/libraries/2/stats').expect(200);
      expect(plex.libraryStats).toHaveBeenCalledWith('2');
    });

    it.each([
      ['abc', `key ${KEY_RULE}`],
      ['12345678901', 'key must be shorter than or equal to 10 characters'],
    ])('refuses the key %s with 400', async (key, message) => {
      const res = await ctx.admin().get(`/api/plex/libraries/${key}/stats`).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe('GET /api/plex/streams', () => {
    it('passes the paging and filters as numbers', async () => {
      const plex = ctx.mock(PlexService);
      const page = { items: [], total: 0, page: 2, page_size: 10 };
      plex.history.mockResolvedValue(page);
      const res = await ctx
        .admin()
        .get('/api/plex/streams?page=2&page_size=10&account_id=1&library_key=3')
        .expect(200);
      expect(res.body).toEqual(page);
      expect(plex.history).toHaveBeenCalledWith({ page: 2, page_size: 10, account_id: 1, library_key: '3' });
    });

    it.each([
      ['page=0', 'page must not be less than 1'],
      ['page_size=201', 'page_size must not be greater than 200'],
      ['account_id=-1', 'account_id must not be less than 0'],
      ['account_id=me', 'account_id must be an integer number'],
      ['library_key=films', `library_key ${KEY_RULE}`],
      ['user=1', 'user should not exist'],
    ])('refuses ?%s with 400', async (query, message) => {
      const res = await ctx.admin().get(`/api/plex/streams?${query}`).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe('POST /api/plex/libraries/:key/scan', () => {
    it.each([
      [{}, undefined],
      [{ force: true }, true],
    ])('scans with body %j (force %s), answering 202', async (body, force) => {
      const plex = ctx.mock(PlexService);
      plex.scan.mockResolvedValue({ library: 'Films', message: 'Scan started' } as never);
      const res = await ctx.admin().post('/api/plex/libraries/1/scan').send(body).expect(202);
      expect(res.body).toEqual({ library: 'Films', message: 'Scan started' });
      expect(plex.scan).toHaveBeenCalledWith('1', force);
    });

    it.each([
      ['1', { force: 'yes' }, 'force must be true or false'],
      ['1', { force: null }, 'force must be true or false'],
      ['1', { deep: true }, 'deep should not exist'],
      ['x', {}, `key ${KEY_RULE}`],
    ])('refuses /api/plex/libraries/%s/scan with %j', async (key, body, message) => {
      const res = await ctx.admin().post(`/api/plex/libraries/${key}/scan`).send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(PlexService).scan).not.toHaveBeenCalled();
    });
  });

  it.each([
    ['/api/plex/optimize', () => ctx.mock(PlexService).optimize, { message: 'Optimizing' }],
    ['/api/plex/restart', () => ctx.mock(PlexService).restart, { container: 'plex', message: 'Restarting' }],
  ])('POST %s answers 202 with the outcome', async (path, method, value) => {
    (method() as jest.Mock).mockResolvedValue(value);
    const res = await ctx.admin().post(path).expect(202);
    expect(res.body).toEqual(value);
  });

  describe('PUT /api/plex/settings', () => {
    it('saves the partial update', async () => {
      const settings = ctx.mock(PlexSettingsService);
      settings.update.mockResolvedValue(SETTINGS);
      const body = { url: 'https://plex.example:32400', container: null };
      const res = await ctx.admin().put('/api/plex/settings').send(body).expect(200);
      expect(res.body).toEqual(SETTINGS);
      expect(settings.update).toHaveBeenCalledWith(body);
    });

    it.each([
      [{ url: 'plex:32400' }, 'url must be an http:// or https:// URL'],
      [{ url: null }, 'url must be a string'],
      [{ token: 42 }, 'token must be a string'],
      [{ token: 't'.repeat(501) }, 'token must be shorter than or equal to 500 characters'],
      [{ container: '-plex' }, 'container must be a Docker container name (letters, digits, _ . -)'],
      [{ token_set: false }, 'token_set should not exist'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx.admin().put('/api/plex/settings').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(PlexSettingsService).update).not.toHaveBeenCalled();
    });
  });

  describe('GET /api/plex/sessions/events', () => {
    it('streams the shared poll', async () => {
      const event: MessageEvent = { type: 'sessions', data: { sessions: [] } };
      ctx.mock(PlexSessionsPoller).stream.mockReturnValue(of(event));
      const res = await ctx.stream('/api/plex/sessions/events', '\n\n');
      expect(res.status).toBe(200);
      expect(res.text).toContain('event: sessions\nid: 1\ndata: {"sessions":[]}\n\n');
    });

    it('answers 503 before streaming when Plex is not configured', async () => {
      ctx.mock(PlexSessionsPoller).stream.mockImplementation(() => {
        throw new ServiceUnavailableException('Plex is not configured.');
      });
      const res = await ctx.stream('/api/plex/sessions/events', '}');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text)).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Plex is not configured.',
        detail: 'Plex is not configured.',
      });
    });
  });
});
