import { createUtorrentSimulator, UTORRENT_BUILD, type UtorrentSimulator } from '../../simulators/utorrent';
import { bencode, makeTorrentFile, parseTorrentFile } from '../../simulators/torrents';

const T0 = 1_800_000_000_000;
const AUTH = `Basic ${Buffer.from('admin:utorrent').toString('base64')}`;
type Row = [string, number, string, ...unknown[]];
type ListReply = {
  build: number;
  label: [string, number][];
  torrents?: Row[];
  torrentp?: Row[];
  torrentm?: string[];
  torrentc: string;
};

/** A WebUI client: fetches token.html once, then sends the GUID cookie and the token first. */
class WebUi {
  token = '';
  cookie = '';
  constructor(private readonly base: string) {}

  async login(): Promise<Response> {
    const res = await fetch(`${this.base}/gui/token.html`, { headers: { Authorization: AUTH } });
    const body = await res.text();
    this.token = /<div id='token' style='display:none;'>([^<]+)<\/div>/.exec(body)?.[1] ?? '';
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    return res;
  }

  raw(query: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.base}/gui/?token=${this.token}&${query}`, {
      ...init,
      headers: { Authorization: AUTH, Cookie: this.cookie, ...(init.headers ?? {}) },
    });
  }

  async json<T = Record<string, unknown>>(query: string): Promise<T> {
    const res = await this.raw(query);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  list(cid?: string): Promise<ListReply> {
    return this.json<ListReply>(`list=1${cid ? `&cid=${cid}` : ''}`);
  }
}

describe('uTorrent WebUI simulator', () => {
  let now: number;
  let sim: UtorrentSimulator;
  let ui: WebUi;
  const row = async (hash: string) => (await ui.list()).torrents!.find((r) => r[0] === hash)!;

  beforeEach(async () => {
    now = T0;
    sim = createUtorrentSimulator({ torrents: 12, now: () => now });
    await sim.start();
    ui = new WebUi(sim.url);
    await ui.login();
  });
  afterEach(() => sim.stop());

  describe('token + cookie', () => {
    it('serves the token in a hidden div with a GUID cookie, behind Basic auth', async () => {
      const res = await ui.login();
      expect(res.status).toBe(200);
      expect(ui.token).toMatch(/^[A-Za-z0-9_-]{64}$/);
      expect(ui.cookie).toMatch(/^GUID=[A-Za-z0-9]{20}$/);
      const anonymous = await fetch(`${sim.url}/gui/token.html`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="uTorrent"');
      const wrong = await fetch(`${sim.url}/gui/token.html`, {
        headers: { Authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` },
      });
      expect(wrong.status).toBe(401);
    });

    it('answers 400 "invalid request" without token, without cookie, with the token after hash=, and off /gui/', async () => {
      const noToken = await fetch(`${sim.url}/gui/?list=1`, {
        headers: { Authorization: AUTH, Cookie: ui.cookie },
      });
      expect([noToken.status, await noToken.text()]).toEqual([400, 'invalid request']);
      const noCookie = await fetch(`${sim.url}/gui/?token=${ui.token}&list=1`, {
        headers: { Authorization: AUTH },
      });
      expect(noCookie.status).toBe(400);
      const hash = (await ui.list()).torrents![0][0];
      const late = await fetch(`${sim.url}/gui/?action=stop&hash=${hash}&token=${ui.token}`, {
        headers: { Authorization: AUTH, Cookie: ui.cookie },
      });
      expect(late.status).toBe(400);
      const after = await fetch(`${sim.url}/gui/?list=1&token=${ui.token}`, {
        headers: { Authorization: AUTH, Cookie: ui.cookie },
      });
      expect(after.status).toBe(200);
      const root = await fetch(`${sim.url}/?token=${ui.token}&list=1`, {
        headers: { Authorization: AUTH, Cookie: ui.cookie },
      });
      expect([root.status, await root.text()]).toEqual([400, 'invalid request']);
    });

    it('expires tokens after 30 minutes and on restart', async () => {
      now += 29 * 60_000;
      expect((await ui.raw('list=1')).status).toBe(200);
      now += 2 * 60_000;
      expect((await ui.raw('list=1')).status).toBe(400);
      await ui.login();
      expect((await ui.raw('list=1')).status).toBe(200);
      sim.restart();
      expect((await ui.raw('list=1')).status).toBe(400);
    });

    it('honours badAuth with the 401 challenge even for a valid token', async () => {
      sim.setFaults({ badAuth: true });
      const res = await ui.raw('list=1');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="uTorrent"');
    });
  });

  describe('list=1', () => {
    it('sends 27-column rows with the status bitfield of every state', async () => {
      const reply = await ui.list();
      expect(reply.build).toBe(UTORRENT_BUILD);
      expect(reply).toHaveProperty('rssfeeds', []);
      expect(reply.torrentc).toMatch(/^\d+$/);
      for (const r of reply.torrents!) {
        expect(r).toHaveLength(27);
        expect(r[0]).toMatch(/^[0-9A-F]{40}$/);
      }
      // The first eight generated torrents are, in order: downloading, seeding, paused, stopped,
      // queued, checking, error, finished.
      const head = reply.torrents!.slice(0, 8).map((r) => [r[1], r[21], r[17]]);
      expect(head).toEqual([
        [201, expect.stringMatching(/^Downloading \d+\.\d %$/), 1],
        [201, 'Seeding 100.0 %', -1],
        [233, 'Paused', 2],
        [136, 'Stopped', -1],
        [200, 'Queued', 3],
        [130, expect.stringMatching(/^Checking/), -1],
        [152, 'Error: Files missing from job. Please recheck.', -1],
        [136, 'Finished', -1],
      ]);
      const [seeding] = reply.torrents!.slice(1, 2);
      expect(seeding.slice(3, 11)).toEqual([
        seeding[3],
        1000,
        seeding[3],
        seeding[6],
        expect.any(Number),
        expect.any(Number),
        0,
        0,
      ]);
      expect(seeding[18]).toBe(0);
    });

    it('counts labels in use as [name, count] pairs', async () => {
      const reply = await ui.list();
      const counts = new Map<string, number>();
      for (const r of reply.torrents!)
        if (r[11]) counts.set(r[11] as string, (counts.get(r[11] as string) ?? 0) + 1);
      expect(reply.label).toEqual([...counts].sort(([a], [b]) => a.localeCompare(b)));
      expect(reply.label.length).toBeGreaterThan(0);
    });

    it('moves progress, rates and ETA with elapsed time', async () => {
      const before = (await ui.list()).torrents![0];
      now += 5000;
      const after = (await ui.list()).torrents![0];
      expect(after[5] as number).toBeGreaterThan(before[5] as number);
      expect(after[4] as number).toBeGreaterThanOrEqual(before[4] as number);
      expect(after[9] as number).toBeGreaterThan(0);
      expect(after[10] as number).toBeLessThan(before[10] as number);
      const paused = (await ui.list()).torrents![2];
      now += 60_000;
      expect((await ui.list()).torrents![2][5]).toBe(paused[5]);
    });

    it('sends only changed rows (torrentp) and removed hashes (torrentm) for a known cid', async () => {
      const first = await ui.list();
      const [a, b] = [first.torrents![3][0], first.torrents![7][0]];
      await ui.json(`action=forcestart&hash=${a}`);
      await ui.json(`action=remove&hash=${b}`);
      const next = await ui.list(first.torrentc);
      expect(next.torrents).toBeUndefined();
      expect(next.torrentm).toEqual([b]);
      const changed = next.torrentp!.find((r) => r[0] === a)!;
      expect(changed[1]).toBe(137);
      expect(next.torrentp!.some((r) => r[0] === first.torrents![1][0])).toBe(false); // unchanged seeding row at T0
      expect(next.torrentc).not.toBe(first.torrentc);
      const stale = await ui.list('12345');
      expect(stale.torrents).toHaveLength(11);
    });

    it('empties every list under emptyLists', async () => {
      sim.setFaults({ emptyLists: true });
      const reply = await ui.list();
      expect(reply.torrents).toEqual([]);
      expect(reply.label).toEqual([]);
      expect((await ui.json<{ settings: unknown[] }>('action=getsettings')).settings).toEqual([]);
    });
  });

  describe('actions', () => {
    it('starts, force-starts, pauses, unpauses and stops with the documented bits', async () => {
      const hash = (await ui.list()).torrents![3][0]; // stopped
      expect(await ui.json(`action=start&hash=${hash}`)).toEqual({ build: UTORRENT_BUILD });
      expect((await row(hash))[1]).toBe(201);
      await ui.json(`action=pause&hash=${hash}`);
      expect((await row(hash))[1]).toBe(233);
      expect((await row(hash))[21]).toBe('Paused');
      await ui.json(`action=unpause&hash=${hash}`);
      expect((await row(hash))[1]).toBe(201);
      await ui.json(`action=forcestart&hash=${hash}`);
      expect((await row(hash))[1]).toBe(137);
      expect((await row(hash))[21]).toMatch(/^\[F\] Downloading/);
      await ui.json(`action=stop&hash=${hash}`);
      expect((await row(hash))[1]).toBe(136);
    });

    it('rechecks for a while, then resumes a started torrent', async () => {
      const hash = (await ui.list()).torrents![0][0];
      await ui.json(`action=recheck&hash=${hash}`);
      expect((await row(hash))[1] & 2).toBe(2);
      now += 60_000;
      expect((await row(hash))[1]).toBe(201);
    });

    it('runs several hashes in order and ignores unknown ones', async () => {
      const list = (await ui.list()).torrents!;
      const reply = await ui.json(`action=stop&hash=${list[0][0]}&hash=${'0'.repeat(40)}&hash=${list[1][0]}`);
      expect(reply).toEqual({ build: UTORRENT_BUILD });
      expect([(await row(list[0][0]))[1], (await row(list[1][0]))[1]]).toEqual([136, 136]);
    });

    it('removes a job with or without its data', async () => {
      const [a, b] = (await ui.list()).torrents!.map((r) => r[0]);
      await ui.json(`action=remove&hash=${a}`);
      await ui.json(`action=removedata&hash=${b}`);
      const left = (await ui.list()).torrents!.map((r) => r[0]);
      expect(left).not.toContain(a);
      expect(left).not.toContain(b);
      expect(sim.state.deletedData).toEqual([b]);
    });

    it('orders the queue', async () => {
      const list = (await ui.list()).torrents!;
      const queued = list.filter((r) => (r[17] as number) > 0).map((r) => r[0]);
      expect(queued.length).toBeGreaterThanOrEqual(3);
      await ui.json(`action=queuebottom&hash=${queued[0]}`);
      expect((await row(queued[0]))[17]).toBe(queued.length);
      await ui.json(`action=queuetop&hash=${queued[0]}`);
      expect((await row(queued[0]))[17]).toBe(1);
      await ui.json(`action=queuedown&hash=${queued[0]}`);
      expect((await row(queued[0]))[17]).toBe(2);
    });

    it('sets and reads properties, labels and file priorities', async () => {
      const hash = (await ui.list()).torrents![0][0];
      await ui.json(`action=setprops&hash=${hash}&s=label&v=Anime&s=ulrate&v=2048`);
      expect((await row(hash))[11]).toBe('Anime');
      expect((await ui.list()).label).toContainEqual(['Anime', 1]);
      const props = await ui.json<{ props: Record<string, unknown>[] }>(`action=getprops&hash=${hash}`);
      expect(props.props[0]).toMatchObject({ hash, ulrate: 2048, dlrate: 0, dht: 1, pex: 1 });
      await ui.json(`action=setprio&hash=${hash}&p=0&f=0`);
      const files = await ui.json<{ files: [string, unknown[][]] }>(`action=getfiles&hash=${hash}`);
      expect(files.files[0]).toBe(hash);
      expect(files.files[1][0][3]).toBe(0);
    });

    it('reads and writes settings; rate limits cap the shown speeds', async () => {
      const get = async () =>
        (await ui.json<{ settings: [string, number, string, { access: string }][] }>('action=getsettings'))
          .settings;
      expect((await get()).find((s) => s[0] === 'max_dl_rate')).toEqual([
        'max_dl_rate',
        0,
        '0',
        { access: 'Y' },
      ]);
      await ui.json('action=setsetting&s=max_dl_rate&v=100&s=dht&v=false');
      const settings = await get();
      expect(settings.find((s) => s[0] === 'max_dl_rate')![2]).toBe('100');
      expect(settings.find((s) => s[0] === 'dht')).toEqual(['dht', 1, 'false', { access: 'Y' }]);
      const total = (await ui.list()).torrents!.reduce((sum, r) => sum + (r[9] as number), 0);
      expect(total).toBeLessThanOrEqual(100 * 1024);
      const hist = await ui.json<{ transfer_history: { daily_download: number[] } }>('action=getxferhist');
      expect(hist.transfer_history.daily_download.length).toBeGreaterThan(0);
    });

    it('adds by URL and by magnet (hash from xt=urn:btih:)', async () => {
      const magnetHash = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';
      await ui.json(
        `action=add-url&s=${encodeURIComponent(`magnet:?xt=urn:btih:${magnetHash.toLowerCase()}&dn=Some.Show.S01E01`)}`,
      );
      await ui.json(
        `action=add-url&s=${encodeURIComponent('https://tracker.example.test/dl/Linux.Distro.torrent:COOKIE:uid=1')}`,
      );
      const rows = (await ui.list()).torrents!;
      expect(rows).toHaveLength(14);
      const magnet = rows.find((r) => r[0] === magnetHash)!;
      expect([magnet[1], magnet[2], magnet[4]]).toEqual([201, 'Some.Show.S01E01', 0]);
      const byUrl = rows[13];
      expect(byUrl[2]).toBe('Linux.Distro');
      expect(byUrl[19]).toBe('https://tracker.example.test/dl/Linux.Distro.torrent');
    });

    it('adds an uploaded .torrent (add-file, multipart torrent_file)', async () => {
      const file = makeTorrentFile({
        name: 'upload.bin',
        data: Buffer.alloc(100_000, 7),
        announce: 'http://t.example.test/announce',
      });
      const form = new FormData();
      form.append('torrent_file', new Blob([file]), 'upload.torrent');
      const res = await ui.raw('action=add-file', { method: 'POST', body: form });
      expect(await res.json()).toEqual({ build: UTORRENT_BUILD });
      const added = await row(parseTorrentFile(file)!.hash);
      expect([added[2], added[3]]).toEqual(['upload.bin', 100_000]);
      const bad = new FormData();
      bad.append('torrent_file', new Blob([Buffer.from('not a torrent')]), 'x.torrent');
      expect(await (await ui.raw('action=add-file', { method: 'POST', body: bad })).json()).toHaveProperty(
        'error',
      );
    });

    it('rejects an unknown action with 400', async () => {
      expect((await ui.raw('action=explode')).status).toBe(400);
    });
  });

  describe('detail calls and uploads', () => {
    type Files = { files: unknown[] };
    type Peers = { peers: unknown[] };
    type Props = { props: { hash: string; trackers: string }[] };
    const upload = async (file: Buffer) => {
      const form = new FormData();
      form.append('torrent_file', new Blob([file]), 'upload.torrent');
      return (await ui.raw('action=add-file', { method: 'POST', body: form })).json();
    };
    const trackersOf = async (hash: string) =>
      (await ui.json<Props>(`action=getprops&hash=${hash}`)).props[0].trackers;

    it('lists connected peers (22 columns, seeds first) as many as the list row counts, none when idle', async () => {
      const rows = (await ui.list()).torrents!;
      const moving = rows.find((r) => r[1] === 201 && (r[12] as number) + (r[14] as number) > 0)!;
      const paused = rows.find((r) => r[1] === 233)!;
      const reply = await ui.json<Peers>(`action=getpeers&hash=${moving[0]}&hash=${paused[0]}`);
      expect(reply.peers).toHaveLength(4);
      const [hash, peers, pausedHash, none] = reply.peers as [string, unknown[][], string, unknown[][]];
      expect([hash, pausedHash, none]).toEqual([moving[0], paused[0], []]);
      expect(peers).toHaveLength((moving[12] as number) + (moving[14] as number));
      for (const p of peers) {
        expect(p).toHaveLength(22);
        expect([typeof p[1], typeof p[4], typeof p[5], typeof p[7], typeof p[8], typeof p[9]]).toEqual([
          'string',
          'number',
          'string',
          'number',
          'number',
          'number',
        ]);
      }
      const seeds = moving[14] as number;
      expect(peers.slice(0, seeds).every((p) => p[7] === 1000)).toBe(true);
      expect(peers.slice(seeds).every((p) => (p[7] as number) < 1000)).toBe(true);
    });

    it('answers empty arrays for an unknown hash, and empty rows under emptyLists', async () => {
      const unknown = '0'.repeat(40);
      expect(await ui.json(`action=getpeers&hash=${unknown}`)).toEqual({ build: UTORRENT_BUILD, peers: [] });
      expect(await ui.json(`action=getfiles&hash=${unknown}`)).toEqual({ build: UTORRENT_BUILD, files: [] });
      expect(await ui.json(`action=getprops&hash=${unknown}`)).toEqual({ build: UTORRENT_BUILD, props: [] });
      const hash = (await ui.list()).torrents![0][0];
      sim.setFaults({ emptyLists: true });
      expect((await ui.json<Files>(`action=getfiles&hash=${hash}`)).files).toEqual([hash, []]);
      expect((await ui.json<Peers>(`action=getpeers&hash=${hash}`)).peers).toEqual([hash, []]);
    });

    it('answers {"build"} to a duplicate upload and adds nothing (the label set in between stays)', async () => {
      const file = makeTorrentFile({
        name: 'twice.bin',
        data: Buffer.alloc(5000, 1),
        announce: 'http://a.example.org/a',
      });
      const { hash } = parseTorrentFile(file)!;
      expect(await upload(file)).toEqual({ build: UTORRENT_BUILD });
      await ui.json(`action=setprops&hash=${hash}&s=label&v=Kept`);
      expect(await upload(file)).toEqual({ build: UTORRENT_BUILD });
      const rows = (await ui.list()).torrents!.filter((r) => r[0] === hash);
      expect(rows).toHaveLength(1);
      expect(rows[0][11]).toBe('Kept');
    });

    it("keeps an upload's tiers as getprops trackers text, and a multi-file upload's paths inside its folder", async () => {
      const file = bencode({
        announce: 'http://a.example.org/announce',
        'announce-list': [
          ['http://a.example.org/announce', 'http://b.example.org/announce'],
          ['udp://c.example.net:6969'],
        ],
        info: {
          name: 'Show',
          files: [
            { length: 300, path: ['Season 1', 'E01.mkv'] },
            { length: 7, path: ['info.nfo'] },
          ],
          'piece length': 32768,
          pieces: Buffer.alloc(20),
        },
      });
      const { hash } = parseTorrentFile(file)!;
      await upload(file);
      expect(await trackersOf(hash)).toBe(
        'http://a.example.org/announce\r\nhttp://b.example.org/announce\r\n\r\nudp://c.example.net:6969\r\n',
      );
      const files = (await ui.json<Files>(`action=getfiles&hash=${hash}`)).files as [string, unknown[][]];
      expect(files[1].map((f) => [f[0], f[1]])).toEqual([
        ['Season 1\\E01.mkv', 300],
        ['info.nfo', 7],
      ]);
      const trackerless = makeTorrentFile({ name: 'dht-only.bin', data: Buffer.alloc(10, 2) });
      await upload(trackerless);
      expect(await trackersOf(parseTorrentFile(trackerless)!.hash)).toBe('');
    });

    it("takes a magnet's tr= parameters as its trackers", async () => {
      const hash = '1234567890ABCDEF1234567890ABCDEF12345678';
      const magnet = `magnet:?xt=urn:btih:${hash}&dn=x&tr=${encodeURIComponent('http://a.example.org/announce')}&tr=${encodeURIComponent('udp://b.example.net:80')}`;
      await ui.json(`action=add-url&s=${encodeURIComponent(magnet)}`);
      expect(await trackersOf(hash)).toBe('http://a.example.org/announce\r\n\r\nudp://b.example.net:80\r\n');
    });

    it('clears a label with an empty v=, dropping it from the label counts', async () => {
      const hash = (await ui.list()).torrents![0][0];
      await ui.json(`action=setprops&hash=${hash}&s=label&v=Solo`);
      expect((await ui.list()).label).toContainEqual(['Solo', 1]);
      await ui.json(`action=setprops&hash=${hash}&s=label&v=`);
      const reply = await ui.list();
      expect(reply.torrents!.find((r) => r[0] === hash)![11]).toBe('');
      expect(reply.label.map(([name]) => name)).not.toContain('Solo');
    });
  });

  it('counts by action and list', async () => {
    sim.resetCounters();
    await ui.list();
    await ui.list();
    await ui.json('action=getsettings');
    await ui.login();
    expect(sim.counters()).toEqual({ 'list=1': 2, 'action=getsettings': 1, 'GET /gui/token.html': 1 });
  });

  it('generates 5,000 torrents and lists them all', async () => {
    const big = createUtorrentSimulator({ torrents: 5000 });
    await big.start();
    const client = new WebUi(big.url);
    await client.login();
    const reply = await client.list();
    expect(reply.torrents).toHaveLength(5000);
    const again = await client.list(reply.torrentc);
    expect(again.torrentp!.length).toBeLessThan(5000);
    await big.stop();
  });
});
