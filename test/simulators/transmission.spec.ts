import {
  createTransmissionSimulator,
  RPC_VERSION,
  TRANSMISSION_PASSWORD,
  TRANSMISSION_USERNAME,
  TrStatus,
  type TransmissionSimulator,
} from '../../simulators/transmission';
import { makeTorrentFile, parseTorrentFile } from '../../simulators/torrents';
import { rawRpc, rpc } from '../support/transmission-peer';

const T0 = 1_800_000_000_000;
type Torrent = Record<string, unknown>;

describe('Transmission 3.00 RPC simulator', () => {
  let now: number;
  let sim: TransmissionSimulator;
  let target: { url: string; username: string; password: string; session?: string };
  const call = async (method: string, args?: Record<string, unknown>) => {
    const reply = await rpc(target, method, args);
    expect(reply.status).toBe(200);
    return reply.json!;
  };
  const torrents = async (fields: string[], ids?: unknown) =>
    (await call('torrent-get', { fields, ...(ids === undefined ? {} : { ids }) })).arguments!
      .torrents as Torrent[];
  const torrent = makeTorrentFile({ name: 'sim.bin', data: Buffer.alloc(70_000, 3) });
  const hash = parseTorrentFile(torrent)!.hash.toLowerCase();

  beforeEach(async () => {
    now = T0;
    sim = createTransmissionSimulator({ torrents: 12, now: () => now });
    await sim.start();
    target = {
      url: `${sim.url}/transmission/rpc`,
      username: TRANSMISSION_USERNAME,
      password: TRANSMISSION_PASSWORD,
    };
  });
  afterEach(() => sim.stop());

  it('asks for credentials first, then answers 409 with the session id, then the call', async () => {
    const anonymous = await rawRpc(target, { method: 'session-get' }, '', false);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toBe(
      '<h1>401: Unauthorized</h1><p>Unauthorized User. 1 unsuccessful login attempts.</p>',
    );
    const first = await rawRpc(target, { method: 'session-get' }, '');
    expect(first.status).toBe(409);
    expect(first.contentType).toBe('text/html; charset=ISO-8859-1');
    expect(first.sessionId).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(first.body).toContain(`<code>X-Transmission-Session-Id: ${first.sessionId}</code>`);
    const second = await rawRpc(target, { method: 'session-get', tag: 7 }, first.sessionId);
    expect(second.status).toBe(200);
    expect(second.contentType).toBe('application/json; charset=UTF-8');
    expect(second.json).toMatchObject({ result: 'success', tag: 7 });
    expect(sim.counters()).toEqual({ '401': 1, '409': 1, 'session-get': 1 });
  });

  it('gives a new session id after a restart; the old one answers 409', async () => {
    await call('session-stats');
    const old = target.session!;
    sim.restart();
    const stale = await rawRpc(target, { method: 'session-stats' }, old);
    expect(stale.status).toBe(409);
    expect(stale.sessionId).not.toBe(old);
    expect((await rawRpc(target, { method: 'session-stats' }, stale.sessionId)).status).toBe(200);
  });

  it('refuses GET with 405 once authenticated, and answers garbage and unknown methods in JSON', async () => {
    await call('session-stats');
    const get = await fetch(target.url, {
      headers: {
        Authorization: `Basic ${Buffer.from('transmission:transmission').toString('base64')}`,
        'X-Transmission-Session-Id': target.session!,
      },
    });
    expect(get.status).toBe(405);
    expect((await rawRpc(target, 'garbage', target.session!)).json).toEqual({
      arguments: {},
      result: 'no method name',
    });
    expect(await call('no-such-method')).toEqual({ arguments: {}, result: 'method name not recognized' });
  });

  it('beside the RPC: credentials first, 301 outside rpc-url, the web UI, a 404 naming the path', async () => {
    const base = sim.url;
    const auth = `Basic ${Buffer.from(`${TRANSMISSION_USERNAME}:${TRANSMISSION_PASSWORD}`).toString('base64')}`;
    const ask = (path: string, headers: Record<string, string> = { Authorization: auth }) =>
      fetch(`${base}${path}`, { method: 'POST', redirect: 'manual', headers, body: '{}' });
    expect((await ask('/other', {})).status).toBe(401);
    const moved = await ask('/other');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/transmission/web/');
    expect(await moved.text()).toBe('<h1>301: Moved Permanently</h1>');
    expect((await ask('/transmission/web/')).status).toBe(200);
    const noSession = await ask('/transmission/other?x=1');
    expect(noSession.status).toBe(409);
    const missing = await ask('/transmission/other?x=1', {
      Authorization: auth,
      'X-Transmission-Session-Id': noSession.headers.get('x-transmission-session-id')!,
    });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('<h1>404: Not Found</h1>/transmission/other?x=1');
  });

  it('session-get: version, RPC 16, speeds in units of 1000 bytes, filtered by fields, keys sorted', async () => {
    const all = await call('session-get');
    expect(all.arguments).toMatchObject({ 'rpc-version': RPC_VERSION, version: '3.00 (bb6b5a062e)' });
    expect((all.arguments!.units as Record<string, unknown>)['speed-bytes']).toBe(1000);
    const keys = Object.keys(all.arguments!);
    expect(keys).toEqual([...keys].sort());
    const some = await call('session-get', { fields: ['speed-limit-down', 'speed-limit-down-enabled'] });
    expect(some.arguments).toEqual({ 'speed-limit-down': 100, 'speed-limit-down-enabled': false });
  });

  it('session-set: integer kB/s limits read back; a fractional number is ignored', async () => {
    await call('session-set', {
      'speed-limit-down': 250,
      'speed-limit-down-enabled': true,
      'speed-limit-up': 3,
    });
    await call('session-set', { 'speed-limit-down': 12.7 });
    const fields = [
      'speed-limit-down',
      'speed-limit-down-enabled',
      'speed-limit-up',
      'speed-limit-up-enabled',
    ];
    expect((await call('session-get', { fields })).arguments).toEqual({
      'speed-limit-down': 250,
      'speed-limit-down-enabled': true,
      'speed-limit-up': 3,
      'speed-limit-up-enabled': false,
    });
  });

  it('torrent-get: every torrent, lower-case hashes, statuses 0..6 and a local error', async () => {
    const list = await torrents(['hashString', 'status', 'error', 'errorString', 'labels', 'percentDone']);
    expect(list).toHaveLength(12);
    for (const t of list) expect(t.hashString).toMatch(/^[0-9a-f]{40}$/);
    const statuses = new Set(list.map((t) => t.status));
    for (const s of [
      TrStatus.STOPPED,
      TrStatus.CHECK,
      TrStatus.DOWNLOAD_WAIT,
      TrStatus.DOWNLOAD,
      TrStatus.SEED,
    ])
      expect(statuses).toContain(s);
    const broken = list.find((t) => t.error === 3)!;
    expect(broken.errorString).toMatch(/^No data found!/);
    expect(await call('torrent-get', {})).toEqual({
      arguments: { torrents: [] },
      result: 'no fields specified',
    });
    expect(await torrents(['hashString', 'nosuchfield'], [list[0].hashString])).toEqual([
      { hashString: list[0].hashString, nosuchfield: 0 },
    ]);
  });

  it('torrent-get ids: numbers, hash strings in either case, unknown ones skipped', async () => {
    const [a, b] = await torrents(['id', 'hashString']);
    const picked = await torrents(['id'], [a.id, String(b.hashString).toUpperCase(), 'f'.repeat(40)]);
    expect(picked).toEqual([{ id: a.id }, { id: b.id }]);
    const recent = await call('torrent-get', { fields: ['id'], ids: 'recently-active' });
    expect(recent.arguments).toHaveProperty('removed', []);
  });

  it('torrent-add: added, duplicate, garbage, nothing; paused; labels only through torrent-set', async () => {
    const metainfo = torrent.toString('base64');
    const added = await call('torrent-add', { metainfo, paused: true, labels: ['ignored'] });
    expect(added.arguments).toEqual({ 'torrent-added': { hashString: hash, id: 13, name: 'sim.bin' } });
    expect((await call('torrent-add', { metainfo })).arguments).toEqual({
      'torrent-duplicate': { hashString: hash, id: 13, name: 'sim.bin' },
    });
    expect(await call('torrent-add', { metainfo: 'bm90IGEgdG9ycmVudA==' })).toEqual({
      arguments: {},
      result: 'invalid or corrupt torrent file',
    });
    expect((await call('torrent-add', {})).result).toBe('no filename or metainfo specified');
    expect(await torrents(['status', 'labels', 'totalSize'], [hash])).toEqual([
      { status: 0, labels: [], totalSize: 70_000 },
    ]);
    expect(await call('torrent-set', { ids: [hash], labels: ['a,b'] })).toEqual({
      arguments: {},
      result: 'labels cannot contain comma (,) character',
    });
    await call('torrent-set', { ids: [hash], labels: ['Movies'] });
    expect(await torrents(['labels'], [hash])).toEqual([{ labels: ['Movies'] }]);
  });

  it('torrent-add by magnet: no metadata yet, downloading, named from dn', async () => {
    const magnet = `magnet:?xt=urn:btih:${'ab'.repeat(20)}&dn=from-magnet`;
    const added = await call('torrent-add', { filename: magnet });
    expect(added.arguments!['torrent-added']).toMatchObject({
      hashString: 'ab'.repeat(20),
      name: 'from-magnet',
    });
    expect(
      await torrents(['status', 'metadataPercentComplete', 'totalSize', 'files'], ['ab'.repeat(20)]),
    ).toEqual([{ status: 4, metadataPercentComplete: 0, totalSize: 0, files: [] }]);
    expect((await call('torrent-add', { filename: 'magnet:?xt=urn:btih:nothex' })).result).toBe(
      'invalid or corrupt torrent file',
    );
  });

  it('torrent-start/stop, torrent-remove with and without delete-local-data', async () => {
    await call('torrent-add', { metainfo: torrent.toString('base64') });
    expect(await torrents(['status'], [hash])).toEqual([{ status: TrStatus.DOWNLOAD }]);
    await call('torrent-stop', { ids: [hash] });
    expect(await torrents(['status'], [hash])).toEqual([{ status: TrStatus.STOPPED }]);
    await call('torrent-start', { ids: [hash] });
    expect(await torrents(['status'], [hash])).toEqual([{ status: TrStatus.DOWNLOAD }]);
    const [other] = await torrents(['hashString']);
    await call('torrent-remove', { ids: [other.hashString] });
    await call('torrent-remove', { ids: [hash], 'delete-local-data': true });
    expect(sim.state.deletedData).toEqual([hash.toUpperCase()]);
    expect(await torrents(['id'])).toHaveLength(11);
    expect(await call('torrent-remove', { ids: ['f'.repeat(40)] })).toEqual({
      arguments: {},
      result: 'success',
    });
  });

  it('detail fields: files with stats, peers, trackers and their stats', async () => {
    const list = await torrents(['hashString', 'status', 'files', 'fileStats', 'peers', 'trackerStats']);
    const active = list.find((t) => t.status === TrStatus.SEED && (t.peers as unknown[]).length)!;
    expect((active.files as unknown[])[0]).toEqual({
      bytesCompleted: expect.any(Number),
      length: expect.any(Number),
      name: expect.any(String),
    });
    expect((active.fileStats as unknown[])[0]).toEqual({
      bytesCompleted: expect.any(Number),
      priority: 0,
      wanted: true,
    });
    expect((active.peers as unknown[])[0]).toMatchObject({
      address: expect.stringMatching(/^10\.0\./),
      port: expect.any(Number),
      clientName: expect.any(String),
      rateToClient: expect.any(Number),
      rateToPeer: expect.any(Number),
    });
    expect((active.trackerStats as unknown[])[0]).toMatchObject({
      announce: expect.stringMatching(/^https:\/\/.*\/announce$/),
      host: expect.stringMatching(/^https:\/\/[^/]+$/),
      lastAnnounceSucceeded: true,
      seederCount: expect.any(Number),
    });
  });

  it('moves with the clock: a check ends, a download progresses', async () => {
    const fields = ['hashString', 'status', 'percentDone', 'rateDownload'];
    const before = await torrents(fields);
    const checking = before.find((t) => t.status === TrStatus.CHECK)!;
    const downloading = before.find(
      (t) => t.status === TrStatus.DOWNLOAD && (t.percentDone as number) < 0.99,
    )!;
    expect(downloading.rateDownload).toBeGreaterThan(0);
    now += 60_000;
    const after = await torrents(fields, [checking.hashString, downloading.hashString]);
    expect(after[0].status).not.toBe(TrStatus.CHECK);
    expect(after[1].percentDone).toBeGreaterThan(downloading.percentDone as number);
  });

  it('honours the shared faults: badAuth, emptyLists, garbage', async () => {
    sim.setFaults({ badAuth: true });
    expect((await rawRpc(target, { method: 'session-get' }, '')).status).toBe(401);
    sim.setFaults({ badAuth: false, emptyLists: true });
    expect(await torrents(['id'])).toEqual([]);
    sim.setFaults({ emptyLists: false, garbage: true });
    const garbage = await rawRpc(target, { method: 'session-get' }, target.session!);
    expect(garbage.status).toBe(200);
    expect(garbage.json).toBeUndefined();
  });
});
