import { MediaServersController } from '../../../server/media-servers/media-servers.controller';
import { MediaServersService } from '../../../server/media-servers/media-servers.service';
import { badRequest, useController } from '../support/controller-setup';

const SERVER = {
  name: 'Main Plex',
  type: 'plex' as const,
  url: 'http://plex:32400',
  token_set: true,
  enabled: true,
  password_suffix: null,
  request_limit: null,
  machine_identifier: null,
  include_owner: false,
};
const NAME_RULE = "must start with a letter or digit and hold only letters, digits, spaces and . _ - ( ) + '";
const NEW = { name: 'Main Plex', type: 'plex', url: 'http://plex:32400', token: 'secret' };

/** Fields both the create and the update body refuse, with the pipe's sentence. */
const BAD_FIELDS: [Record<string, unknown>, string][] = [
  [{ name: ' Main' }, `name ${NAME_RULE}`],
  [{ name: 'a/b' }, `name ${NAME_RULE}`],
  [{ type: 'kodi' }, 'type must be one of: plex, jellyfin, emby'],
  [{ url: 'plex:32400' }, 'url must be an http:// or https:// URL'],
  [{ url: 'http:///path' }, 'url must be an http:// or https:// URL'],
  [{ enabled: null }, 'enabled must be true or false'],
  [{ request_limit: 10001 }, 'request_limit must not be greater than 10000'],
  [{ machine_identifier: 'a b' }, 'machine_identifier must hold only letters, digits and -'],
  [{ include_owner: 'true!' }, 'include_owner must be true or false'],
  [{ token_set: true }, 'token_set should not exist'],
];

describe(MediaServersController.name, () => {
  const ctx = useController(MediaServersController);

  it('GET /api/mediaservers lists the servers', async () => {
    ctx
      .mock(MediaServersService)
      .list.mockResolvedValue([{ ...SERVER, users: 3, user_count: 3, error: null }]);
    const res = await ctx.admin().get('/api/mediaservers').expect(200);
    expect(res.body).toEqual([{ ...SERVER, users: 3, user_count: 3, error: null }]);
  });

  it('GET /api/mediaservers/:name reads the server of the decoded name', async () => {
    const servers = ctx.mock(MediaServersService);
    servers.get.mockResolvedValue({
      ...SERVER,
      users: null,
      user_count: null,
      error: 'Plex refused the token',
    });
    await ctx.admin().get('/api/mediaservers/Main%20Plex').expect(200);
    expect(servers.get).toHaveBeenCalledWith('Main Plex');
  });

  describe('POST /api/mediaservers', () => {
    it('creates the server and answers 201', async () => {
      const servers = ctx.mock(MediaServersService);
      servers.create.mockResolvedValue(SERVER);
      const body = { ...NEW, request_limit: 5, password_suffix: null, include_owner: false };
      const res = await ctx.admin().post('/api/mediaservers').send(body).expect(201);
      expect(res.body).toEqual(SERVER);
      expect(servers.create).toHaveBeenCalledWith(body);
    });

    it.each([
      ...BAD_FIELDS,
      [{ name: undefined }, 'name should not be empty'],
      [{ type: undefined }, 'type must be one of: plex, jellyfin, emby'],
      [{ token: '' }, 'token should not be empty'],
    ])('refuses %j with 400', async (change, message) => {
      const res = await ctx
        .admin()
        .post('/api/mediaservers')
        .send({ ...NEW, ...change })
        .expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(MediaServersService).create).not.toHaveBeenCalled();
    });
  });

  describe('PUT /api/mediaservers/:name', () => {
    it('passes the name and the partial update', async () => {
      const servers = ctx.mock(MediaServersService);
      servers.update.mockResolvedValue(SERVER);
      await ctx
        .admin()
        .put('/api/mediaservers/Old')
        .send({ name: 'Main Plex', request_limit: null })
        .expect(200);
      expect(servers.update).toHaveBeenCalledWith('Old', { name: 'Main Plex', request_limit: null });
    });

    it.each([...BAD_FIELDS, [{ name: null }, 'name must be a string']])(
      'refuses %j with 400',
      async (body, message) => {
        const res = await ctx.admin().put('/api/mediaservers/Old').send(body).expect(400);
        expect(res.body).toEqual(badRequest(message));
        expect(ctx.mock(MediaServersService).update).not.toHaveBeenCalled();
      },
    );
  });

  it('DELETE /api/mediaservers/:name removes the server with 204', async () => {
    const servers = ctx.mock(MediaServersService);
    servers.remove.mockResolvedValue();
    await ctx.admin().delete('/api/mediaservers/Main%20Plex').expect(204);
    expect(servers.remove).toHaveBeenCalledWith('Main Plex');
  });

  it('POST /api/mediaservers/:name/test answers 200 with the checks', async () => {
    const servers = ctx.mock(MediaServersService);
    const result = { ok: false, checks: [{ name: 'reachable', ok: false, detail: 'refused' }] };
    servers.test.mockResolvedValue(result as never);
    const res = await ctx.admin().post('/api/mediaservers/Main%20Plex/test').expect(200);
    expect(res.body).toEqual(result);
    expect(servers.test).toHaveBeenCalledWith('Main Plex');
  });
});
