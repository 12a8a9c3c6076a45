import { createRtorrentSimulator, type RtorrentSimulator } from '../../simulators/rtorrent';
import { bdecode, bencode, makeTorrentFile, parseTorrentFile, type BDict } from '../../simulators/torrents';
import { methodCall, xmlRpc, type RpcArg, type Typed } from '../support/rtorrent-peer';

const T0 = 1_800_000_000_000;
const RUTORRENT_FIELDS = [
  'd.hash=',
  'd.is_open=',
  'd.is_hash_checking=',
  'd.is_hash_checked=',
  'd.state=',
  'd.name=',
  'd.size_bytes=',
  'd.completed_chunks=',
  'd.size_chunks=',
  'd.bytes_done=',
  'd.up.total=',
  'd.ratio=',
  'd.up.rate=',
  'd.down.rate=',
  'd.chunk_size=',
  'd.custom1=',
  'd.peers_accounted=',
  'd.peers_not_connected=',
  'd.peers_connected=',
  'd.peers_complete=',
  'd.left_bytes=',
  'd.priority=',
  'd.state_changed=',
  'd.skip.total=',
  'd.hashing=',
  'd.chunks_hashed=',
  'd.base_path=',
  'd.creation_date=',
  'd.tracker_size=',
  'd.is_active=',
  'd.message=',
  'd.custom2=',
  'd.free_diskspace=',
  'd.is_private=',
  'd.is_multi_file=',
  'd.is_partially_done=',
];
const fault = (code: number, text: string) => ({
  fault: { struct: { faultCode: { i4: code }, faultString: { string: text } } },
});
const ANNOUNCE = 'http://tracker.example.test/announce';

