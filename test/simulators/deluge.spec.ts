import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDelugeSimulator,
  DELUGE_HOST_ID,
  DELUGE_PASSWORD,
  DelugeRpcClient,
  type DelugeSimulator,
} from '../../simulators/deluge';
import { makeTorrentFile, parseTorrentFile } from '../../simulators/torrents';

const T0 = 1_800_000_000_000;
type Status = Record<string, Record<string, unknown>>;

describe('deluge-web 2.0.3 JSON-RPC simulator', () => {
  let now: number;
  let sim: DelugeSimulator;
  let rpc: DelugeRpcClient;
  let dir: string;
  const torrent = makeTorrentFile({ name: 'sim.bin', data: Buffer.alloc(70_000, 3) });
  const hash = parseTorrentFile(torrent)!.hash.toLowerCase();
  const connect = async () => {
    expect(await rpc.login(DELUGE_PASSWORD)).toBe(true);
    await rpc.result('web.connect', [DELUGE_HOST_ID]);
  };
  const add = (options: Record<string, unknown> = {}) =>
    rpc.result<string>('core.add_torrent_file', ['sim.torrent', torrent.toString('base64'), options]);
  const status = (id: string, keys: string[]) =>
    rpc.result<Record<string, unknown>>('core.get_torrent_status', [id, keys]);

  beforeEach(async () => {
    now = T0;
    dir = mkdtempSync(join(tmpdir(), 'deluge-sim-'));
    sim = createDelugeSimulator({ torrents: 12, now: () => now, downloadDir: dir });
    await sim.start();
    rpc = new DelugeRpcClient(sim.url);
  });
  afterEach(async () => {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses web.* without a session, and auth.login answers false for a wrong password', async () => {
    const anonymous = await rpc.call('web.connected', [], { id: 7 });
    expect(anonymous.status).toBe(200);
    expect(anonymous.json).toEqual({ result: null, error: { message: 'Not authenticated', code: 1 }, id: 7 });
    expect((await rpc.call('auth.check_session')).json!.result).toBe(false);
    expect((await rpc.call('auth.login', ['wrong'])).json).toMatchObject({ result: false, error: null });
    expect(rpc.cookie).toBe('');
  });

  it('sets a checksummed _session_id cookie on login and renews it on every call', async () => {
    const login = await rpc.call('auth.login', [DELUGE_PASSWORD]);
    expect(login.json).toMatchObject({ result: true, error: null });
    const cookie = (login.headers['set-cookie'] as string[])[0];
    expect(cookie).toMatch(/^_session_id=[0-9a-f]{64}\d{4}; Expires=.+ GMT; Path=\/json$/);
    expect((await rpc.call('auth.check_session')).json!.result).toBe(true);
    const again = await rpc.call('web.connected');
    expect(again.headers['set-cookie']).toHaveLength(1);
    // A session times out after session_timeout (3600 s) without a call.
    now += 3601_000;
    expect((await rpc.call('web.connected')).json!.error).toEqual({ message: 'Not authenticated', code: 1 });
  });

  it('answers gzip only when asked, with TwistedWeb headers', async () => {
    const zipped = await rpc.call('auth.check_session');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toBe('application/json');
    expect(zipped.headers.server).toBe('TwistedWeb');
    const plain = await new DelugeRpcClient(sim.url, { gzip: false }).call('auth.check_session');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString()).toContain('"result":false');
  });

  it('reads only exactly application/json, and answers code 5 with id null otherwise', async () => {
    const body = JSON.stringify({ method: 'web.connected', params: [], id: 1 });
    expect((await rpc.post(body, 'application/json; charset=utf-8')).json).toEqual({
      result: null,
      id: null,
      error: {
        code: 5,
        message: 'JSONException: Invalid JSON request content-type: application/json; charset=utf-8',
      },
    });
    expect((await rpc.post(body, null)).json!.error!.message).toBe(
      "AttributeError: 'NoneType' object has no attribute 'decode'",
    );
    expect((await rpc.post('{"method":')).json!.error).toEqual({
      code: 5,
      message: 'JSONException: JSON not decodable',
    });
    expect((await rpc.post('{"method":"web.connected","params":[]}')).json!.error!.message).toBe(
      "JSONException: Invalid JSON request, missing param 'id' in {'method': 'web.connected', 'params': []}",
    );
    const get = await rpc.post('', null, 'GET');
    expect(get.status).toBe(405);
  });

  it('answers "Unknown method" to core.* until web.connect, then lists the daemon methods', async () => {
    expect(await rpc.login(DELUGE_PASSWORD)).toBe(true);
    expect(await rpc.result('web.connected')).toBe(false);
    expect((await rpc.call('core.get_torrents_status', [{}, ['name']])).json!.error).toEqual({
      message: 'Unknown method',
      code: 2,
    });
    expect(await rpc.result('web.get_hosts')).toEqual([[DELUGE_HOST_ID, '127.0.0.1', 58846, 'localclient']]);
    expect(await rpc.result('web.get_host_status', [DELUGE_HOST_ID])).toEqual([
      DELUGE_HOST_ID,
      'Online',
      '2.0.3',
    ]);
    expect(await rpc.result('web.connect', ['nope'])).toBeNull();
    const methods = await rpc.result<string[]>('web.connect', [DELUGE_HOST_ID]);
    expect(methods).toContain('core.get_torrents_status');
    expect(methods).toContain('label.set_torrent');
    expect(await rpc.result('web.connected')).toBe(true);
    expect(await rpc.result('daemon.get_version')).toBe('2.0.3');
    expect((await rpc.call('daemon.info')).json!.error!.code).toBe(2);
    // Connected, a call without a session is refused as not authenticated.
    expect(
      (await new DelugeRpcClient(sim.url).call('core.get_torrents_status', [{}, []])).json!.error!.code,
    ).toBe(1);
  });

  it('never answers the daemon methods after web.disconnect', async () => {
    await connect();
    expect(await rpc.result('web.disconnect')).toBe('Connection was closed cleanly.');
    const slow = new DelugeRpcClient(sim.url, { timeoutMs: 300 });
    slow.cookie = rpc.cookie;
    await expect(slow.call('core.get_torrents_status', [{}, ['name']])).rejects.toThrow(/within the timeout/);
  });

  it('lists generated torrents with Deluge units, filters them, and leaves out unknown keys', async () => {
    await connect();
    const keys = ['name', 'state', 'progress', 'total_size', 'ratio', 'label', 'tracker_host', 'nosuch'];
    const all = await rpc.result<Status>('core.get_torrents_status', [{}, keys]);
    expect(Object.keys(all)).toHaveLength(12);
    for (const [id, t] of Object.entries(all)) {
      expect(id).toMatch(/^[0-9a-f]{40}$/);
      expect(Object.keys(t).sort()).toEqual(keys.filter((k) => k !== 'nosuch').sort());
      expect(t.progress as number).toBeGreaterThanOrEqual(0);
      expect(t.progress as number).toBeLessThanOrEqual(100);
      expect(['Downloading', 'Seeding', 'Paused', 'Checking', 'Queued', 'Error']).toContain(t.state);
    }
    const states = new Set(Object.values(all).map((t) => t.state));
    expect(states).toEqual(new Set(['Downloading', 'Seeding', 'Paused', 'Checking', 'Queued', 'Error']));
    const paused = await rpc.result<Status>('core.get_torrents_status', [{ state: 'Paused' }, ['state']]);
    expect(Object.values(paused).every((t) => t.state === 'Paused')).toBe(true);
    const one = Object.keys(all)[0];
    expect(
      Object.keys(await rpc.result<Status>('core.get_torrents_status', [{ id: one }, ['name']])),
    ).toEqual([one]);
    // An upper-case hash is another, unknown, torrent.
    expect(await status(one.toUpperCase(), ['name'])).toEqual({});
    const full = await status(one, []);
    expect(full).toHaveProperty('files');
    expect(full).toHaveProperty('peers');
    const ui = await rpc.result<{ connected: boolean; torrents: Status; filters: Record<string, unknown> }>(
      'web.update_ui',
      [['name'], {}],
    );
    expect(ui.connected).toBe(true);
    expect(Object.keys(ui.torrents)).toHaveLength(12);
    expect(ui.filters).toHaveProperty('label');
  });

  it('adds a .torrent, refuses a duplicate and junk with AddTorrentError (code 4)', async () => {
    await connect();
    expect(await add({ add_paused: true })).toBe(hash);
    expect(
      await status(hash, ['name', 'state', 'total_size', 'progress', 'ratio', 'file_priorities']),
    ).toEqual({
      name: 'sim.bin',
      state: 'Paused',
      total_size: 70_000,
      progress: 0,
      ratio: -1,
      file_priorities: [4],
    });
    const duplicate = await rpc.call('core.add_torrent_file', [
      'sim.torrent',
      torrent.toString('base64'),
      {},
    ]);
    expect(duplicate.json!.error).toEqual({
      code: 4,
      message:
        "Failure: [Failure instance: Traceback (failure with no frames): <class 'deluge.error.AddTorrentError'>: " +
        `Torrent already in session (${hash}).\n]`,
    });
    const junk = await rpc.call('core.add_torrent_file', ['x.torrent', 'aGVsbG8gd29ybGQ=', {}]);
    expect(junk.json!.error!.message).toContain('Unable to add torrent, decoding filedump failed');
  });

  it('adds a magnet without metadata and an http URL; a magnet given as URL is an unsupported scheme', async () => {
    await connect();
    const magnet = `magnet:?xt=urn:btih:${'1'.repeat(40)}&dn=probe-magnet`;
    expect(await rpc.result('core.add_torrent_magnet', [magnet, {}])).toBe('1'.repeat(40));
    expect(await status('1'.repeat(40), ['name', 'state', 'total_size', 'files'])).toEqual({
      name: 'probe-magnet',
      state: 'Downloading',
      total_size: 0,
      files: [],
    });
    expect((await rpc.call('core.add_torrent_magnet', ['not a magnet', {}])).json!.error!.message).toContain(
      'Unable to add magnet, invalid magnet info: not a magnet',
    );
    const id = await rpc.result<string>('core.add_torrent_url', [
      'http://127.0.0.1:1/files/Some.Show.torrent',
      {},
    ]);
    expect(await status(id, ['name'])).toEqual({ name: 'Some.Show' });
    expect((await rpc.call('core.add_torrent_url', [magnet, {}])).json!.error!.message).toContain(
      "Unsupported scheme: b'magnet'",
    );
  });

  it('pauses and resumes by one id or a list; an unknown id is a KeyError; an empty list means all', async () => {
    await connect();
    await add();
    expect(await rpc.result('core.pause_torrent', [[hash]])).toBeNull();
    expect(await status(hash, ['state', 'paused'])).toEqual({ state: 'Paused', paused: true });
    expect(await rpc.result('core.resume_torrent', [hash])).toBeNull();
    expect(await status(hash, ['state'])).toEqual({ state: 'Downloading' });
    const unknown = await rpc.call('core.pause_torrent', [['0'.repeat(40)]]);
    expect(unknown.json!.error!.message).toMatch(/WrappedException'>: '0{40}'\n[\s\S]*KeyError: '0{40}'/);
    expect((await rpc.call('core.pause_torrent', [])).json!.error!.message).toContain(
      "TypeError: Core.pause_torrent() missing 1 required positional argument: 'torrent_id'",
    );
    await rpc.result('core.pause_torrents', [[]]);
    const all = await rpc.result<Status>('core.get_torrents_status', [{}, ['paused']]);
    expect(Object.values(all).every((t) => t.paused === true)).toBe(true);
  });

  it('removes a torrent with its data, and reports unknown ids', async () => {
    await connect();
    writeFileSync(join(dir, 'sim.bin'), Buffer.alloc(70_000, 3));
    await add();
    expect(await rpc.result('core.remove_torrent', [hash, true])).toBe(true);
    expect(existsSync(join(dir, 'sim.bin'))).toBe(false);
    expect(sim.state.deletedData).toEqual([hash]);
    expect((await rpc.call('core.remove_torrent', [hash, false])).json!.error!.message).toContain(
      `<class 'deluge.error.InvalidTorrentError'>: torrent_id ${hash} not in session.`,
    );
    expect(await rpc.result('core.remove_torrents', [[hash], false])).toEqual([
      [hash, `torrent_id ${hash} not in session.`],
    ]);
  });

  it('keeps the global limits in KiB/s as floats, -1 for unlimited', async () => {
    await connect();
    const keys = ['max_download_speed', 'max_upload_speed', 'nosuch'];
    expect(await rpc.result('core.get_config_values', [keys])).toEqual({
      max_download_speed: -1,
      max_upload_speed: -1,
      nosuch: null,
    });
    expect(
      await rpc.result('core.set_config', [{ max_download_speed: 100.5, max_upload_speed: 50 }]),
    ).toBeNull();
    expect(await rpc.result('core.get_config_value', ['max_download_speed'])).toBe(100.5);
    expect(
      (await rpc.result<{ stats: Record<string, unknown> }>('web.update_ui', [[], {}])).stats.max_upload,
    ).toBe(50);
  });

  it('has the Label plugin: lower-case labels of [a-z0-9_-], set_torrent does not lower-case', async () => {
    await connect();
    await add();
    expect(await rpc.result('label.get_labels')).toEqual(['linux', 'movies', 'music', 'tv']);
    expect(await rpc.result('label.add', ['Anime'])).toBeNull();
    expect((await rpc.call('label.add', ['anime'])).json!.error!.message).toContain(
      'Exception: Label already exists',
    );
    expect((await rpc.call('label.add', ['Bad Label!'])).json!.error!.message).toContain(
      'Invalid label, valid characters:[a-z0-9_-]',
    );
    expect((await rpc.call('label.set_torrent', [hash, 'Anime'])).json!.error!.message).toContain(
      'Unknown Label',
    );
    expect((await rpc.call('label.set_torrent', ['0'.repeat(40), 'anime'])).json!.error!.message).toContain(
      'Unknown Torrent',
    );
    await rpc.result('label.set_torrent', [hash, 'anime']);
    expect(await status(hash, ['label'])).toEqual({ label: 'anime' });
    const labelled = await rpc.result<Status>('core.get_torrents_status', [{ label: 'anime' }, ['name']]);
    expect(Object.keys(labelled)).toEqual([hash]);
    await rpc.result('label.set_torrent', [hash, '']);
    expect(await status(hash, ['label'])).toEqual({ label: '' });
  });

  it('shows detail: files with offsets, priorities, peers and trackers', async () => {
    await connect();
    const all = await rpc.result<Status>('core.get_torrents_status', [{ state: 'Downloading' }, ['name']]);
    const id = Object.keys(all)[0];
    const detail = await status(id, [
      'files',
      'file_priorities',
      'file_progress',
      'peers',
      'trackers',
      'message',
    ]);
    expect(detail.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 0, offset: 0, path: expect.any(String) as string }),
      ]),
    );
    expect((detail.file_priorities as number[]).every((p) => p === 4)).toBe(true);
    expect(detail.message).toBe('OK');
    expect(detail.trackers).toEqual([
      expect.objectContaining({ url: expect.stringMatching(/announce$/) as string, tier: 0 }),
    ]);
    for (const peer of detail.peers as Record<string, unknown>[])
      expect(Object.keys(peer).sort()).toEqual([
        'client',
        'country',
        'down_speed',
        'ip',
        'progress',
        'seed',
        'up_speed',
      ]);
  });

  it('counts calls by method and honours the garbage and badAuth faults', async () => {
    await connect();
    expect(sim.counters()).toEqual({ 'auth.login': 1, 'web.connect': 1 });
    sim.setFaults({ garbage: true });
    const garbage = await rpc.call('web.connected');
    expect(garbage.status).toBe(200);
    expect(garbage.json).toBeUndefined();
    sim.resetFaults();
    sim.setFaults({ badAuth: true });
    expect(await new DelugeRpcClient(sim.url).login(DELUGE_PASSWORD)).toBe(false);
  });
});
