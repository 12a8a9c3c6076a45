import { SHORT_TIMEOUT_MS, shortTimeoutHttp } from '../support/short-timeout';
import { HttpService } from '@nestjs/axios';
import { BadRequestException, HttpException } from '@nestjs/common';
import axios from 'axios';
import { createSeerrSimulator, type SeerrSimulator } from '../../../simulators/seerr';
import { ConfigStore } from '../../../server/config/config.store';
import { isSeerrUserExists, SeerrClient } from '../../../server/seerr/seerr.client';
import { SEERR_PERMISSIONS } from '../../../server/seerr/seerr.types';
import { UpstreamError } from '../../../server/upstream/upstream-error';
import { UpstreamHttp } from '../../../server/upstream/upstream-http.service';
import { baseConfig } from '../support/test-panel';

const MEDIA_DELETED = 7;
const REQUEST_COMPLETED = 5;

async function failure(promise: Promise<unknown>): Promise<HttpException> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HttpException) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

function clientFor(
  url: string,
  apiKey: string,
  http = new UpstreamHttp(new HttpService(axios.create())),
): { client: SeerrClient; store: ConfigStore } {
  const store = new ConfigStore({
    file: '/nonexistent/config.json',
    initial: baseConfig({ seerr: { url, api_key: apiKey } }),
    env: {},
    persist: false,
  });
  return { client: new SeerrClient(http, store), store };
}

