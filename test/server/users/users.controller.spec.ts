import { UsersController } from '../../../server/users/users.controller';
import { UserRequestsService } from '../../../server/users/user-requests.service';
import { UsersService } from '../../../server/users/users.service';
import { badRequest, useController } from '../support/controller-setup';

describe(UsersController.name, () => {
  const ctx = useController(UsersController);

  it.each([
    ['/api/users', 'seerrUsers', []],
    ['/api/users/detailed', 'detailed', { users: [], server_errors: ['Main Plex: refused'] }],
  ] as const)('GET %s returns what the service read', async (path, method, value) => {
    ctx.mock(UsersService)[method].mockResolvedValue(value as never);
    const res = await ctx.admin().get(path).expect(200);
    expect(res.body).toEqual(value);
  });

  it('GET /api/users/requests returns what the requests service read', async () => {
    const value = { users: [], total: 0, all_requests: 0 };
    ctx.mock(UserRequestsService).requests.mockResolvedValue(value as never);
    expect((await ctx.admin().get('/api/users/requests').expect(200)).body).toEqual(value);
  });

  describe('request actions', () => {
    const result = { request: null, counts: null, message: 'Deleted request 7.' };

    it.each([
      ['post', '/api/users/requests/7/approve', 'setStatus', [7, 'approve']],
      ['post', '/api/users/requests/7/decline', 'setStatus', [7, 'decline']],
      ['delete', '/api/users/requests/7', 'remove', [7]],
    ] as const)('%s %s answers 200 with the numeric id passed on', async (verb, path, method, args) => {
      const service = ctx.mock(UserRequestsService);
      service[method].mockResolvedValue(result);
      expect((await ctx.admin()[verb](path).expect(200)).body).toEqual(result);
      expect(service[method]).toHaveBeenCalledWith(...args);
    });

    it.each([
      ['abc', 'id must be an integer number'],
      ['1.5', 'id must be an integer number'],
      ['0', 'id must not be less than 1'],
      ['2147483648', 'id must not be greater than 2147483647'],
    ])('refuses the id %s with a 400 naming it', async (id, message) => {
      for (const [verb, path] of [
        ['post', `/api/users/requests/${id}/approve`],
        ['post', `/api/users/requests/${id}/decline`],
        ['delete', `/api/users/requests/${id}`],
      ] as const) {
        const res = await ctx.admin()[verb](path).expect(400);
        expect(res.body).toEqual(badRequest(message));
      }
      const service = ctx.mock(UserRequestsService);
      expect(service.setStatus).not.toHaveBeenCalled();
      expect(service.remove).not.toHaveBeenCalled();
    });
  });

  it('GET /api/users/detailed?refresh=true asks for fresh lists; anything but a boolean is a 400', async () => {
    const users = ctx.mock(UsersService);
    users.detailed.mockResolvedValue({
      users: [],
      server_errors: [],
      stale_servers: [],
      seerr_error: null,
      seerr_stale: false,
      seerr_read_at: 'now',
      read_at: 'now',
    });
    await ctx.admin().get('/api/users/detailed?refresh=true').expect(200);
    expect(users.detailed).toHaveBeenCalledWith(true);
    await ctx.admin().get('/api/users/detailed').expect(200);
    expect(users.detailed).toHaveBeenLastCalledWith(false);
    const res = await ctx.admin().get('/api/users/detailed?refresh=soon').expect(400);
    expect(res.body).toEqual(badRequest('refresh must be true or false'));
  });

  describe('PUT /api/users/:username/settings', () => {
    const result = {
      username: 'jdoe',
      blocked: true,
      immune: false,
      added_by_hand: false,
      seerr_id: 3,
      password_changed: true,
    };

    it('passes the user name of the path and the settings of the body', async () => {
      const users = ctx.mock(UsersService);
      users.updateSettings.mockResolvedValue(result);
      const res = await ctx
        .admin()
        .put('/api/users/jdoe/settings')
        .send({ blocked: true, password: 'longenough' })
        .expect(200);
      expect(res.body).toEqual(result);
      expect(users.updateSettings).toHaveBeenCalledWith('jdoe', { blocked: true, password: 'longenough' });
    });

    it.each([
      ['jdoe', { blocked: 'yes' }, 'blocked must be true or false'],
      ['jdoe', { immune: 1 }, 'immune must be true or false'],
      [
        'jdoe',
        { password: 'short' },
        'password must be at least 8 characters: Seerr refuses shorter ones when a password is changed',
      ],
      ['jdoe', { password: 12345678 }, 'password must be a string'],
      ['jdoe', { email: 'j@example.com' }, 'email should not exist'],
      ['u'.repeat(101), {}, 'username must be shorter than or equal to 100 characters'],
    ])('refuses /api/users/%s/settings with %j', async (username, body, message) => {
      const res = await ctx.admin().put(`/api/users/${username}/settings`).send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(UsersService).updateSettings).not.toHaveBeenCalled();
    });
  });

  describe('POST /api/users', () => {
    const good = { username: 'jdoe', password: 'longenough' };

    it('creates the user with the transformed body and answers 201', async () => {
      const users = ctx.mock(UsersService);
      const created = { username: 'jdoe', seerr_id: 9, message: 'Created in Seerr' };
      users.addUser.mockResolvedValue(created);
      const body = { ...good, email: 'j@example.com', permissions: 32, request_limit: 5, immune: true };
      const res = await ctx.admin().post('/api/users').send(body).expect(201);
      expect(res.body).toEqual(created);
      expect(users.addUser).toHaveBeenCalledWith(body);
    });

    it.each([
      [{ password: 'longenough' }, 'username should not be empty'],
      [{ ...good, username: 'u'.repeat(101) }, 'username must be shorter than or equal to 100 characters'],
      [{ username: 'jdoe' }, 'password must be a string'],
      [
        { ...good, password: 'short' },
        'password must be at least 8 characters: the panel asks for 8, the length Seerr requires whenever it is changed later',
      ],
      [{ ...good, email: 42 }, 'email must be a string'],
      [{ ...good, permissions: -1 }, 'permissions must not be less than 0'],
      [{ ...good, permissions: 2147483648 }, 'permissions must not be greater than 2147483647'],
      [{ ...good, request_limit: 10001 }, 'request_limit must not be greater than 10000'],
      [{ ...good, request_limit: 'many' }, 'request_limit must be an integer number'],
      [{ ...good, blocked: 'no' }, 'blocked must be true or false'],
      [{ ...good, admin: true }, 'admin should not exist'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx.admin().post('/api/users').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(UsersService).addUser).not.toHaveBeenCalled();
    });
  });
});
