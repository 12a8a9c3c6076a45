import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { UpstreamHttp, type UpstreamRequest } from '../../../server/upstream/upstream-http.service';
import { json, Simulator, type SimRequest } from '../../../simulators/core';
import { upstreamFailure } from '../support/upstream-failure';

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'x-emby-token', 'x-api-key', 'x-plex-token'];

const redirect = (status: number, location: string) => ({ status, headers: { Location: location } });

describe('UpstreamHttp redirects', () => {
  /** The configured upstream. */
  let home: Simulator;
  /** Another origin (another port): it must never see a request carrying a credential. */
  let other: Simulator;
  let otherSaw: SimRequest[];
  const http = new UpstreamHttp(new HttpService(axios.create()));
  const call = (extra: Partial<UpstreamRequest> = {}) =>
    http.request<unknown>({
      service: 'Plex (Main)',
      baseUrl: home.url,
      path: '/away',
      timeoutMs: 2000,
      ...extra,
    });

  beforeEach(async () => {
    otherSaw = [];
    other = new Simulator({ name: 'other' });
    other.route('GET', '/landing', (req) => {
      otherSaw.push(req);
      return json(200, { landed: true });
    });
    await other.start();
    home = new Simulator({ name: 'home' });
    home.route('GET', '/away', () => redirect(302, `${other.url}/landing?X-Plex-Token=token-in-location`));
    home.route('POST', '/away', () => redirect(307, `${other.url}/landing`));
    home.route('GET', '/hop/:n', (req) => {
      const n = Number(req.params.n);
      return n === 0
        ? json(200, { hops: 'done', token: req.headers['x-plex-token'] })
        : redirect(301, `/hop/${n - 1}?x=1`);
    });
    home.route('POST', '/form', () => redirect(303, '/result'));
    home.route('GET', '/result', (req) => json(200, { method: req.method, body: req.body.toString() }));
    await home.start();
  });
  afterEach(async () => {
    await home.stop();
    await other.stop();
  });

  it.each<[string, Partial<UpstreamRequest>]>([
    ['X-Plex-Token', { headers: { 'X-Plex-Token': 'plex-secret' } }],
    ['X-Emby-Token', { headers: { 'X-Emby-Token': 'emby-secret' } }],
    ['X-Api-Key', { headers: { 'X-Api-Key': 'seerr-secret' } }],
    ['Authorization: MediaBrowser', { headers: { Authorization: 'MediaBrowser Token="jelly-secret"' } }],
    ['basic auth', { auth: { username: 'admin', password: 'basic-secret' } }],
    ['a cookie', { headers: { Cookie: 'GUID=cookie-secret' } }],
  ])(
    'never sends %s to another origin; answers 502 naming the service and the new host',
    async (_, extra) => {
      const err = await upstreamFailure(call(extra));
      expect(err.getStatus()).toBe(502);
      expect(err.kind).toBe('redirect');
      expect(err.message).toBe(
        `Plex (Main) redirected the panel to ${new URL(other.url).host}; the panel does not follow redirects to another address with its credentials. Point the URL at the final address.`,
      );
      expect(err.message).not.toContain('token-in-location');
      const leaked = otherSaw.flatMap((req) =>
        CREDENTIAL_HEADERS.filter((h) => req.headers[h] !== undefined),
      );
      expect(leaked).toEqual([]);
      expect(otherSaw).toHaveLength(0);
    },
  );

  it('refuses a cross-origin redirect of a write as well, without retrying it', async () => {
    const err = await upstreamFailure(
      call({ method: 'POST', body: { a: 1 }, headers: { 'X-Api-Key': 'k' } }),
    );
    expect(err.kind).toBe('redirect');
    expect(home.count('POST /away')).toBe(1);
    expect(otherSaw).toHaveLength(0);
  });

  it('follows up to 3 redirects within the same origin, credentials kept', async () => {
    const res = await call({ path: '/hop/3', headers: { 'X-Plex-Token': 'plex-secret' } });
    expect(res.data).toEqual({ hops: 'done', token: 'plex-secret' });
    const err = await upstreamFailure(call({ path: '/hop/4' }));
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(
      'Plex (Main) redirected the panel more than 3 times; point the URL at the final address.',
    );
  });

  it('turns a POST answered 303 into a GET without the body', async () => {
    const res = await call({ method: 'POST', path: '/form', body: { name: 'x' } });
    expect(res.data).toEqual({ method: 'GET', body: '' });
  });
});
