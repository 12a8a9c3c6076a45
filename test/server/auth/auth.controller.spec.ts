import { AuthController } from '../../../server/auth/auth.controller';
import { AuthService } from '../../../server/auth/auth.service';
import { badRequest, SPEC_ADMIN, SPEC_SESSION, useController } from '../support/controller-setup';

const TOKENS = {
  token: 'access',
  access_token: 'access',
  refresh_token: 'next-refresh',
  token_type: 'Bearer' as const,
  expires_in: 900,
  username: SPEC_ADMIN,
};

describe(AuthController.name, () => {
  const ctx = useController(AuthController, ['post /api/auth/login', 'post /api/auth/refresh']);

  describe('POST /api/auth/login', () => {
    it('needs no token and hands the credentials and the client address to the service', async () => {
      const auth = ctx.mock(AuthService);
      auth.login.mockResolvedValue(TOKENS);
      const res = await ctx
        .http()
        .post('/api/auth/login')
        .send({ username: 'admin', password: 'pw' })
        .expect(200);
      expect(res.body).toEqual(TOKENS);
      expect(auth.login).toHaveBeenCalledWith({ username: 'admin', password: 'pw' }, '127.0.0.1');
    });

    it.each([
      [{ password: 'pw' }, 'username should not be empty'],
      [{ username: 'admin' }, 'password should not be empty'],
      [{ username: 7, password: 'pw' }, 'username must be a string'],
      [
        { username: 'a'.repeat(101), password: 'pw' },
        'username must be shorter than or equal to 100 characters',
      ],
      [{ username: 'admin', password: 'pw', role: 'root' }, 'role should not exist'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx.http().post('/api/auth/login').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(ctx.mock(AuthService).login).not.toHaveBeenCalled();
    });

    it('refuses a body that is not JSON with 400', async () => {
      const res = await ctx
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username":')
        .expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body is not valid JSON.',
        detail: 'The request body is not valid JSON.',
      });
    });

    it('refuses a body above the limit with 413', async () => {
      const res = await ctx
        .http()
        .post('/api/auth/login')
        .send({ username: 'admin', password: 'x'.repeat(1024 * 1024) })
        .expect(413);
      expect(res.body.message).toBe('The request body is too large.');
    });
  });

  describe('POST /api/auth/refresh', () => {
    it('needs no token and passes the refresh token on', async () => {
      const auth = ctx.mock(AuthService);
      auth.refresh.mockResolvedValue(TOKENS);
      const res = await ctx.http().post('/api/auth/refresh').send({ refresh_token: 'r1' }).expect(200);
      expect(res.body).toEqual(TOKENS);
      expect(auth.refresh).toHaveBeenCalledWith({ refresh_token: 'r1' });
    });

    it.each([
      [{}, 'refresh_token should not be empty'],
      [{ refresh_token: 'r'.repeat(201) }, 'refresh_token must be shorter than or equal to 200 characters'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx.http().post('/api/auth/refresh').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe('POST /api/auth/logout', () => {
    it('ends the session of the token with 204', async () => {
      const auth = ctx.mock(AuthService);
      auth.logout.mockResolvedValue();
      await ctx
        .http()
        .post('/api/auth/logout')
        .set('Authorization', ctx.auth)
        .send({ refresh_token: 'r1' })
        .expect(204);
      expect(auth.logout).toHaveBeenCalledWith(
        { refresh_token: 'r1' },
        expect.objectContaining({ username: SPEC_ADMIN, session: SPEC_SESSION }),
      );
    });

    it('needs no body: the bearer token says which session ends', async () => {
      const auth = ctx.mock(AuthService);
      auth.logout.mockResolvedValue();
      await ctx.http().post('/api/auth/logout').set('Authorization', ctx.auth).expect(204);
      expect(auth.logout).toHaveBeenCalledWith(
        {},
        expect.objectContaining({ username: SPEC_ADMIN, session: SPEC_SESSION }),
      );
    });

    it.each([
      [{ refresh_token: 7 }, 'refresh_token must be a string'],
      [{ refresh_token: 'r'.repeat(201) }, 'refresh_token must be shorter than or equal to 200 characters'],
      [{ refresh_token: null }, 'refresh_token must be a string'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx
        .http()
        .post('/api/auth/logout')
        .set('Authorization', ctx.auth)
        .send(body)
        .expect(400);
      expect(res.body).toEqual(badRequest(message));
    });

    it('needs the bearer token', async () => {
      await ctx.http().post('/api/auth/logout').expect(401);
    });
  });

  describe('GET /api/auth/verify', () => {
    it('tells who the token belongs to', async () => {
      const auth = ctx.mock(AuthService);
      const answer = { valid: true, username: SPEC_ADMIN, expires_at: '2030-01-01T00:00:00.000Z' };
      auth.verify.mockReturnValue(answer);
      const res = await ctx.http().get('/api/auth/verify').set('Authorization', ctx.auth).expect(200);
      expect(res.body).toEqual(answer);
      expect(auth.verify).toHaveBeenCalledWith(expect.objectContaining({ username: SPEC_ADMIN }));
    });

    it('answers 401 for a session that was signed out', async () => {
      ctx.mock(AuthService).verify.mockReturnValue({ valid: true, username: SPEC_ADMIN, expires_at: '' });
      ctx.revokeSession();
      const res = await ctx.http().get('/api/auth/verify').set('Authorization', ctx.auth).expect(401);
      expect(res.body.message).toBe('This session has been signed out; sign in again.');
    });
  });
});