describe('SeerrClient against the Seerr simulator', () => {
  let sim: SeerrSimulator;
  let client: SeerrClient;
  let store: ConfigStore;

  beforeAll(async () => {
    sim = createSeerrSimulator({ localUsers: 1100, requests: 300 });
    await sim.start();
    ({ client, store } = clientFor(sim.url, sim.apiKey));
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.resetFaults();
    sim.resetCounters();
  });

  it('reads the version, stats, main settings and the acting user', async () => {
    expect((await client.status()).version).toBe('3.1.0');
    expect(await client.about()).toMatchObject({
      version: '3.1.0',
      totalRequests: sim.state.requests.size,
      totalMediaItems: sim.state.media.size,
    });
    expect(await client.mainSettings()).toMatchObject({ localLogin: true, defaultPermissions: 32 });
    expect(await client.me()).toMatchObject({ id: 1, permissions: SEERR_PERMISSIONS.ADMIN });
  });

  it('lists every user across pages of 1000, in id order, mapped', async () => {
    const users = await client.listUsers();
    expect(users).toHaveLength(sim.state.users.size);
    expect(users.length).toBeGreaterThan(1000);
    expect(sim.count('GET /api/v1/user')).toBe(2);
    expect(users.map((u) => u.id)).toEqual([...sim.state.users.keys()]);
    const plex = users.find((u) => u.plexUsername !== null && u.id !== 1)!;
    const row = sim.state.users.get(plex.id)!;
    expect(plex).toEqual({
      id: row.id,
      email: row.email,
      username: null,
      plexUsername: row.plexUsername,
      jellyfinUsername: null,
      displayName: row.plexUsername,
      userType: 1,
      permissions: row.permissions,
      movieQuotaLimit: null,
      movieQuotaDays: null,
      tvQuotaLimit: null,
      tvQuotaDays: null,
      requestCount: sim.state.requestCount(row.id),
      createdAt: row.createdAt,
    });
    expect(await client.userCount()).toBe(sim.state.users.size);
  });

  it('creates users, sending the e-mail only when known, and surfaces the 409 with Seerr’s sentence', async () => {
    const { id } = await client.createUser({
      username: 'newbie',
      email: 'Newbie@Example.test',
      password: 'pw-12345',
    });
    expect(sim.state.users.get(id)).toMatchObject({
      username: 'newbie',
      email: 'newbie@example.test',
      password: 'pw-12345',
      userType: 2,
      permissions: 32,
    });
    const bare = await client.createUser({ username: 'no-mail', email: null, password: 'pw-12345' });
    expect(sim.state.users.get(bare.id)?.email).toBe('no-mail');

    sim.resetCounters();
    const err = await failure(
      client.createUser({ username: 'other', email: 'newbie@example.test', password: 'x' }),
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).upstreamStatus).toBe(409);
    expect(err.message).toContain('User already exists with submitted email.');
    expect(isSeerrUserExists(err)).toBe(true);
    expect(sim.count('POST /api/v1/user')).toBe(1);
  });

  it('sets permissions, and names Seerr’s own refusal for user 1 instead of blaming the key', async () => {
    const { id } = await client.createUser({ username: 'perm', password: 'pw-12345' });
    await client.setPermissions(id, SEERR_PERMISSIONS.REQUEST | SEERR_PERMISSIONS.AUTO_APPROVE);
    expect(sim.state.users.get(id)?.permissions).toBe(160);
    const err = await failure(client.setPermissions(1, 32));
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe('Seerr refused: You do not have permission to modify this user');
    expect(err.message).not.toMatch(/credentials/);
  });

  it('sets the permissions of many users in one bulk PUT /user, answering which ids Seerr updated', async () => {
    const a = (await client.createUser({ username: 'bulk-a', password: 'pw-12345' })).id;
    const b = (await client.createUser({ username: 'bulk-b', password: 'pw-12345' })).id;
    sim.resetCounters();
    // 999999 does not exist: Seerr leaves it out of its answer without an error.
    expect([...(await client.setPermissionsOfMany([a, b, 999999], 160))].sort()).toEqual([a, b].sort());
    expect(sim.state.users.get(a)?.permissions).toBe(160);
    expect(sim.state.users.get(b)?.permissions).toBe(160);
    expect(sim.counters()).toEqual({ 'PUT /api/v1/user': 1 });
    await expect(client.setPermissionsOfMany([a], -1)).rejects.toBeInstanceOf(BadRequestException);
    sim.setFaults({ errorRate: 1, errorStatus: 500 });
    expect((await failure(client.setPermissionsOfMany([a], 32))).getStatus()).toBe(502);
    expect(sim.state.users.get(a)?.permissions).toBe(160);
  });

  it('sets quotas keeping a Jellyfin user’s e-mail, read first unless known; Seerr ignores them for managers', async () => {
    const quotas = { movieQuotaLimit: 4, movieQuotaDays: 7, tvQuotaLimit: 2, tvQuotaDays: 7 };
    const jelly = [...sim.state.users.values()].find(
      (u) =>
        u.jellyfinUsername &&
        (u.permissions & (SEERR_PERMISSIONS.ADMIN | SEERR_PERMISSIONS.MANAGE_USERS)) === 0,
    )!;
    sim.state.setEmail(jelly, 'real.address@example.test');
    await client.setQuotas(jelly.id, quotas);
    expect(sim.state.users.get(jelly.id)).toMatchObject({ ...quotas, email: 'real.address@example.test' });
    expect(sim.count('GET /api/v1/user/:userId/settings/main')).toBe(1);

    // With the e-mail as just listed, no read: the write alone keeps it.
    sim.resetCounters();
    await client.setQuotas(
      jelly.id,
      { ...quotas, movieQuotaLimit: 6 },
      { email: 'real.address@example.test' },
    );
    expect(sim.state.users.get(jelly.id)).toMatchObject({
      movieQuotaLimit: 6,
      email: 'real.address@example.test',
    });
    expect(sim.count('GET /api/v1/user/:userId/settings/main')).toBe(0);

    const manager = [...sim.state.users.values()].find(
      (u) => u.id !== 1 && (u.permissions & SEERR_PERMISSIONS.MANAGE_USERS) !== 0,
    )!;
    await client.setQuotas(manager.id, quotas);
    expect(sim.state.users.get(manager.id)?.movieQuotaLimit).toBeNull();
  });

  it('refuses short passwords before calling Seerr and sets good ones', async () => {
    const { id } = await client.createUser({ username: 'pw', password: 'pw-12345' });
    sim.resetCounters();
    const err = await failure(client.setPassword(id, 'short'));
    expect(err).toBeInstanceOf(BadRequestException);
    expect(err.message).toBe('Seerr requires passwords of at least 8 characters.');
    expect(sim.totalRequests()).toBe(0);
    await client.setPassword(id, 'long-enough');
    expect(sim.state.users.get(id)?.password).toBe('long-enough');
  });

  it('deletes users but never user 1', async () => {
    const { id } = await client.createUser({ username: 'gone', password: 'pw-12345' });
    await client.deleteUser(id);
    expect(sim.state.users.has(id)).toBe(false);
    sim.resetCounters();
    const err = await failure(client.deleteUser(1));
    expect(err.getStatus()).toBe(400);
    expect(sim.totalRequests()).toBe(0);
    expect(sim.state.users.has(1)).toBe(true);
  });

  it('counts and lists requests whose media was deleted (request COMPLETED, media DELETED)', async () => {
    const deleted = [...sim.state.requests.values()].filter((r) => {
      const media = sim.state.media.get(r.mediaId)!;
      return r.status === REQUEST_COMPLETED && (r.is4k ? media.status4k : media.status) === MEDIA_DELETED;
    });
    expect(deleted.length).toBeGreaterThan(0);
    expect(await client.countRequests('deleted')).toBe(deleted.length);
    const listed = await client.listRequests({ filter: 'deleted' });
    expect(listed.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      deleted.map((r) => r.id).sort((a, b) => a - b),
    );
    const total = await client.countRequests('all');
    sim.resetCounters();
    const all = await client.listRequests({ take: 50 });
    expect(all).toHaveLength(total);
    expect(sim.count('GET /api/v1/request')).toBe(Math.ceil(total / 50));
    expect((await client.requestCounts()).total).toBe(sim.state.requests.size);
  });

  it('looks titles and posters up once, and answers null for ids Seerr cannot resolve', async () => {
    const [movieId, movie] = [...sim.state.titles.movie.entries()][0];
    const [tvId, tv] = [...sim.state.titles.tv.entries()][0];
    expect(await client.mediaDetails('movie', movieId)).toEqual({
      title: movie.title,
      posterPath: movie.posterPath,
    });
    expect(await client.mediaDetails('tv', tvId)).toEqual({ title: tv.title, posterPath: tv.posterPath });
    await Promise.all([client.mediaDetails('movie', movieId), client.mediaDetails('movie', movieId)]);
    expect(sim.count('GET /api/v1/movie/:movieId')).toBe(1);
    expect(await client.mediaDetails('movie', 999999999)).toBeNull();
  });

  it('applies a changed configuration at once, and can be bound to unsaved values', async () => {
    await store.update((d) => void (d.seerr.api_key = 'wrong-key'));
    try {
      expect((await failure(client.me())).message).toMatch(/refused the panel's credentials/);
      expect((await client.connect({ url: sim.url, api_key: sim.apiKey }).me()).id).toBe(1);
    } finally {
      await store.update((d) => void (d.seerr.api_key = sim.apiKey));
    }
    expect((await client.me()).id).toBe(1);
  });

  it('says when Seerr is not configured', async () => {
    const err = await failure(client.connect({ url: sim.url, api_key: '' }).listUsers());
    expect(err.getStatus()).toBe(503);
    expect(err.message).toBe('Seerr is not configured: set its URL and API key in Settings → Seerr.');
    expect((await client.connect({ url: sim.url, api_key: '' }).status()).version).toBe('3.1.0');
  });

  describe('maps every fault to a sentence naming Seerr', () => {
    it('hang → 504', async () => {
      sim.setFaults({ hang: true });
      const impatient = clientFor(sim.url, sim.apiKey, shortTimeoutHttp()).client;
      const err = await failure(impatient.listUsers());
      expect(err.getStatus()).toBe(504);
      expect(err.message).toBe(
        `Seerr at ${new URL(sim.url).host} did not answer within ${SHORT_TIMEOUT_MS / 1000} s.`,
      );
    });

    it('500 → 502 with Seerr’s message, a write tried once', async () => {
      sim.setFaults({ errorRate: 1, errorStatus: 500 });
      const err = await failure(client.about());
      expect(err.getStatus()).toBe(502);
      expect(err.message).toBe('Seerr answered HTTP 500: Internal Server Error');
      await failure(client.createUser({ username: 'x', password: 'pw-12345' }));
      expect(sim.count('POST /api/v1/user')).toBe(1);
    });

    it('bad key → 502 "refused the panel\'s credentials"', async () => {
      sim.setFaults({ badAuth: true });
      const err = await failure(client.listUsers());
      expect(err.getStatus()).toBe(502);
      expect(err.message).toMatch(/^Seerr refused the panel's credentials \(HTTP 403\)/);
    });

    it('garbage → 502', async () => {
      sim.setFaults({ garbage: true });
      const err = await failure(client.listUsers());
      expect(err.getStatus()).toBe(502);
      expect(err.message).toBe('Seerr answered with something that is not valid JSON.');
    });

    it('an HTML page → 502 asking whether the URL is right', async () => {
      sim.setFaults({ wrongContentType: true });
      expect((await failure(client.about())).message).toMatch(/an HTML page; is the URL right\?/);
    });

    it('empty lists stay empty lists', async () => {
      sim.setFaults({ emptyLists: true });
      expect(await client.listUsers()).toEqual([]);
    });
  });
});
