import { createHash } from 'node:crypto';
import {
  createUtorrentSimulator,
  UTORRENT_PASSWORD,
  UTORRENT_USERNAME,
  type UtorrentSimulator,
} from '../../../simulators/utorrent';
import { Bit } from '../../../simulators/utorrent';
import { eventually } from '../../support/eventually';
import { openEventStream } from '../torrents/support/event-stream';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const UNKNOWN = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';

describe('/api/utorrent against the uTorrent simulator', () => {
  let sim: UtorrentSimulator;
  let panel: TestPanel;
  let token: string;
  const get = (path: string) => panel.http().get(`/api/utorrent${path}`).auth(token, { type: 'bearer' });
  const post = (path: string, body: object = {}) =>
    panel.http().post(`/api/utorrent${path}`).auth(token, { type: 'bearer' }).send(body);
  const put = (path: string, body: object) =>
    panel.http().put(`/api/utorrent${path}`).auth(token, { type: 'bearer' }).send(body);
  const byKind = (kind: string) =>
    [...sim.state.torrents.values()].find((t) => t.name && statusOf(t.status) === kind)!;
  const statusOf = (s: number) =>
    s & Bit.PAUSED ? 'paused' : s & Bit.STARTED ? 'started' : s & Bit.CHECKING ? 'checking' : 'other';
  const lastAudit = async (action: string) =>
    (await panel.http().get(`/api/audit?action=${action}`).auth(token, { type: 'bearer' }).expect(200)).body
      .items[0];

  beforeAll(async () => {
    sim = createUtorrentSimulator({ torrents: 40 });
    await sim.start();
    panel = await startTestPanel(
      baseConfig({
        utorrent: { url: sim.url, username: UTORRENT_USERNAME, password: UTORRENT_PASSWORD, poll_seconds: 1 },
      }),
      { UPSTREAM_TIMEOUT_MS: '3000' },
    );
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await sim.stop();
  });
  afterEach(() => sim.resetFaults());

  describe('reads', () => {
    it('status: configured, connected, the build and counts by state', async () => {
      const res = await get('/status').expect(200);
      expect(res.body).toMatchObject({
        client: 'utorrent',
        configured: true,
        connected: true,
        version: 'build 46206',
        error: null,
        total: 40,
      });
      const counts = Object.values(res.body.counts as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(counts).toBe(40);
    });

    it('health asks uTorrent now', async () => {
      expect((await get('/health').expect(200)).body).toMatchObject({ status: 'ok', version: 'build 46206' });
    });

    it('lists torrents in the one shape, filtered, sorted and paged', async () => {
      const all = (await get('/torrents?page_size=1000').expect(200)).body;
      expect(all.total).toBe(40);
      const [first] = all.items;
      expect(Object.keys(first).sort()).toEqual([
        'added',
        'client',
        'down_rate',
        'eta',
        'hash',
        'label',
        'name',
        'progress',
        'ratio',
        'size',
        'state',
        // Added with the other torrent clients; uTorrent's list has no tracker column, so it is "".
        'tracker',
        'up_rate',
      ]);
      expect(first.tracker).toBe('');
      expect(first.hash).toMatch(/^[0-9A-F]{40}$/);
      expect(first.client).toBe('utorrent');
      const names = all.items.map((t: { name: string }) => t.name);
      expect(names).toEqual(
        [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })),
      );

      const seeding = (await get('/torrents?state=seeding&page_size=1000').expect(200)).body;
      expect(seeding.total).toBeGreaterThan(0);
      expect(seeding.items.every((t: { state: string }) => t.state === 'seeding')).toBe(true);
      const movies = (await get('/torrents?label=Movies&page_size=1000').expect(200)).body;
      expect(movies.items.every((t: { label: string }) => t.label === 'Movies')).toBe(true);
      const bySize = (await get('/torrents?sort=size&order=desc&page=2&page_size=5').expect(200)).body;
      expect(bySize.items).toHaveLength(5);
      const sizes = all.items.map((t: { size: number }) => t.size).sort((a: number, b: number) => b - a);
      expect(bySize.items.map((t: { size: number }) => t.size)).toEqual(sizes.slice(5, 10));
      const needle = first.name.slice(0, 8).toLowerCase();
      const found = (await get(`/torrents?q=${encodeURIComponent(needle)}`).expect(200)).body;
      expect(found.items.every((t: { name: string }) => t.name.toLowerCase().includes(needle))).toBe(true);
    });

    it('refuses bad query values naming the field', async () => {
      expect((await get('/torrents?state=running').expect(400)).body.message).toMatch(/state must be one of/);
      expect((await get('/torrents?page_size=0').expect(400)).body.message).toMatch(/page_size/);
    });

    it('serves 50 concurrent reads from one snapshot (at most one list call)', async () => {
      await get('/torrents').expect(200);
      const before = sim.count('list=1');
      await Promise.all(Array.from({ length: 50 }, () => get('/torrents?page_size=5').expect(200)));
      expect(sim.count('list=1') - before).toBeLessThanOrEqual(1);
    });

    it('stats and bandwidth sum the torrents; limits come from the settings', async () => {
      const stats = (await get('/stats').expect(200)).body;
      expect(stats.total).toBe(40);
      expect(stats.seeding + stats.downloading + stats.paused).toBeLessThanOrEqual(40);
      expect(stats.total_size).toBe([...sim.state.torrents.values()].reduce((a, t) => a + t.size, 0));
      expect(stats.overall_ratio).toBeGreaterThan(0);
      const bw = (await get('/bandwidth').expect(200)).body;
      expect(bw).toMatchObject({ down_limit: null, up_limit: null });
      expect(bw.down_rate).toBeGreaterThan(0);
      const set = (await put('/bandwidth', { down_limit: 1048576, up_limit: 0 }).expect(200)).body;
      expect(set).toMatchObject({ down_limit: 1048576, up_limit: null });
      expect(sim.state.settings.get('max_dl_rate')?.value).toBe('1024');
      await put('/bandwidth', { down_limit: null }).expect(200);
      expect(sim.state.settings.get('max_dl_rate')?.value).toBe('0');
    });
  });

  describe('actions', () => {
    it('pauses, resumes, stops and starts, audited with the torrent name', async () => {
      const t = byKind('started');
      const pause = (await post(`/torrents/${t.hash.toLowerCase()}/pause`).expect(200)).body;
      expect(pause).toEqual({ hash: t.hash, name: t.name, action: 'pause', state: 'paused' });
      expect(sim.state.torrents.get(t.hash)!.status & Bit.PAUSED).toBeTruthy();
      expect((await post(`/torrents/${t.hash}/resume`).expect(200)).body.state).toMatch(
        /downloading|seeding/,
      );
      expect((await post(`/torrents/${t.hash}/stop`).expect(200)).body.state).toMatch(/stopped|completed/);
      expect((await post(`/torrents/${t.hash}/start`).expect(200)).body.state).toMatch(/downloading|seeding/);
      await panel.auditWritten();
      expect(await lastAudit('utorrent.pause')).toMatchObject({ target: t.name, outcome: 'ok' });
    });

    it('refuses a hash that is not 40 hex characters, naming the field, before any upstream call', async () => {
      const before = sim.totalRequests();
      for (const bad of ['all', 'ALL', '123', `${UNKNOWN}0`]) {
        const res = await post(`/torrents/${bad}/start`).expect(400);
        expect(res.body.message).toMatch(/hash must be a 40-character hexadecimal info-hash/);
      }
      expect(sim.totalRequests()).toBe(before);
    });

    it('answers 404 for an unknown hash', async () => {
      const res = await post(`/torrents/${UNKNOWN}/pause`).expect(404);
      expect(res.body.message).toBe(`uTorrent has no torrent with hash ${UNKNOWN}.`);
    });

    it('removes a torrent, keeping or deleting its data', async () => {
      const [a, b] = [...sim.state.torrents.values()].slice(-2);
      const kept = (await post(`/torrents/${a.hash}/remove`, { deleteData: false }).expect(200)).body;
      expect(kept).toMatchObject({ hash: a.hash, name: a.name, data: 'kept' });
      expect(sim.state.torrents.has(a.hash)).toBe(false);
      const gone = (await post(`/torrents/${b.hash}/remove`, { deleteData: true }).expect(200)).body;
      expect(gone).toMatchObject({ data: 'deleted' });
      expect(sim.state.deletedData).toContain(b.hash);
      expect((await get(`/torrents?q=${b.hash}`).expect(200)).body.total).toBe(0);
      await panel.auditWritten();
      expect(await lastAudit('utorrent.remove')).toMatchObject({ target: b.name });
    });

    it('refuses to delete data another torrent uses (same save path), until forced', async () => {
      const [c, d] = [...sim.state.torrents.values()].slice(-4, -2);
      d.savePath = c.savePath;
      const check = (await post('/torrents/data-check', { hashes: [c.hash] }).expect(200)).body;
      expect(check.items).toEqual([
        {
          hash: c.hash,
          name: c.name,
          path: c.savePath,
          deletable: false,
          forceable: true,
          reason: 'other torrents use the same files',
          shared_with: [{ hash: d.hash, name: d.name }],
        },
      ]);
      const refused = (await post(`/torrents/${c.hash}/remove`, { deleteData: true }).expect(409)).body;
      expect(refused.message).toContain(
        `The data of "${c.name}" at ${c.savePath} is also used by "${d.name}"`,
      );
      expect(sim.state.torrents.has(c.hash)).toBe(true);
      expect(sim.state.deletedData).not.toContain(c.hash);
      const bulk = (await post('/torrents/bulk/remove', { hashes: [c.hash], deleteData: true }).expect(200))
        .body;
      expect(bulk.results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/also used by/) });
      expect(sim.state.torrents.has(c.hash)).toBe(true);
      await post(`/torrents/${c.hash}/remove`, { deleteData: true, force: true }).expect(200);
      expect(sim.state.deletedData).toContain(c.hash);
      expect(sim.state.torrents.has(d.hash)).toBe(true);
    });

    it('adds by magnet (label, not started) and by http URL, confirming each appeared', async () => {
      const hash = 'C0FFEE0000000000000000000000000000000001';
      const magnet = `magnet:?xt=urn:btih:${hash.toLowerCase()}&dn=Panel.Test`;
      const added = (
        await post('/torrents/add-url', { url: magnet, label: 'Panel', start: false }).expect(201)
      ).body;
      expect(added).toEqual({ hash, name: 'Panel.Test', state: 'stopped' });
      expect(sim.state.torrents.get(hash)).toMatchObject({ label: 'Panel' });
      const url = 'http://tracker.example.test/files/Some.Album.torrent';
      const byUrl = (await post('/torrents/add-url', { url }).expect(201)).body;
      expect(byUrl.hash).toBe(createHash('sha1').update(url).digest('hex').toUpperCase());
      expect(byUrl.state).toMatch(/downloading|queued/);
      expect(
        (await post('/torrents/add-url', { url: 'ftp://x/y.torrent' }).expect(400)).body.message,
      ).toMatch(/url must be/);
    });

    it('runs bulk actions with an outcome per hash', async () => {
      const hashes = [...sim.state.torrents.values()].slice(0, 3).map((t) => t.hash);
      const res = (await post('/torrents/bulk/pause', { hashes: [...hashes, UNKNOWN] }).expect(200)).body;
      expect(res).toMatchObject({ action: 'pause', succeeded: 3, failed: 1 });
      expect(res.results[3]).toEqual({
        hash: UNKNOWN,
        name: null,
        ok: false,
        error: `uTorrent has no torrent with hash ${UNKNOWN}.`,
      });
      expect((await post('/torrents/bulk/all', { hashes }).expect(400)).body.message).toMatch(
        /action must be one of/,
      );
      expect((await post('/torrents/bulk/stop', { hashes: ['all'] }).expect(400)).body.message).toMatch(
        /hashes/,
      );
      await post('/torrents/bulk/resume', { hashes }).expect(200);
    });
  });

  describe('event stream', () => {
    it('sends the status first, then the changes an action causes', async () => {
      const stream = await openEventStream(panel.url, '/api/utorrent/events', token);
      try {
        expect(stream.status).toBe(200);
        const status = await stream.next(
          (e) => e.event === 'status' && (e.data as { connected: boolean }).connected,
        );
        expect(status.data).toMatchObject({ connected: true, error: null });
        const t = byKind('started');
        const from = stream.events.length;
        await post(`/torrents/${t.hash}/pause`).expect(200);
        const change = await stream.next(
          (e) =>
            e.event === 'changes' &&
            (e.data as { changed: Array<{ hash: string }> }).changed.some((c) => c.hash === t.hash),
          5000,
          from,
        );
        const patch = (change.data as { changed: Array<{ hash: string; state?: string }> }).changed.find(
          (c) => c.hash === t.hash,
        );
        expect(patch?.state).toBe('paused');
        await post(`/torrents/${t.hash}/resume`).expect(200);
      } finally {
        stream.close();
      }
    });
  });

  describe('settings', () => {
    it('shows the settings without the password and saves changes', async () => {
      const res = await get('/settings').expect(200);
      expect(res.body).toEqual({
        url: sim.url,
        username: UTORRENT_USERNAME,
        password_set: true,
        poll_seconds: 1,
        overridden_by_env: [],
      });
      expect(res.text).not.toContain(UTORRENT_PASSWORD);
      const saved = (await put('/settings', { password: UTORRENT_PASSWORD, poll_seconds: 1 }).expect(200))
        .body;
      expect(saved.password_set).toBe(true);
      expect((await put('/settings', { url: 'gopher://x' }).expect(400)).body.message).toMatch(/url must be/);
    });
  });

  describe('faults', () => {
    it('renews the WebUI token once when uTorrent forgets it (restart) and carries on', async () => {
      await get('/health').expect(200);
      const tokens = sim.count('GET /gui/token.html');
      sim.restart();
      await get('/health').expect(200);
      expect(sim.count('GET /gui/token.html')).toBe(tokens + 1);
    });

    it('bad credentials: 502 naming the username and password', async () => {
      sim.setFaults({ badAuth: true });
      const res = await get('/health').expect(502);
      expect(res.body.message).toMatch(
        /^uTorrent refused the panel's username or password \(HTTP 401\); check UTORRENT_USERNAME/,
      );
    });

    it('a hang is a 504, garbage a 502, an HTML page a 502', async () => {
      sim.setFaults({ hang: true });
      expect((await get('/health').expect(504)).body.message).toMatch(
        /^uTorrent at .* did not answer within 3 s/,
      );
      sim.resetFaults();
      await get('/health').expect(200);
      sim.setFaults({ garbage: true });
      expect((await get('/health').expect(502)).body.message).toMatch(
        /^uTorrent answered with something that is not valid JSON/,
      );
      sim.resetFaults();
      sim.setFaults({ wrongContentType: true });
      expect((await get('/health').expect(502)).body.message).toMatch(/HTML page/);
    });

    it('the list routes answer the failure of the last poll, then recover', async () => {
      sim.setFaults({ garbage: true });
      await eventually(
        async () => /^uTorrent answered/.test(String((await get('/torrents')).body.message)),
        'a poll has met the garbage',
      );
      expect((await get('/torrents').expect(502)).body.message).toMatch(/^uTorrent answered/);
      expect((await get('/stats').expect(502)).body.message).toMatch(/^uTorrent answered/);
      const status = (await get('/status').expect(200)).body;
      expect(status).toMatchObject({ configured: true, connected: false });
      expect(status.error).toMatch(/^uTorrent answered/);
      sim.resetFaults();
      await eventually(async () => (await get('/torrents')).status === 200, 'a poll has recovered');
      await get('/torrents').expect(200);
    });
  });
});

describe('/api/utorrent without configuration', () => {
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    panel = await startTestPanel(baseConfig(), { UTORRENT_USERNAME: 'admin' });
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel.close());

  it('answers 503 naming what to set, and status says so with 200', async () => {
    const res = await panel.http().get('/api/utorrent/torrents').auth(token, { type: 'bearer' }).expect(503);
    expect(res.body.message).toBe(
      'uTorrent is not configured: set UTORRENT_URL, UTORRENT_USERNAME and UTORRENT_PASSWORD, or its URL, username and password in Settings.',
    );
    const status = (
      await panel.http().get('/api/utorrent/status').auth(token, { type: 'bearer' }).expect(200)
    ).body;
    expect(status).toMatchObject({ configured: false, connected: false, error: res.body.message });
    const settings = (
      await panel.http().get('/api/utorrent/settings').auth(token, { type: 'bearer' }).expect(200)
    ).body;
    expect(settings.overridden_by_env).toEqual(['UTORRENT_USERNAME']);
  });
});