describe('rTorrent XML-RPC simulator', () => {
  let now: number;
  let sim: RtorrentSimulator;
  let target: { url: string; username: string; password: string };
  const call = async (method: string, params: RpcArg[] = []) => (await xmlRpc(target, method, params)).value;
  const triple = async (hash: string) =>
    (
      (await call('system.multicall', [
        ['d.state', 'd.is_active', 'd.is_open'].map((m) => ({ methodName: m, params: [hash] })),
      ])) as { i8: number }[][]
    ).map(([v]) => v.i8);
  const list = async (...fields: string[]) =>
    (await call('d.multicall2', ['', 'main', ...fields])) as Typed[][];

  beforeEach(async () => {
    now = T0;
    sim = createRtorrentSimulator({ torrents: 12, now: () => now, downloadDir: '/srv/dl' });
    await sim.start();
    target = { url: `${sim.url}/RPC2`, username: 'rtorrent', password: 'rtorrent' };
  });
  afterEach(() => sim.stop());

  it('answers in xmlrpc-c layout: CRLF lines, text/xml without charset', async () => {
    const reply = await xmlRpc(target, 'system.client_version');
    expect(reply.contentType).toBe('text/xml');
    expect(reply.raw).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\r\n<methodResponse>\r\n<params>\r\n<param><value><string>0.9.8</string></value></param>\r\n</params>\r\n</methodResponse>\r\n',
    );
    expect(await call('system.api_version')).toEqual({ string: '10' });
    expect(await call('system.library_version')).toEqual({ string: '0.13.8' });
    expect(await call('session.name')).toEqual({ string: `seedbox:${sim.state.pid}` });
    expect(await call('system.methodExist', ['d.name'])).toEqual({ boolean: true });
  });

  it("lists ruTorrent's 36 columns with rtorrent's types, one row per download", async () => {
    const rows = await list(...RUTORRENT_FIELDS);
    expect(rows).toHaveLength(12);
    const strings = new Set([0, 5, 15, 26, 30, 31]);
    for (const row of rows) {
      expect(row).toHaveLength(36);
      row.forEach((v, i) => expect(Object.keys(v)).toEqual([strings.has(i) ? 'string' : 'i8']));
      expect((row[0] as { string: string }).string).toMatch(/^[0-9A-F]{40}$/);
    }
    // downloading, seeding, paused, stopped, queued (ruTorrent "Pause" = d.stop), checking, error, finished
    const states = rows.slice(0, 8).map((r) => [r[4], r[29], r[1]].map((v) => (v as { i8: number }).i8));
    expect(states).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 0, 1],
      [0, 0, 0],
      [0, 0, 1],
      [1, 1, 1],
      [1, 1, 1],
      [0, 0, 0],
    ]);
    expect((rows[5][24] as { i8: number }).i8).toBe(1); // hashing
    expect((rows[6][30] as { string: string }).string).toMatch(/^Tracker: /);
    expect((rows[3][26] as { string: string }).string).toBe(''); // never opened this session
    expect(await call('d.multicall2', ['', 'stopped', 'd.hash='])).toHaveLength(
      rows.filter((r) => (r[4] as { i8: number }).i8 === 0).length,
    );
  });

  it('follows the verified state model', async () => {
    const [hash] = sim.state.torrents.keys();
    expect(await call('d.pause', [hash])).toEqual({ i4: 0 });
    expect(await triple(hash)).toEqual([1, 0, 1]);
    await call('d.start', [hash]); // does not resume a paused item
    expect(await triple(hash)).toEqual([1, 0, 1]);
    await call('d.resume', [hash]);
    expect(await triple(hash)).toEqual([1, 1, 1]);
    await call('d.stop', [hash]);
    expect(await triple(hash)).toEqual([0, 0, 1]);
    await call('d.resume', [hash]); // inconsistent, as on the real one
    expect(await triple(hash)).toEqual([0, 1, 1]);
    await call('d.stop', [hash]);
    await call('d.close', [hash]);
    expect(await triple(hash)).toEqual([0, 0, 0]);
    await call('d.start', [hash]);
    expect(await triple(hash)).toEqual([1, 1, 1]);
    await call('d.close', [hash]);
    expect(await triple(hash)).toEqual([1, 0, 0]);
    const opened = await call('system.multicall', [
      ['d.open', 'd.start', 'd.resume'].map((m) => ({ methodName: m, params: [hash] })),
    ]);
    expect(opened).toEqual([[{ i4: 0 }], [{ i4: 0 }], [{ i4: 0 }]]);
    expect(await triple(hash)).toEqual([1, 1, 1]);
  });

  it('moves bytes with elapsed time only while active', async () => {
    const [downloading, seeding, paused] = sim.state.torrents.keys();
    const read = async () =>
      (await list('d.completed_bytes=', 'd.up.total=', 'd.down.rate=')).map((r) =>
        r.map((v) => (v as { i8: number }).i8),
      );
    const before = await read();
    now += 3000;
    const after = await read();
    expect(after[0][0]).toBeGreaterThan(before[0][0]);
    expect(after[0][2]).toBeGreaterThan(0);
    expect(after[1][1]).toBeGreaterThan(before[1][1]);
    expect(after[2]).toEqual([before[2][0], before[2][1], 0]);
    expect([downloading, seeding, paused].every((h) => h.length === 40)).toBe(true);
    now += 60_000;
    expect(await call('d.hashing', [[...sim.state.torrents.keys()][5]])).toEqual({ i8: 0 }); // check finished
  });

  it('loads from base64 and magnets, answering 0 even when it rejects', async () => {
    const file = makeTorrentFile({ name: 'new.bin', data: Buffer.alloc(70_000, 1), announce: ANNOUNCE });
    const hash = parseTorrentFile(file)!.hash;
    expect(
      await call('load.raw_start', ['', file, 'd.directory.set=/data/dl', 'd.custom1.set=Movies']),
    ).toEqual({ i4: 0 });
    expect(await call('d.custom1', [hash])).toEqual({ string: 'Movies' });
    expect(await call('d.directory', [hash])).toEqual({ string: '/data/dl' });
    expect(await call('d.base_path', [hash])).toEqual({ string: '/data/dl/new.bin' });
    expect(await triple(hash)).toEqual([1, 1, 1]);
    const trackerless = makeTorrentFile({ name: 'none.bin', data: Buffer.alloc(10, 1) });
    expect(await call('load.raw_start', ['', trackerless])).toEqual({ i4: 0 });
    expect(await call('load.raw', ['', Buffer.from('not bencoded')])).toEqual({ i4: 0 });
    expect(sim.state.torrents.size).toBe(13);
    const magnet = 'magnet:?xt=urn:btih:0123456789ABCDEF0123456789ABCDEF01234567&dn=Magnet.Thing';
    expect(await call('load.normal', ['', magnet])).toEqual({ i4: 0 });
    expect(await call('d.name', ['0123456789abcdef0123456789abcdef01234567'])).toEqual({
      string: 'Magnet.Thing',
    });
    expect(await triple('0123456789ABCDEF0123456789ABCDEF01234567')).toEqual([0, 0, 0]);
  });

  it("answers ruTorrent's tracker column (cat of t.multicall) and the trackers a .torrent or magnet names", async () => {
    const tiers = bencode({
      ...(bdecode(makeTorrentFile({ name: 'tiers.bin', data: Buffer.alloc(40_000, 3), announce: ANNOUNCE }))
        .value as BDict),
      'announce-list': [
        ['http://a.example.test/announce', 'http://b.example.test/announce'],
        ['udp://c.example.test:80'],
      ],
    });
    const hash = parseTorrentFile(tiers)!.hash;
    await call('load.raw', ['', tiers]);
    const magnet = `magnet:?xt=urn:btih:${'AB'.repeat(20)}&tr=${encodeURIComponent(ANNOUNCE)}`;
    await call('load.normal', ['', magnet]);
    await call('load.normal', ['', `magnet:?xt=urn:btih:${'CD'.repeat(20)}`]);
    const column = 'cat="$t.multicall=d.hash=,t.url=,cat={#}"';
    const rows = new Map(
      (await list('d.hash=', column, 'd.tracker_size=')).map((r) => [(r[0] as { string: string }).string, r]),
    );
    expect(rows.get(hash)?.slice(1)).toEqual([
      { string: 'http://a.example.test/announce#http://b.example.test/announce#udp://c.example.test:80#' },
      { i8: 3 },
    ]);
    expect(rows.get('AB'.repeat(20))?.slice(1)).toEqual([{ string: `${ANNOUNCE}#` }, { i8: 1 }]);
    expect(rows.get('CD'.repeat(20))?.slice(1)).toEqual([{ string: '' }, { i8: 0 }]);
    expect(
      await call('t.multicall', [hash, '', 't.url=', 't.is_enabled=', 't.success_counter=', 't.type=']),
    ).toEqual([
      [{ string: 'http://a.example.test/announce' }, { i8: 1 }, { i8: 0 }, { i8: 1 }],
      [{ string: 'http://b.example.test/announce' }, { i8: 1 }, { i8: 0 }, { i8: 1 }],
      [{ string: 'udp://c.example.test:80' }, { i8: 1 }, { i8: 0 }, { i8: 2 }],
    ]);
  });

  it('lists the peers of a moving download and none of a stopped one', async () => {
    const fields = [
      'p.address=',
      'p.port=',
      'p.client_version=',
      'p.completed_percent=',
      'p.down_rate=',
      'p.up_rate=',
    ];
    const moving = [...sim.state.torrents.values()].find(
      (t) => t.isActive && t.isOpen && !t.hashing && t.peers.connected + t.seeds.connected > 0,
    )!;
    const peers = (await call('p.multicall', [moving.hash, '', ...fields])) as Typed[][];
    expect(peers).toHaveLength(Math.min(50, moving.peers.connected + moving.seeds.connected));
    for (const [address, port, client, pct] of peers) {
      expect((address as { string: string }).string).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
      expect(port).toEqual({ i8: expect.any(Number) });
      expect(client).toEqual({ string: expect.any(String) });
      expect((pct as { i8: number }).i8).toBeLessThanOrEqual(100);
    }
    const stopped = [...sim.state.torrents.values()].find((t) => t.isOpen === 0)!;
    expect(await call('p.multicall', [stopped.hash, '', ...fields])).toEqual([]);
    expect(await call('p.multicall', ['0'.repeat(40), '', 'p.address='])).toEqual(
      fault(-501, 'Could not find info-hash.'),
    );
  });

  it('erases in any state; custom5 marks the data for deletion (classic erasedata)', async () => {
    const [a, b] = sim.state.torrents.keys();
    expect(await call('d.erase', [a])).toEqual({ i4: 0 });
    expect(await call('d.custom5.set', [b, '1'])).toEqual({ string: '1' });
    await call('d.delete_tied', [b]);
    await call('d.erase', [b]);
    expect(await list('d.hash=')).toHaveLength(10);
    expect(sim.state.deletedData).toEqual([b]);
    expect(await call('d.name', [a])).toEqual(fault(-501, 'Could not find info-hash.'));
  });

  it('gets and sets throttles; a max rate caps the rates', async () => {
    expect(await call('throttle.global_down.max_rate')).toEqual({ i8: 0 });
    expect(await call('throttle.global_down.max_rate.set', ['', 1000])).toEqual({ i4: 0 });
    expect(await call('throttle.global_up.max_rate.set_kb', ['', 2])).toEqual({ i4: 0 });
    expect(await call('throttle.global_up.max_rate', [''])).toEqual({ i8: 2048 });
    const rates = (await list('d.down.rate=')).reduce((sum, [v]) => sum + (v as { i8: number }).i8, 0);
    expect(rates).toBeLessThanOrEqual(1000);
    expect(((await call('throttle.global_down.rate', [''])) as { i8: number }).i8).toBeLessThanOrEqual(1000);
    now += 10_000;
    expect(((await call('throttle.global_down.total')) as { i8: number }).i8).toBeGreaterThan(0);
  });

  it('answers system.multicall with 1-element arrays and inline faults', async () => {
    const [hash] = sim.state.torrents.keys();
    const reply = await call('system.multicall', [
      [
        { methodName: 'd.name', params: [hash] },
        { methodName: 'd.name', params: ['0'.repeat(40)] },
        { methodName: 'nope', params: [] },
      ],
    ]);
    expect(reply).toEqual([
      [{ string: sim.state.torrents.get(hash)!.name }],
      fault(-501, 'Could not find info-hash.').fault,
      fault(-506, "Method 'nope' not defined").fault,
    ]);
    expect(await call('system.multicall', [[{ methodName: 'system.multicall', params: [] }]])).toEqual(
      fault(-507, 'Recursive system.multicall forbidden'),
    );
    expect(await call('system.multicall', [[{ methodName: 'd.name' }]])).toEqual(
      fault(-502, "No member of struct has key 'params'"),
    );
  });

  it('gives the verified faults', async () => {
    expect(await call('x.y')).toEqual(fault(-506, "Method 'x.y' not defined"));
    expect(await call('d.name', ['abc'])).toEqual(fault(-501, 'Unsupported target type found.'));
    expect(await call('d.multicall2', ['main', 'd.hash='])).toEqual(
      fault(-501, 'Unsupported target type found.'),
    );
    expect(await call('throttle.global_up.max_rate.set', [5])).toEqual(fault(-503, 'Wrong object type.'));
    expect(await call('d.multicall2', ['', 'main', 'd.nope='])).toEqual(
      fault(-503, 'Command "d.nope" does not exist.'),
    );
    const post = (body: string) =>
      fetch(target.url, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('rtorrent:rtorrent').toString('base64')}` },
        body,
      });
    const bad = await post('<methodCall><methodName>x</');
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain(
      '<value><string>Call XML not a proper XML-RPC call.  Call is not valid XML.  ',
    );
    const big = await post(methodCall('system.pid', ['x'.repeat(600_000)]));
    expect(await big.text()).toContain('XML-RPC request too large.  Max allowed is 524288 bytes');
    expect((await post('')).status).toBe(502);
  });

  it('sits behind nginx: 401 challenge, 502 on GET and after shutdown, 404 elsewhere', async () => {
    const anonymous = await fetch(target.url, { method: 'POST', body: methodCall('system.pid') });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="rtorrent"');
    const auth = { Authorization: `Basic ${Buffer.from('rtorrent:rtorrent').toString('base64')}` };
    sim.setFaults({ badAuth: true });
    const refused = await fetch(target.url, {
      method: 'POST',
      headers: auth,
      body: methodCall('system.pid'),
    });
    expect([refused.status, await refused.text()]).toEqual([
      401,
      expect.stringContaining('<title>401 Authorization Required</title>'),
    ]);
    sim.resetFaults();
    expect((await fetch(target.url, { headers: auth })).status).toBe(502);
    expect((await fetch(`${sim.url}/other`, { headers: auth })).status).toBe(404);
    expect(await call('system.shutdown.normal')).toEqual({ i4: 0 });
    expect(
      (await fetch(target.url, { method: 'POST', headers: auth, body: methodCall('system.pid') })).status,
    ).toBe(502);
    sim.restartDaemon();
    expect(await call('system.pid')).toEqual({ i8: sim.state.pid });
  });

  it('empties lists under emptyLists', async () => {
    sim.setFaults({ emptyLists: true });
    expect(await list('d.hash=')).toEqual([]);
    expect(await call('download_list', ['', 'main'])).toEqual([]);
  });

  it('counts by method name, and each member of a system.multicall', async () => {
    const [hash] = sim.state.torrents.keys();
    await call('system.client_version');
    await call('system.multicall', [
      [
        { methodName: 'd.open', params: [hash] },
        { methodName: 'd.start', params: [hash] },
      ],
    ]);
    await list('d.hash=');
    expect(sim.counters()).toEqual({
      'd.multicall2': 1,
      'd.open': 1,
      'd.start': 1,
      'system.client_version': 1,
      'system.multicall': 1,
    });
    expect(sim.count('d.start')).toBe(1);
    sim.resetCounters();
    expect(sim.counters()).toEqual({});
  });

  it('generates 5,000 downloads and lists them all', async () => {
    const big = createRtorrentSimulator({ torrents: 5000 });
    await big.start();
    const reply = await xmlRpc({ ...target, url: `${big.url}/RPC2` }, 'd.multicall2', [
      '',
      'main',
      ...RUTORRENT_FIELDS,
    ]);
    expect(reply.value).toHaveLength(5000);
    await big.stop();
  });
});
