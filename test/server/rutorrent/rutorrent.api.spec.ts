import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRtorrentSimulator,
  RTORRENT_PASSWORD,
  RTORRENT_USERNAME,
  type RtorrentSimulator,
} from '../../../simulators/rtorrent';
import { eventually } from '../../support/eventually';
import { type DockerSimulator, startDockerSimulator } from '../../../simulators/docker';
import { openEventStream } from '../torrents/support/event-stream';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const UNKNOWN = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';

describe('/api/rutorrent against the rTorrent simulator', () => {
  let sim: RtorrentSimulator;
  let panel: TestPanel;
  let docker: DockerSimulator;
  let token: string;
  let downloads: string;
  const get = (path: string) => panel.http().get(`/api/rutorrent${path}`).auth(token, { type: 'bearer' });
  const post = (path: string, body: object = {}) =>
    panel.http().post(`/api/rutorrent${path}`).auth(token, { type: 'bearer' }).send(body);
  const put = (path: string, body: object) =>
    panel.http().put(`/api/rutorrent${path}`).auth(token, { type: 'bearer' }).send(body);
  const torrents = () => [...sim.state.torrents.values()];
  /** Open single-file torrents no earlier test has touched, so each test starts from the simulator's own. */
  const used = new Set<string>();
  const untouched = (count: number) => {
    const picked = torrents()
      .filter((t) => !t.multiFile && t.isOpen && !used.has(t.hash))
      .slice(0, count);
    for (const t of picked) used.add(t.hash);
    return picked;
  };
  const triple = (hash: string) => {
    const t = sim.state.torrents.get(hash)!;
    return [t.state, t.isActive, t.isOpen];
  };

  beforeAll(async () => {
    downloads = mkdtempSync(join(tmpdir(), 'rt-downloads-'));
    sim = createRtorrentSimulator({ torrents: 40, downloadDir: downloads });
    await sim.start();
    docker = await startDockerSimulator({
      containers: [
        { name: 'rtorrent-box', image: 'busybox:latest' },
        { name: 'rutorrent', image: 'busybox:latest' },
      ],
    });
    panel = await startTestPanel(
      baseConfig({
        rutorrent: {
          url: sim.url,
          username: RTORRENT_USERNAME,
          password: RTORRENT_PASSWORD,
          poll_seconds: 1,
          container: 'rutorrent',
        },
      }),
      { UPSTREAM_TIMEOUT_MS: '3000', DOCKER_SOCKET: docker.socketPath },
    );
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await sim.stop();
    await docker.stop();
    rmSync(downloads, { recursive: true, force: true });
  });
  afterEach(() => sim.resetFaults());

  it('status, health, list, stats and bandwidth', async () => {
    const status = (await get('/status').expect(200)).body;
    expect(status).toMatchObject({
      client: 'rutorrent',
      configured: true,
      connected: true,
      version: '0.9.8 (libtorrent 0.13.8, API 10)',
      total: 40,
    });
    expect(status.counts.queued).toBe(0);
    expect((await get('/health').expect(200)).body.version).toBe('0.9.8 (libtorrent 0.13.8, API 10)');
    const list = (await get('/torrents?page_size=1000').expect(200)).body;
    expect(list.total).toBe(40);
    const labelled = list.items.find((t: { label: string }) => t.label === 'Movies');
    expect(labelled).toBeDefined();
    expect(list.items.every((t: { client: string }) => t.client === 'rutorrent')).toBe(true);
    const stats = (await get('/stats').expect(200)).body;
    expect(stats.total).toBe(40);
    const bw = (await get('/bandwidth').expect(200)).body;
    expect(bw).toMatchObject({ down_limit: null, up_limit: null });
    expect((await put('/bandwidth', { up_limit: 524288 }).expect(200)).body.up_limit).toBe(524288);
    expect(sim.state.throttle.upMax).toBe(524288);
    await put('/bandwidth', { up_limit: 0 }).expect(200);
    expect(sim.state.throttle.upMax).toBe(0);
  });

  it('serves many reads from one snapshot', async () => {
    await get('/torrents').expect(200);
    const before = sim.count('d.multicall2');
    await Promise.all(Array.from({ length: 40 }, () => get('/torrents?sort=ratio&order=desc').expect(200)));
    expect(sim.count('d.multicall2') - before).toBeLessThanOrEqual(1);
  });

  it('walks the state machine with one multicall per action', async () => {
    const t = torrents().find((x) => x.state === 1 && x.isActive === 1 && x.hashing === 0 && !x.message)!;
    expect((await post(`/torrents/${t.hash}/pause`).expect(200)).body).toMatchObject({
      name: t.name,
      state: 'paused',
    });
    expect(triple(t.hash)).toEqual([1, 0, 1]);
    expect((await post(`/torrents/${t.hash}/stop`).expect(200)).body.state).toMatch(/stopped|completed/);
    expect(triple(t.hash)).toEqual([0, 0, 0]);
    expect((await post(`/torrents/${t.hash}/start`).expect(200)).body.state).toMatch(/downloading|seeding/);
    expect(triple(t.hash)).toEqual([1, 1, 1]);
    await post(`/torrents/${t.hash}/pause`).expect(200);
    const multicalls = sim.count('system.multicall');
    expect((await post(`/torrents/${t.hash}/resume`).expect(200)).body.state).toMatch(/downloading|seeding/);
    expect(triple(t.hash)).toEqual([1, 1, 1]);
    expect(sim.count('system.multicall')).toBe(multicalls + 1);
    await panel.auditWritten();
    const audit = (
      await panel.http().get('/api/audit?action=rutorrent.resume').auth(token, { type: 'bearer' })
    ).body;
    expect(audit.items[0]).toMatchObject({ target: t.name, outcome: 'ok' });
  });

  it('validates the hash and answers 404 for an unknown one', async () => {
    expect((await post('/torrents/all/stop').expect(400)).body.message).toMatch(
      /hash must be a 40-character/,
    );
    expect((await post(`/torrents/${UNKNOWN}/stop`).expect(404)).body.message).toBe(
      `rTorrent has no torrent with hash ${UNKNOWN}.`,
    );
  });

  it('bulk: one outcome per hash, unknown ones reported', async () => {
    const hashes = torrents()
      .slice(0, 4)
      .map((t) => t.hash);
    const res = (await post('/torrents/bulk/stop', { hashes: [UNKNOWN, ...hashes] }).expect(200)).body;
    expect(res).toMatchObject({ action: 'stop', succeeded: 4, failed: 1 });
    expect(hashes.map(triple)).toEqual(hashes.map(() => [0, 0, 0]));
    await post('/torrents/bulk/start', { hashes }).expect(200);
    expect(hashes.map(triple)).toEqual(hashes.map(() => [1, 1, 1]));
  });

  it('adds a magnet with a label and an http URL stopped, confirming each appeared', async () => {
    const hash = 'C0FFEE0000000000000000000000000000000002';
    const res = (
      await post('/torrents/add-url', {
        url: `magnet:?xt=urn:btih:${hash}&dn=Panel.Magnet`,
        label: 'My Label,x',
      }).expect(201)
    ).body;
    expect(res).toMatchObject({ hash, name: 'Panel.Magnet' });
    expect(sim.state.torrents.get(hash)!.custom.get('1')).toBe('My%20Label%2Cx');
    expect((await get(`/torrents?q=${hash}`).expect(200)).body.items[0].label).toBe('My Label,x');
    const url = 'http://files.example.test/Panel.Url.torrent';
    expect((await post('/torrents/add-url', { url, start: false }).expect(201)).body).toMatchObject({
      name: 'Panel.Url',
      state: 'stopped',
    });
  });

  describe('remove', () => {
    it('keeps the data unless asked', async () => {
      const t = torrents().find((x) => !x.multiFile)!;
      const res = (await post(`/torrents/${t.hash}/remove`, {}).expect(200)).body;
      expect(res).toMatchObject({ hash: t.hash, name: t.name, data: 'kept' });
      expect(sim.state.torrents.has(t.hash)).toBe(false);
    });

    it('deletes the files of a single- and a multi-file torrent inside the download directory', async () => {
      const single = torrents().find((x) => !x.multiFile && x.isOpen)!;
      writeFileSync(join(downloads, single.name), 'data');
      const res = (await post(`/torrents/${single.hash}/remove`, { deleteData: true }).expect(200)).body;
      expect(res).toMatchObject({ data: 'deleted', name: single.name });
      expect(existsSync(join(downloads, single.name))).toBe(false);

      const multi = torrents().find((x) => x.multiFile && x.isOpen)!;
      const folder = join(downloads, multi.name);
      mkdirSync(folder);
      for (const f of multi.files) writeFileSync(join(downloads, f.path), 'x');
      const m = (await post(`/torrents/${multi.hash}/remove`, { deleteData: true }).expect(200)).body;
      expect(m.data).toBe('deleted');
      expect(m.message).toMatch(/deleted 2 files/);
      expect(existsSync(folder)).toBe(false);
    });

    it('refuses data outside the download directory before removing anything (409 with the path)', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'rt-outside-'));
      const [t] = untouched(1);
      t.directory = outside;
      t.basePath = `${outside}/${t.name}`;
      writeFileSync(t.basePath, 'keep me');
      const res = (await post(`/torrents/${t.hash}/remove`, { deleteData: true }).expect(409)).body;
      expect(res.message).toContain(`outside rTorrent's download directory ${downloads}`);
      expect(res.message).toContain(`delete its data at ${t.basePath} by hand`);
      expect(res.message).toMatch(/Nothing was removed/);
      expect(existsSync(t.basePath)).toBe(true);
      expect(sim.state.torrents.has(t.hash)).toBe(true);
      // Force does not override an unsafe path; "remove the torrent only" still works.
      await post(`/torrents/${t.hash}/remove`, { deleteData: true, force: true }).expect(409);
      expect((await post(`/torrents/${t.hash}/remove`, {}).expect(200)).body.data).toBe('kept');
      expect(existsSync(t.basePath)).toBe(true);
      rmSync(outside, { recursive: true, force: true });
    });

    it("never deletes in the panel's own folder when rTorrent reports relative paths", async () => {
      const panelCwd = mkdtempSync(join(tmpdir(), 'panel-cwd-'));
      const cwd = process.cwd();
      const [t] = untouched(1);
      sim.state.downloadDir = './';
      t.directory = '.';
      t.basePath = `./${t.name}`;
      process.chdir(panelCwd);
      try {
        writeFileSync(join(panelCwd, t.name), 'the panel’s own file');
        const res = (await post(`/torrents/${t.hash}/remove`, { deleteData: true }).expect(409)).body;
        expect(res.message).toContain(`relative path "./${t.name}"`);
        expect(existsSync(join(panelCwd, t.name))).toBe(true);
        expect(sim.state.torrents.has(t.hash)).toBe(true);
      } finally {
        process.chdir(cwd);
        sim.state.downloadDir = downloads;
        rmSync(panelCwd, { recursive: true, force: true });
      }
    });

    it('refuses data another torrent also uses, naming it, unless forced', async () => {
      const [a, b] = untouched(2);
      // b cross-seeds a's file under its own hash.
      b.directory = a.directory;
      b.basePath = a.basePath;
      writeFileSync(a.basePath, 'shared');
      const check = (await post('/torrents/data-check', { hashes: [a.hash, UNKNOWN] }).expect(200)).body;
      expect(check.items).toEqual([
        {
          hash: a.hash,
          name: a.name,
          path: a.basePath,
          deletable: false,
          forceable: true,
          reason: 'other torrents use the same files',
          shared_with: [{ hash: b.hash, name: b.name }],
        },
        expect.objectContaining({ hash: UNKNOWN, name: null, deletable: false, forceable: false }),
      ]);
      const res = (await post(`/torrents/${a.hash}/remove`, { deleteData: true }).expect(409)).body;
      expect(res.message).toContain(`The data of "${a.name}" at ${a.basePath} is also used by "${b.name}"`);
      expect(existsSync(a.basePath)).toBe(true);
      expect(sim.state.torrents.has(a.hash)).toBe(true);
      // Removing both together breaks nothing that stays.
      const both = (await post('/torrents/data-check', { hashes: [a.hash, b.hash] }).expect(200)).body;
      expect(both.items.map((i: { deletable: boolean }) => i.deletable)).toEqual([true, true]);
      const forced = (await post(`/torrents/${a.hash}/remove`, { deleteData: true, force: true }).expect(200))
        .body;
      expect(forced.data).toBe('deleted');
      expect(existsSync(a.basePath)).toBe(false);
    });

    it('bulk remove with data removes what it can and leaves the refused as they were', async () => {
      const [a, b] = untouched(2);
      writeFileSync(join(downloads, a.name), 'a');
      const res = (
        await post('/torrents/bulk/remove', { hashes: [a.hash, b.hash, UNKNOWN], deleteData: true }).expect(
          200,
        )
      ).body;
      expect(res.results.map((r: { data?: string; ok: boolean }) => r.data ?? r.ok)).toEqual([
        'deleted',
        false,
        false,
      ]);
      expect(res.results[1].error).toMatch(/none of its files are at .*Nothing was removed/);
      expect(sim.state.torrents.has(a.hash)).toBe(false);
      expect(sim.state.torrents.has(b.hash)).toBe(true);
    });
  });

  it('restarts the container, and answers 501 with how to enable it without one', async () => {
    expect((await post('/restart').expect(200)).body).toEqual({ restarted: 'rutorrent' });
    expect(docker.state.actions).toEqual(['restart rutorrent']);
    await put('/settings', { container: null }).expect(200);
    // Without a name in config.json, the container named like the service is the linked one.
    expect((await post('/restart').expect(200)).body).toEqual({ restarted: 'rutorrent' });
    docker.state.find('rutorrent')!.name = 'seedbox';
    try {
      const res = await post('/restart').expect(501);
      expect(res.body.message).toMatch(/set "rutorrent.container" in config.json/);
    } finally {
      docker.state.find('seedbox')!.name = 'rutorrent';
      await put('/settings', { container: 'rutorrent' }).expect(200);
    }
  });

  it('settings: write-only password, rpc_path, container, download_dir', async () => {
    const res = await get('/settings').expect(200);
    expect(res.body).toEqual({
      url: sim.url,
      username: RTORRENT_USERNAME,
      password_set: true,
      poll_seconds: 1,
      overridden_by_env: [],
      rpc_path: '/RPC2',
      container: 'rutorrent',
      download_dir: null,
    });
    expect((await put('/settings', { download_dir: 'relative/path' }).expect(400)).body.message).toMatch(
      /download_dir must be an absolute path/,
    );
    expect((await put('/settings', { rpc_path: '/nope' }).expect(200)).body.rpc_path).toBe('/nope');
    const wrong = await get('/health').expect(502);
    expect(wrong.body.message).toMatch(/answered HTTP 404 at .*\/nope; check the URL and rpc_path/);
    await put('/settings', { rpc_path: null }).expect(200);
    await get('/health').expect(200);
  });

  it('streams changes to every subscriber from a single poll per tick', async () => {
    const streams = await Promise.all(
      [1, 2].map(() => openEventStream(panel.url, '/api/rutorrent/events', token)),
    );
    try {
      await Promise.all(
        streams.map((s) =>
          s.next((e) => e.event === 'status' && (e.data as { connected: boolean }).connected),
        ),
      );
      const before = sim.count('d.multicall2');
      // Two ticks with two subscribers: one poll each, so the count reaches 2 without jumping past 3.
      await eventually(() => sim.count('d.multicall2') - before >= 2, 'two polls have run');
      const polls = sim.count('d.multicall2') - before;
      expect(polls).toBeGreaterThanOrEqual(1);
      expect(polls).toBeLessThanOrEqual(3);
      const t = torrents().find((x) => x.state === 1 && x.isActive === 1 && !x.message && !x.hashing)!;
      const from = streams.map((s) => s.events.length);
      await post(`/torrents/${t.hash}/pause`).expect(200);
      for (const [i, s] of streams.entries()) {
        const e = await s.next(
          (x) => x.event === 'changes' && JSON.stringify(x.data).includes(t.hash),
          5000,
          from[i],
        );
        expect((e.data as { revision: number }).revision).toBeGreaterThan(0);
      }
    } finally {
      for (const s of streams) s.close();
    }
  });

  describe('faults', () => {
    it('bad credentials: 502 naming the username and password', async () => {
      sim.setFaults({ badAuth: true });
      expect((await get('/health').expect(502)).body.message).toMatch(
        /^rTorrent refused the panel's username or password \(HTTP 401\); check RUTORRENT_USERNAME and RUTORRENT_PASSWORD/,
      );
    });

    it('hang 504, garbage 502, HTML 502, truncated 502, daemon down 502', async () => {
      sim.setFaults({ hang: true });
      expect((await get('/health').expect(504)).body.message).toMatch(
        /^rTorrent at .* did not answer within 3 s/,
      );
      sim.resetFaults();
      sim.setFaults({ garbage: true });
      expect((await get('/health').expect(502)).body.message).toMatch(
        /^rTorrent answered in a shape the panel does not understand \(not valid XML-RPC: /,
      );
      sim.resetFaults();
      sim.setFaults({ wrongContentType: true });
      expect((await get('/health').expect(502)).body.message).toMatch(/HTML page instead of XML-RPC/);
      sim.resetFaults();
      sim.setFaults({ truncated: true });
      expect((await get('/health').expect(502)).body.message).toMatch(/^rTorrent/);
      sim.resetFaults();
      sim.state.running = false;
      expect((await get('/health').expect(502)).body.message).toMatch(/rTorrent itself is not running/);
      sim.restartDaemon();
    });

    it('the list answers the last poll’s failure, then recovers', async () => {
      sim.setFaults({ garbage: true });
      await eventually(
        async () => /^rTorrent answered/.test(String((await get('/torrents')).body.message)),
        'a poll has met the garbage',
      );
      expect((await get('/torrents').expect(502)).body.message).toMatch(/^rTorrent answered/);
      sim.resetFaults();
      await eventually(async () => (await get('/torrents')).status === 200, 'a poll has recovered');
      await get('/torrents').expect(200);
    });
  });
});

describe('/api/rutorrent without configuration', () => {
  let panel: TestPanel;
  let token: string;
  beforeAll(async () => {
    panel = await startTestPanel(baseConfig());
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel.close());

  it('answers 503 naming what to set; restart answers 501', async () => {
    const res = await panel.http().get('/api/rutorrent/stats').auth(token, { type: 'bearer' }).expect(503);
    expect(res.body.message).toMatch(/^rTorrent is not configured: set RUTORRENT_URL/);
    await panel.http().post('/api/rutorrent/restart').auth(token, { type: 'bearer' }).expect(501);
  });
});
