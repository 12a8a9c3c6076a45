import { createRtorrentSimulator, RTORRENT_PASSWORD, RTORRENT_USERNAME } from '../../../simulators/rtorrent';
import type { RtorrentSimulator } from '../../../simulators/rtorrent';
import {
  createUtorrentSimulator,
  UTORRENT_USERNAME,
  type UtorrentSimulator,
} from '../../../simulators/utorrent';
import { eventually } from '../../support/eventually';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';
import { openEventStream } from './support/event-stream';

/** Not a word of any sentence: the panel redacts configured passwords from every message. */
const UT_PASSWORD = 'ut-pass-5f2c9a';

interface Row {
  hash: string;
  name: string;
  client: string;
  client_id: string;
  client_name: string;
  stale: boolean;
}
interface ClientState {
  id: string;
  name: string;
  connected: boolean;
  stale: boolean;
  error: string | null;
  total: number;
}

/**
 * Three instances — the seed's uTorrent and rTorrent sections and a second uTorrent from torrent_clients —
 * in one list, each under /api/torrents/clients/{id}, with the seed's routes as aliases.
 */
describe('/api/torrents: every client in one list', () => {
  let ut: UtorrentSimulator;
  let ut2: UtorrentSimulator;
  let rt: RtorrentSimulator;
  let panel: TestPanel;
  let token: string;
  const get = (path: string) => panel.http().get(`/api${path}`).auth(token, { type: 'bearer' });
  const post = (path: string, body: object = {}) =>
    panel.http().post(`/api${path}`).auth(token, { type: 'bearer' }).send(body);
  const page = async (query = '') =>
    (await get(`/torrents?page_size=1000${query}`).expect(200)).body as {
      items: Row[];
      total: number;
      clients: ClientState[];
    };

  beforeAll(async () => {
    ut = createUtorrentSimulator({ torrents: 12, seed: 1, password: UT_PASSWORD });
    ut2 = createUtorrentSimulator({ torrents: 7, seed: 2, password: UT_PASSWORD });
    rt = createRtorrentSimulator({ torrents: 9 });
    await Promise.all([ut.start(), ut2.start(), rt.start()]);
    panel = await startTestPanel(
      baseConfig({
        utorrent: { url: ut.url, username: UTORRENT_USERNAME, password: UT_PASSWORD, poll_seconds: 1 },
        rutorrent: { url: rt.url, username: RTORRENT_USERNAME, password: RTORRENT_PASSWORD, poll_seconds: 1 },
        torrent_clients: [
          {
            name: 'Seedbox uT',
            type: 'utorrent',
            url: ut2.url,
            username: UTORRENT_USERNAME,
            password: UT_PASSWORD,
            poll_seconds: 1,
          },
          { name: 'Old box', type: 'utorrent', url: 'http://127.0.0.1:9', enabled: false },
        ],
      }),
      { UPSTREAM_TIMEOUT_MS: '3000' },
    );
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await Promise.all([ut.stop(), ut2.stop(), rt.stop()]);
  });
  afterEach(() => {
    ut.resetFaults();
    ut2.resetFaults();
    rt.resetFaults();
  });

  it('lists every instance with its id, the seed aliases marked, the disabled one inactive', async () => {
    const res = await get('/torrents/clients').expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        id: 'utorrent',
        name: 'uTorrent',
        kind: 'utorrent',
        seed: true,
        active: true,
        seed_alias: true,
      }),
      expect.objectContaining({
        id: 'rutorrent',
        name: 'rTorrent',
        kind: 'rutorrent',
        seed: true,
        active: true,
        seed_alias: true,
      }),
      expect.objectContaining({
        id: 'seedbox-ut',
        name: 'Seedbox uT',
        kind: 'utorrent',
        seed: false,
        active: true,
        seed_alias: false,
      }),
      expect.objectContaining({ id: 'old-box', kind: 'utorrent', active: false, seed_alias: false }),
    ]);
  });

  it('merges the torrents of every active client, each row naming its client', async () => {
    const body = await page();
    expect(body.total).toBe(12 + 9 + 7);
    const count = (id: string) => body.items.filter((r) => r.client_id === id).length;
    expect([count('utorrent'), count('rutorrent'), count('seedbox-ut')]).toEqual([12, 9, 7]);
    expect(body.items.find((r) => r.client_id === 'seedbox-ut')).toMatchObject({
      client: 'utorrent',
      client_name: 'Seedbox uT',
      stale: false,
    });
    expect(body.clients.map((c) => [c.id, c.connected, c.total])).toEqual([
      ['utorrent', true, 12],
      ['rutorrent', true, 9],
      ['seedbox-ut', true, 7],
    ]);
  });

  it('filters by client and sorts by client name', async () => {
    expect((await page('&client=seedbox-ut')).items.every((r) => r.client_id === 'seedbox-ut')).toBe(true);
    const sorted = (await page('&sort=client')).items.map((r) => r.client_name);
    expect([...new Set(sorted)]).toEqual(['rTorrent', 'Seedbox uT', 'uTorrent']);
    const res = await get('/torrents?client=Seedbox').expect(400);
    expect(res.body.message).toContain('client must be a torrent client id');
  });

  it('keeps the rows of a client that went down, marked stale with the reason, and fresh again once it is back', async () => {
    await page();
    ut2.setFaults({ garbage: true });
    let body = await page();
    await eventually(async () => {
      body = await page();
      return body.clients.find((c) => c.id === 'seedbox-ut')?.connected === false;
    }, 'the merged list sees Seedbox uT down');
    const state = body.clients.find((c) => c.id === 'seedbox-ut');
    expect(state).toMatchObject({ connected: false, stale: true, total: 7 });
    expect(state?.error).toMatch(/^Seedbox uT answered with something that is not valid JSON/);
    const rows = (id: string) => body.items.filter((r) => r.client_id === id);
    expect(rows('seedbox-ut')).toHaveLength(7);
    expect(rows('seedbox-ut').every((r) => r.stale)).toBe(true);
    expect(rows('utorrent').every((r) => !r.stale)).toBe(true);
    ut2.resetFaults();
    await eventually(
      async () => !(await page()).items.some((r) => r.stale),
      'the rows of Seedbox uT are fresh again',
    );
    expect((await page()).clients.find((c) => c.id === 'seedbox-ut')).toMatchObject({
      connected: true,
      stale: false,
    });
  });

  it('serves each instance under /api/torrents/clients/{id}, and 404 names the ids for an unknown one', async () => {
    const res = await get('/torrents/clients/seedbox-ut/torrents?page_size=100').expect(200);
    expect(res.body.total).toBe(7);
    const missing = await get('/torrents/clients/nope/status').expect(404);
    expect(missing.body.message).toBe(
      'No torrent client has the id "nope"; the configured ones are utorrent, rutorrent, seedbox-ut.',
    );
  });

  it('refuses to restart an instance without a container with a 501 saying which setting names it', async () => {
    const res = await post('/torrents/clients/seedbox-ut/restart').expect(501);
    expect(res.body.message).toMatch(
      /^Seedbox uT has no restart API\. To restart it from the panel, set its container \(Torrent clients → Docker container\) to its Docker container name and mount the Docker socket \(.+\) into the panel's container\.$/,
    );
  });

  it('acts through an instance route, audits which client acted, and streams the change on the merged stream', async () => {
    const stream = await openEventStream(panel.url, '/api/torrents/events', token);
    try {
      const first = await stream.next((e) => e.event === 'clients');
      expect((first.data as { clients: ClientState[] }).clients.map((c) => c.id)).toEqual([
        'utorrent',
        'rutorrent',
        'seedbox-ut',
      ]);
      const target = (await page('&client=seedbox-ut&state=seeding')).items[0];
      const from = stream.events.length;
      await post(`/torrents/clients/seedbox-ut/torrents/${target.hash}/pause`).expect(200);
      const change = await stream.next(
        (e) =>
          e.event === 'changes' &&
          (e.data as { client_id: string; changed: { hash: string }[] }).client_id === 'seedbox-ut' &&
          (e.data as { changed: { hash: string }[] }).changed.some((c) => c.hash === target.hash),
        10_000,
        from,
      );
      expect(change.data).toMatchObject({ client_id: 'seedbox-ut' });
      const audit = (await get('/audit?action=torrents.pause').expect(200)).body.items[0];
      expect(audit).toMatchObject({ action: 'torrents.pause', target: `${target.name} (in seedbox-ut)` });
    } finally {
      stream.close();
    }
  });

  it('merged stats add up every client', async () => {
    const res = await get('/torrents/stats').expect(200);
    expect(res.body.total).toBe(28);
    expect(res.body.clients).toHaveLength(3);
    // Each client's rates, in the clients' order, add up to the totals.
    const rates = res.body.client_rates as { id: string; down_rate: number; up_rate: number }[];
    expect(rates.map((r) => r.id)).toEqual(res.body.clients.map((c: { id: string }) => c.id));
    const sum = (key: 'down_rate' | 'up_rate') => rates.reduce((n, r) => n + r[key], 0);
    expect(sum('down_rate')).toBe(res.body.down_rate);
    expect(sum('up_rate')).toBe(res.body.up_rate);
  });

  it('a new torrent_clients entry is polled at once and the seed alias moves when the seed section is emptied', async () => {
    await panel
      .http()
      .put('/api/utorrent/settings')
      .auth(token, { type: 'bearer' })
      .send({ url: '' })
      .expect(200);
    const clients = (await get('/torrents/clients').expect(200)).body as {
      id: string;
      seed_alias: boolean;
    }[];
    expect(clients.filter((c) => c.seed_alias).map((c) => c.id)).toEqual(['rutorrent', 'seedbox-ut']);
    const status = await get('/utorrent/status').expect(200);
    expect(status.body).toMatchObject({ configured: true, connected: true, total: 7 });
    expect((await page()).total).toBe(9 + 7);
  });
});
