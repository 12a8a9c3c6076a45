import { createSeerrSimulator, type SeerrSimulator } from '../../../simulators/seerr';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const PENDING = 1;
const APPROVED = 2;
const DECLINED = 3;

interface Row {
  id: number;
  status: string;
  user_id: number;
  display_name: string;
  title: string | null;
  poster_url: string | null;
  seerr_url: string;
  type: 'movie' | 'tv';
  tmdb_id: number;
}

describe('/api/users/requests: the request queue', () => {
  let sim: SeerrSimulator;
  let panel: TestPanel;
  let token: string;

  const as = <T extends { auth: (t: string, o: { type: 'bearer' }) => T }>(req: T) =>
    req.auth(token, { type: 'bearer' });
  const get = (path: string) => as(panel.http().get(path));
  const post = (path: string) => as(panel.http().post(path));
  const del = (path: string) => as(panel.http().delete(path));
  const rows = async (): Promise<Row[]> =>
    (await get('/api/users/requests').expect(200)).body.users.flatMap((g: { requests: Row[] }) => g.requests);
  const pendingIds = () =>
    [...sim.state.requests.values()].filter((r) => r.status === PENDING && !r.is4k).map((r) => r.id);
  const lastAudit = async (action: string) =>
    (await get(`/api/audit?action=${action}`).expect(200)).body.items[0];

  beforeAll(async () => {
    sim = createSeerrSimulator({ requests: 60 });
    await sim.start();
    panel = await startTestPanel(baseConfig({ seerr: { url: sim.url, api_key: sim.apiKey } }), {
      UPSTREAM_TIMEOUT_MS: '2000',
    });
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await sim.stop();
  });
  beforeEach(() => sim.resetFaults());

  it("lists each request with its requester, poster thumbnail, Seerr link and Seerr's counts", async () => {
    const res = await get('/api/users/requests').expect(200);
    const all = res.body.users.flatMap((g: { requests: Row[] }) => g.requests) as Row[];
    const request = [...sim.state.requests.values()].find((r) => all.some((row) => row.id === r.id))!;
    const media = sim.state.media.get(request.mediaId)!;
    const title = sim.state.titles[request.type].get(media.tmdbId)!;
    const user = sim.state.users.get(request.requestedById)!;
    expect(all.find((row) => row.id === request.id)).toMatchObject({
      user_id: user.id,
      display_name: user.username ?? user.plexUsername ?? user.jellyfinUsername ?? user.email,
      type: request.type,
      title: title.title,
      created_at: request.createdAt,
      poster_url: `https://image.tmdb.org/t/p/w92${title.posterPath}`,
      seerr_url: `${sim.url}/${request.type}/${media.tmdbId}`,
    });
    const counted = (await fetch(`${sim.url}/api/v1/request/count`, {
      headers: { 'X-Api-Key': sim.apiKey },
    }).then((r) => r.json())) as Record<string, number>;
    expect(res.body.counts).toEqual(counted);
    expect(res.body.counts.pending).toBe(
      pendingIds().length +
        [...sim.state.requests.values()].filter((r) => r.status === PENDING && r.is4k).length,
    );
    // The dashboard's pending figure is the same one.
    const seerr = await get('/api/seerr').expect(200);
    expect(seerr.body.live.pending_requests).toBe(res.body.counts.pending);
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data: https://image.tmdb.org;");
  });

  it('approves a pending request in Seerr, answers the updated row and counts, and audits it', async () => {
    const id = pendingIds()[0];
    const before = (await get('/api/users/requests').expect(200)).body.counts;
    sim.resetCounters();
    const res = await post(`/api/users/requests/${id}/approve`).expect(200);
    expect(sim.count('POST /api/v1/request/:requestId/:status')).toBe(1);
    expect(sim.state.requests.get(id)!.status).toBe(APPROVED);
    expect(res.body.request).toMatchObject({ id, status: 'approved', seerr_url: expect.any(String) });
    expect(res.body.request.title).toEqual(expect.any(String));
    expect(res.body.counts).toMatchObject({ pending: before.pending - 1, approved: before.approved + 1 });
    expect(res.body.message).toMatch(new RegExp(`^Approved request ${id} \\(`));
    expect(await lastAudit('requests.approve')).toMatchObject({
      target: `request ${id}`,
      outcome: 'ok',
      status_code: 200,
    });
    expect((await rows()).find((r) => r.id === id)?.status).toBe('approved');
  });

  it('declines a pending request, and refuses (409) to decide it again', async () => {
    const id = pendingIds()[0];
    const res = await post(`/api/users/requests/${id}/decline`).expect(200);
    expect(sim.state.requests.get(id)!.status).toBe(DECLINED);
    expect(res.body.request).toMatchObject({ id, status: 'declined' });
    expect(await lastAudit('requests.decline')).toMatchObject({ target: `request ${id}`, outcome: 'ok' });
    const again = await post(`/api/users/requests/${id}/approve`).expect(409);
    expect(again.body.message).toBe('Seerr refused: Only pending requests can be approved or declined.');
    expect(sim.state.requests.get(id)!.status).toBe(DECLINED);
  });

  it('deletes a request of any status, and audits it', async () => {
    const request = [...sim.state.requests.values()].find((r) => r.status === APPROVED)!;
    const total = (await get('/api/users/requests').expect(200)).body.counts.total;
    const requestCount = async () =>
      (
        (await get('/api/users/detailed').expect(200)).body.users as {
          seerr_id: number | null;
          request_count: number;
        }[]
      ).find((u) => u.seerr_id === request.requestedById)!.request_count;
    const before = await requestCount();
    const res = await del(`/api/users/requests/${request.id}`).expect(200);
    expect(res.body).toEqual({
      request: null,
      counts: expect.objectContaining({ total: total - 1 }),
      message: `Deleted request ${request.id}.`,
    });
    expect(sim.state.requests.has(request.id)).toBe(false);
    expect((await rows()).some((r) => r.id === request.id)).toBe(false);
    // The Users page's count for that person follows at once, not after its cache expires.
    expect(await requestCount()).toBe(before - 1);
    expect(await lastAudit('requests.delete')).toMatchObject({
      target: `request ${request.id}`,
      outcome: 'ok',
      status_code: 200,
    });
  });

  it.each([
    ['post', 'abc/approve', 'id must be an integer number'],
    ['post', '0/decline', 'id must not be less than 1'],
    ['delete', '-4', 'id must not be less than 1'],
  ] as const)('refuses %s %s with a 400 naming id, asking Seerr nothing', async (verb, path, message) => {
    sim.resetCounters();
    const res = await (verb === 'post' ? post : del)(`/api/users/requests/${path}`).expect(400);
    expect(res.body.message).toBe(`Invalid request (id): ${message}`);
    expect(
      sim.count('POST /api/v1/request/:requestId/:status') + sim.count('DELETE /api/v1/request/:requestId'),
    ).toBe(0);
  });

  it.each([
    ['post', '999999/approve'],
    ['post', '999999/decline'],
    ['delete', '999999'],
  ] as const)('answers 404 for %s %s, a request Seerr does not have', async (verb, path) => {
    const res = await (verb === 'post' ? post : del)(`/api/users/requests/${path}`).expect(404);
    expect(res.body.message).toBe('Seerr has no request 999999.');
    const audit = await lastAudit(verb === 'delete' ? 'requests.delete' : `requests.${path.split('/')[1]}`);
    expect(audit).toMatchObject({ target: 'request 999999', outcome: 'error', status_code: 404 });
  });

  it('answers 502 naming Seerr when it fails, and 504 when it does not answer; nothing changes', async () => {
    const id = pendingIds()[0];
    sim.setFaults({ errorRate: 1, errorStatus: 500 });
    const failed = await post(`/api/users/requests/${id}/approve`).expect(502);
    expect(failed.body.message).toMatch(/^Seerr answered HTTP 500/);
    await del(`/api/users/requests/${id}`).expect(502);
    expect(await lastAudit('requests.delete')).toMatchObject({ outcome: 'error', status_code: 502 });
    sim.setFaults({ errorRate: 0, hang: true });
    const slow = await post(`/api/users/requests/${id}/decline`).expect(504);
    expect(slow.body.message).toMatch(/^Seerr at .* did not answer within 2 s\.$/);
    sim.resetFaults();
    expect(sim.state.requests.get(id)!.status).toBe(PENDING);
    await get('/api/users/requests').expect(200);
  });
});
