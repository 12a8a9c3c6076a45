import { MediaStatus, type SeerrRequest, type SeerrSimulator } from '../../simulators/seerr';
import { startSeerr, type Answer, type CallOptions } from '../../simulators/seerr/seerr.test-client';

/** The reference's filter table, as an oracle independent of the simulator's code. */
const TABLE: Record<string, [number[], number[]]> = {
  all: [
    [1, 2, 3, 4, 5],
    [1, 2, 3, 4, 5, 7],
  ],
  pending: [[1], [1, 2, 3, 4, 5, 7]],
  approved: [[2], [1, 2, 3, 4, 5, 7]],
  processing: [[2], [1, 2, 3, 4]],
  unavailable: [
    [1, 2],
    [1, 2, 3, 4],
  ],
  failed: [[4], [1, 2, 3, 4, 5, 7]],
  available: [[5], [5]],
  completed: [[5], [1, 2, 3, 4, 5, 7]],
  deleted: [[5], [7]],
};

describe('Seerr simulator: requests, titles and settings', () => {
  let sim: SeerrSimulator;
  let call: (method: string, path: string, opts?: CallOptions) => Promise<Answer>;
  beforeEach(async () => ({ sim, call } = await startSeerr({ requests: 300 })));
  afterEach(() => sim.stop());

  const expected = (filter: string, keep: (r: SeerrRequest) => boolean = () => true) => {
    const [statuses, media] = TABLE[filter];
    return [...sim.state.requests.values()]
      .filter((r) => {
        const m = sim.state.media.get(r.mediaId)!;
        return statuses.includes(r.status) && media.includes(r.is4k ? m.status4k : m.status) && keep(r);
      })
      .map((r) => r.id)
      .sort((a, b) => b - a);
  };

  it('pages requests 10 at a time, newest first, with Seerr page math', async () => {
    const all = expected('all');
    const res = await call('GET', '/request?skip=10');
    expect(res.body.pageInfo).toEqual({
      pages: Math.ceil(all.length / 10),
      pageSize: 10,
      results: all.length,
      page: 2,
    });
    expect(res.body.results.map((r: { id: number }) => r.id)).toEqual(all.slice(10, 20));
    expect(res.body.serviceErrors).toEqual({ radarr: [], sonarr: [] });
    const blocklisted = [...sim.state.media.values()].filter((m) => m.status === 6 || m.status4k === 6);
    expect(blocklisted.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThan(300);
  });

  it.each(Object.keys(TABLE))('applies filter=%s as tabulated', async (filter) => {
    const ids = expected(filter);
    const res = await call('GET', `/request?filter=${filter}&take=1000`);
    expect(res.body.results.map((r: { id: number }) => r.id)).toEqual(ids);
    expect(res.body.pageInfo.results).toBe(ids.length);
  });

  it('counts deleted media (media status 7, not request status 7) and rejects unknown filters', async () => {
    const res = await call('GET', '/request?filter=deleted&take=1');
    expect(res.body.pageInfo.results).toBeGreaterThan(0);
    const [first] = res.body.results;
    expect(first.status).toBe(5);
    expect(first.is4k ? first.media.status4k : first.media.status).toBe(MediaStatus.DELETED);
    const bad = await call('GET', '/request?filter=missing');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].errorCode).toBe('enum.openapi.validation');
  });

  it('filters by requester and media type, and sorts by modification ascending', async () => {
    const requester = sim.state.requests.get(1)!.requestedById;
    const ids = expected('all', (r) => r.requestedById === requester && r.type === 'movie');
    const res = await call('GET', `/request?requestedBy=${requester}&mediaType=movie&take=100`);
    expect(res.body.results.map((r: { id: number }) => r.id)).toEqual(ids);
    const asc = await call('GET', '/request?sort=modified&sortDirection=asc&take=50');
    const stamps = asc.body.results.map((r: { updatedAt: string }) => r.updatedAt);
    expect(stamps).toEqual([...stamps].sort());
  });

  it('serialises requests with media, seasons, requester and Radarr/Sonarr extras', async () => {
    const { body } = await call('GET', '/request?take=100');
    const tv = body.results.find((r: { type: string }) => r.type === 'tv');
    expect(tv.seasons.length).toBe(tv.seasonCount);
    expect(tv.seasons[0]).toEqual(expect.objectContaining({ seasonNumber: 1 }));
    const movie = body.results.find((r: { type: string }) => r.type === 'movie');
    expect(movie.media).not.toHaveProperty('title');
    expect(movie.requestedBy).toEqual(
      expect.objectContaining({ email: expect.any(String), displayName: expect.any(String) }),
    );
    expect(typeof movie.canRemove).toBe('boolean');
    expect(['HD-1080p', 'Ultra-HD']).toContain(movie.profileName);
    sim.state.settings.radarr[0].reachable = false;
    const broken = await call('GET', '/request?mediaType=movie&take=1');
    expect(broken.body.results[0]).not.toHaveProperty('profileName');
    expect(broken.body.serviceErrors).toEqual({ radarr: [{ id: 0, name: 'Radarr' }], sonarr: [] });
  });

  it('pages a user’s requests 20 at a time by id descending', async () => {
    const heavy = [...sim.state.users.keys()].sort(
      (a, b) => sim.state.requestCount(b) - sim.state.requestCount(a),
    )[0];
    const mine = sim.state.requestsOf(heavy).map((r) => r.id);
    expect(mine.length).toBeGreaterThan(20);
    const res = await call('GET', `/user/${heavy}/requests`);
    expect(res.body.pageInfo).toEqual({
      pages: Math.ceil(mine.length / 20),
      pageSize: 20,
      results: mine.length,
      page: 1,
    });
    expect(res.body.results.map((r: { id: number }) => r.id)).toEqual(mine.slice(0, 20));
    expect(res.body).not.toHaveProperty('serviceErrors');
    expect((await call('GET', '/user/9999/requests')).text).toBe('{"message":"User not found."}');
  });

  it('looks titles up: movie title, tv name, 500 for unknown ids', async () => {
    const movieMedia = [...sim.state.media.values()].find((m) => m.mediaType === 'movie')!;
    const movie = await call('GET', `/movie/${movieMedia.tmdbId}?language=en`);
    expect(movie.body).toMatchObject({
      id: movieMedia.tmdbId,
      title: sim.state.titles.movie.get(movieMedia.tmdbId)!.title,
    });
    expect(movie.body.mediaInfo.id).toBe(movieMedia.id);
    const tvMedia = [...sim.state.media.values()].find((m) => m.mediaType === 'tv')!;
    const tv = await call('GET', `/tv/${tvMedia.tmdbId}`);
    expect(tv.body.name).toBe(sim.state.titles.tv.get(tvMedia.tmdbId)!.title);
    const unknownMovie = await call('GET', '/movie/1');
    expect(unknownMovie.status).toBe(500);
    expect(unknownMovie.text).toBe('{"message":"Unable to retrieve movie."}');
    expect((await call('GET', '/tv/1')).text).toBe('{"message":"Unable to retrieve series."}');
  });

  it('reports stats in /settings/about and counts in /request/count', async () => {
    const about = await call('GET', '/settings/about');
    expect(about.body).toEqual({
      version: '3.1.0',
      totalMediaItems: sim.state.media.size,
      totalRequests: 300,
      tz: 'Europe/Berlin',
      appDataPath: '/app/config',
    });
    const count = await call('GET', '/request/count');
    const rows = [...sim.state.requests.values()];
    expect(count.body).toMatchObject({
      total: 300,
      movie: rows.filter((r) => r.type === 'movie').length,
      pending: rows.filter((r) => r.status === 1).length,
      completed: rows.filter((r) => r.status === 5).length,
    });
  });

  it('merges /settings/main, whose defaultPermissions new users get, and refuses the read-only apiKey', async () => {
    const main = await call('GET', '/settings/main');
    expect(main.body).toMatchObject({
      localLogin: true,
      defaultPermissions: 32,
      apiKey: sim.apiKey,
      mediaServerType: 1,
    });
    const post = await call('POST', '/settings/main', {
      body: { localLogin: false, defaultPermissions: 64, defaultQuotas: { movie: { quotaLimit: 3 } } },
    });
    expect(post.body).toMatchObject({
      localLogin: false,
      defaultPermissions: 64,
      defaultQuotas: { movie: { quotaLimit: 3 }, tv: {} },
    });
    const created = await call('POST', '/user', { body: { username: 'newbie', password: 'pw' } });
    expect(created.body.permissions).toBe(64);
    const readOnly = await call('POST', '/settings/main', { body: { apiKey: 'mine' } });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.message).toBe('request/body/apiKey is read-only');
  });

  it('toggles the e-mail agent that password-less user creation depends on', async () => {
    expect((await call('GET', '/settings/notifications/email')).body.enabled).toBe(false);
    const email = (await call('GET', '/settings/notifications/email')).body;
    await call('POST', '/settings/notifications/email', { body: { ...email, enabled: true } });
    expect((await call('POST', '/user', { body: { email: 'mailed@example.test' } })).status).toBe(201);
  });

  it('limits a plain user (X-API-User) to their own requests and hides e-mails', async () => {
    const plain = [...sim.state.users.values()].find(
      (u) => u.permissions === 32 && sim.state.requestCount(u.id) > 0,
    )!;
    const as = { headers: { 'X-API-User': String(plain.id) } };
    const own = await call('GET', '/request?take=100', as);
    expect(own.body.results.map((r: { id: number }) => r.id)).toEqual(
      expected('all', (r) => r.requestedById === plain.id),
    );
    expect(own.body.results[0]).not.toHaveProperty('canRemove');
    const other = await call('GET', '/request?requestedBy=1', as);
    expect(other.status).toBe(403);
    expect(other.text).toBe('{"message":"You do not have permission to view this user\'s requests."}');
    expect((await call('GET', '/user/1/requests', as)).status).toBe(403);
    const list = await call('GET', '/user', as);
    expect(list.body.results[0]).not.toHaveProperty('email');
    expect((await call('GET', '/user/2', as)).body).not.toHaveProperty('settings');
    expect((await call('POST', '/user', { ...as, body: { username: 'x', password: 'y' } })).status).toBe(403);
  });

  it('approves and declines pending requests (MANAGE_REQUESTS), 409 once decided, 404 for unknown ids', async () => {
    const pending = [...sim.state.requests.values()].filter((r) => r.status === 1 && !r.is4k);
    const [first, second] = pending;
    const approved = await call('POST', `/request/${first.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: first.id, status: 2, modifiedBy: { id: 1 } });
    expect(approved.body.media.status).toBe(MediaStatus.PROCESSING);
    expect(sim.state.requests.get(first.id)!.status).toBe(2);
    const declined = await call('POST', `/request/${second.id}/decline`);
    expect(declined.body.status).toBe(3);
    const again = await call('POST', `/request/${first.id}/decline`);
    expect(again.status).toBe(409);
    expect(again.text).toBe('{"message":"Only pending requests can be approved or declined."}');
    expect((await call('POST', '/request/999999/approve')).text).toBe('{"message":"Request not found."}');
    expect((await call('POST', `/request/${first.id}/maybe`)).status).toBe(400);
    const plain = [...sim.state.users.values()].find((u) => u.permissions === 32)!;
    const as = { headers: { 'X-API-User': String(plain.id) } };
    expect((await call('POST', `/request/${pending[2].id}/approve`, as)).status).toBe(403);
  });

  it('deletes requests: 204, gone from the list and the counts; 404 for unknown ids', async () => {
    const request = [...sim.state.requests.values()].find((r) => r.status === 2)!;
    const before = (await call('GET', '/request/count')).body.total;
    const res = await call('DELETE', `/request/${request.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(sim.state.requests.has(request.id)).toBe(false);
    expect((await call('GET', '/request/count')).body.total).toBe(before - 1);
    expect((await call('GET', `/request/${request.id}`)).status).toBe(404);
    const gone = await call('DELETE', `/request/${request.id}`);
    expect(gone.status).toBe(404);
    expect(gone.text).toBe('{"message":"Request not found."}');
  });

  it('computes quotas for a user', async () => {
    const res = await call('GET', '/user/1/quota');
    expect(res.body).toEqual({
      movie: { limit: 0, used: 0, restricted: false },
      tv: { limit: 0, used: 0, restricted: false },
    });
  });
});
