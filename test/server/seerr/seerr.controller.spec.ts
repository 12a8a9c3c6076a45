import { SeerrController } from '../../../server/seerr/seerr.controller';
import { UpdateSeerrDto } from '../../../server/seerr/seerr.dto';
import { SeerrService } from '../../../server/seerr/seerr.service';
import { badRequest, useController } from '../support/controller-setup';

const CONFIG = {
  url: 'http://seerr:5055',
  api_key_set: true,
  sync_interval_minutes: null,
  default_permissions: null,
  remove_missing: true,
  deletion_cap: null,
  concurrency: 4,
  quota_days: 7,
};

describe(SeerrController.name, () => {
  const ctx = useController(SeerrController);

  it('GET /api/seerr returns the overview', async () => {
    const overview = {
      config: CONFIG,
      live: { reachable: false, error: 'Seerr refused the connection' },
      sync: { last_sync_at: null, last_sync_status: null, last_sync_run_id: null, next_sync_at: null },
    };
    ctx.mock(SeerrService).overview.mockResolvedValue(overview);
    const res = await ctx.admin().get('/api/seerr').expect(200);
    expect(res.body).toEqual(overview);
  });

  it('GET /api/seerr/permissions lists every permission bit and the default', async () => {
    const res = await ctx.admin().get('/api/seerr/permissions').expect(200);
    expect(res.body.default_permissions).toBe(32);
    expect(res.body.permissions).toHaveLength(29);
    expect(res.body.permissions).toContainEqual({ name: 'ADMIN', bit: 2 });
    expect(res.body.permissions).toContainEqual({ name: 'VIEW_BLOCKLIST', bit: 1073741824 });
  });

  describe('PUT /api/seerr', () => {
    it('passes the partial update, nulls included, and returns the saved settings', async () => {
      const seerr = ctx.mock(SeerrService);
      seerr.update.mockResolvedValue(CONFIG);
      const body = {
        url: 'http://seerr:5055',
        sync_interval_minutes: null,
        remove_missing: true,
        concurrency: 4,
      };
      const res = await ctx.admin().put('/api/seerr').send(body).expect(200);
      expect(res.body).toEqual(CONFIG);
      expect(seerr.update).toHaveBeenCalledWith(body);
      expect(seerr.update.mock.calls[0][0]).toBeInstanceOf(UpdateSeerrDto);
    });

    it.each([
      [{ url: 'ftp://seerr' }, 'url must be an http:// or https:// URL'],
      [{ url: '' }, 'url must be an http:// or https:// URL'],
      [{ url: `http://${'s'.repeat(2000)}` }, 'url must be shorter than or equal to 2000 characters'],
      [{ api_key: 5 }, 'api_key must be a string'],
      [{ sync_interval_minutes: -1 }, 'sync_interval_minutes must not be less than 0'],
      [{ sync_interval_minutes: 525601 }, 'sync_interval_minutes must not be greater than 525600'],
      [{ sync_interval_minutes: 'five' }, 'sync_interval_minutes must be an integer number'],
      [{ default_permissions: 1.5 }, 'default_permissions must be an integer number'],
      [{ remove_missing: 'yes' }, 'remove_missing must be true or false'],
      [{ remove_missing: null }, 'remove_missing must be true or false'],
      [{ deletion_cap: 100001 }, 'deletion_cap must not be greater than 100000'],
      [{ concurrency: 0 }, 'concurrency must not be less than 1'],
      [{ concurrency: null }, 'concurrency must be an integer number'],
      [{ quota_days: 366 }, 'quota_days must not be greater than 365'],
      [{ password: 'x' }, 'password should not exist'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx.admin().put('/api/seerr').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(SeerrService).update).not.toHaveBeenCalled();
    });

    it('names every bad field at once', async () => {
      const res = await ctx.admin().put('/api/seerr').send({ url: 'seerr', concurrency: 0 }).expect(400);
      expect(res.body).toEqual(
        badRequest('url must be an http:// or https:// URL', 'concurrency must not be less than 1'),
      );
    });
  });

  describe('POST /api/seerr/test', () => {
    const result = { ok: true, checks: [{ name: 'reachable', ok: true, detail: 'Seerr 3.1.0 answered' }] };

    it('tests the saved values when the body is empty', async () => {
      const seerr = ctx.mock(SeerrService);
      seerr.test.mockResolvedValue(result as never);
      const res = await ctx.admin().post('/api/seerr/test').expect(200);
      expect(res.body).toEqual(result);
      expect(seerr.test).toHaveBeenCalledWith({});
    });

    it('tests unsaved values given in the body', async () => {
      const seerr = ctx.mock(SeerrService);
      seerr.test.mockResolvedValue(result as never);
      await ctx
        .admin()
        .post('/api/seerr/test')
        .send({ url: 'https://seerr.example', api_key: 'k' })
        .expect(200);
      expect(seerr.test).toHaveBeenCalledWith({ url: 'https://seerr.example', api_key: 'k' });
    });

    it.each([
      [{ url: 'seerr:5055' }, 'url must be an http:// or https:// URL'],
      [{ api_key: null }, 'api_key must be a string'],
      [{ concurrency: 2 }, 'concurrency should not exist'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx.admin().post('/api/seerr/test').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });
});
