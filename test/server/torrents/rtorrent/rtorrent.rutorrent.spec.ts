import { RtorrentClient } from '../../../../server/torrents/clients/rtorrent/rtorrent.client';
import { RUTORRENT_HTTPRPC_PATH } from '../../../../server/torrents/clients/rtorrent/rtorrent.http';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import {
  createRtorrentSimulator,
  RTORRENT_PASSWORD,
  RTORRENT_USERNAME,
  RUTORRENT_THROTTLE_MAX,
  type RtorrentSimulator,
} from '../../../../simulators/rtorrent';
import { eventually } from '../../../support/eventually';
import { testConnection } from '../support/connection';
import { testHttp } from '../support/transport';

/**
 * rTorrent reached through ruTorrent's httprpc plugin, as users who know only ruTorrent's URL have it:
 * the simulated web server mounts no /RPC2, and ruTorrent answers under /rutorrent/.
 */
describe('RtorrentClient through ruTorrent (plugins/httprpc/action.php)', () => {
  let sim: RtorrentSimulator;
  let connection: TorrentClientConnection;
  const client = new RtorrentClient(testHttp(), () => connection, { addConfirmMs: 300, addPollMs: 50 });
  const httprpc = `/rutorrent/${RUTORRENT_HTTPRPC_PATH}`;

  beforeAll(async () => {
    sim = createRtorrentSimulator({ torrents: 8, rpcPath: null, httprpcPath: httprpc, eraseDelayMs: 20 });
    await sim.start();
  });
  afterAll(() => sim.stop());
  afterEach(() => {
    sim.state.running = true;
  });

  const connect = (overrides: Partial<TorrentClientConnection>): void => {
    connection = testConnection({
      service: 'rTorrent',
      url: `${sim.url}/rutorrent/`,
      username: RTORRENT_USERNAME,
      password: RTORRENT_PASSWORD,
      ...overrides,
    });
    client.reset();
  };
  const count = () => sim.state.torrents.size;

  it('lists through rpc_path plugins/httprpc/action.php under the ruTorrent URL', async () => {
    connect({ rpc_path: RUTORRENT_HTTPRPC_PATH });
    expect(await client.list()).toHaveLength(count());
  });

  it('takes a URL that already ends in .php as the endpoint', async () => {
    connect({ url: `${sim.url}${httprpc}` });
    expect(await client.list()).toHaveLength(count());
  });

  it.each([
    ['ruTorrent’s own URL', '/rutorrent/'],
    ['the site’s root, ruTorrent in /rutorrent/', ''],
  ])('finds the httprpc plugin by itself from %s when /RPC2 is not mounted', async (_what, path) => {
    connect({ url: `${sim.url}${path}` });
    expect(await client.list()).toHaveLength(count());
    sim.resetCounters();
    // Found once: later calls go straight to it, and everything else works through it.
    await client.bandwidth();
    expect(sim.count('system.multicall')).toBe(1);
    expect(Object.keys(sim.counters()).filter((k) => /404|RPC2/.test(k))).toEqual([]);
  });

  it('says where it looked when neither /RPC2 nor the plugin answers', async () => {
    connect({ url: `${sim.url}/elsewhere/` });
    await expect(client.list()).rejects.toThrow(
      `rTorrent's web server answered HTTP 404 at ${sim.url}/elsewhere/RPC2; ruTorrent's httprpc plugin did not answer at ` +
        `${sim.url}/elsewhere/${RUTORRENT_HTTPRPC_PATH} or ${sim.url}/elsewhere/rutorrent/${RUTORRENT_HTTPRPC_PATH} either; ` +
        'check the URL and rpc_path (ruTorrent setups mount XML-RPC at /RPC2; with only ruTorrent’s own URL, give that URL and set rpc_path to plugins/httprpc/action.php).'.replace(
          '’',
          "'",
        ),
    );
  });

  it('says ruTorrent cannot reach rTorrent when the plugin answers false', async () => {
    connect({ rpc_path: RUTORRENT_HTTPRPC_PATH });
    sim.state.running = false;
    await expect(client.list()).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(
        /^ruTorrent cannot reach rTorrent: its httprpc plugin at .* answered "false", so rTorrent is not running/,
      ),
    });
  });

  it('reads the throttle plugin’s maximum as unlimited, and keeps a real limit', async () => {
    connect({ rpc_path: RUTORRENT_HTTPRPC_PATH });
    await client.setBandwidth({ down_limit: null, up_limit: 512 * 1024 });
    sim.openRutorrentPage();
    expect(sim.state.throttle.downMax).toBe(RUTORRENT_THROTTLE_MAX);
    expect(await client.bandwidth()).toMatchObject({ down_limit: null, up_limit: 512 * 1024 });
  });

  it('has ruTorrent delete the data the panel cannot see, and checks the torrent is gone', async () => {
    connect({ rpc_path: RUTORRENT_HTTPRPC_PATH, download_dir: '/nonexistent/panel/view' });
    const [target] = [...sim.state.torrents.values()].filter((t) => t.isOpen);
    const [outcome] = await client.remove([target.hash], true);
    expect(outcome).toMatchObject({
      ok: true,
      data: 'deleted',
      message: expect.stringMatching(/^ruTorrent removed/),
    });
    expect(sim.state.torrents.has(target.hash)).toBe(false);
    await eventually(() => sim.state.deletedData.includes(target.hash), 'ruTorrent deleted the data');
    expect(sim.count('httprpc:removewithdata')).toBe(1);
  });

  it('still refuses to delete data it cannot see without ruTorrent in front', async () => {
    const plain = createRtorrentSimulator({ torrents: 3 });
    await plain.start();
    try {
      connect({ url: plain.url, download_dir: '/nonexistent/panel/view' });
      const [target] = [...plain.state.torrents.values()].filter((t) => t.isOpen);
      const [outcome] = await client.remove([target.hash], true);
      expect(outcome).toMatchObject({
        ok: false,
        error: expect.stringContaining('cannot see the download directory'),
      });
      expect(plain.state.torrents.has(target.hash)).toBe(true);
    } finally {
      await plain.stop();
    }
  });

  it('answers an add once rTorrent has started the torrent, not while it is still loading', async () => {
    connect({ rpc_path: RUTORRENT_HTTPRPC_PATH });
    sim.state.startDelayMs = 100;
    try {
      const hash = 'C0FFEE0123456789ABCDEF0123456789ABCDEF01';
      const added = await client.addUrl(`magnet:?xt=urn:btih:${hash}&dn=Started.Later`, { start: true });
      expect(added.hash).toBe(hash);
      const listed = (await client.list()).find((t) => t.hash === hash);
      expect(listed?.state).not.toMatch(/stopped|paused/);
    } finally {
      sim.state.startDelayMs = 0;
    }
  });

  it("clears ruTorrent's erasedata mark before erasing, so a removal that keeps the data keeps it", async () => {
    connect({ rpc_path: RUTORRENT_HTTPRPC_PATH });
    const marked = [...sim.state.torrents.values()][0];
    marked.custom.set('5', '1');
    const [outcome] = await client.remove([marked.hash], false);
    expect(outcome).toMatchObject({ ok: true, data: 'kept' });
    expect(sim.state.torrents.has(marked.hash)).toBe(false);
    expect(sim.state.deletedData).not.toContain(marked.hash);
  });
});
