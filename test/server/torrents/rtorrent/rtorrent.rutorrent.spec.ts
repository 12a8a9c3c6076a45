import { RtorrentClient } from '../../../../server/torrents/clients/rtorrent/rtorrent.client';
import { RUTORRENT_HTTPRPC_PATH } from '../../../../server/torrents/clients/rtorrent/rtorrent.http';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import {
  createRtorrentSimulator,
  RTORRENT_PASSWORD,
  RTORRENT_USERNAME,
  type RtorrentSimulator,
} from '../../../../simulators/rtorrent';
import { testConnection } from '../support/connection';
import { testHttp } from '../support/transport';

/** rTorrent reached through ruTorrent's httprpc plugin, as users who know only ruTorrent's URL have it. */
describe('RtorrentClient through ruTorrent (plugins/httprpc/action.php)', () => {
  let sim: RtorrentSimulator;
  let connection: TorrentClientConnection;
  const client = new RtorrentClient(testHttp(), () => connection, { addConfirmMs: 300, addPollMs: 50 });

  beforeAll(async () => {
    sim = createRtorrentSimulator({ torrents: 6, rpcPath: `/rutorrent/${RUTORRENT_HTTPRPC_PATH}` });
    await sim.start();
  });
  afterAll(() => sim.stop());

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

  it('lists through rpc_path plugins/httprpc/action.php under the ruTorrent URL', async () => {
    connect({ rpc_path: RUTORRENT_HTTPRPC_PATH });
    expect(await client.list()).toHaveLength(6);
  });

  it('takes a URL that already ends in .php as the endpoint', async () => {
    connect({ url: `${sim.url}/rutorrent/${RUTORRENT_HTTPRPC_PATH}` });
    expect(await client.list()).toHaveLength(6);
  });

  it("says which rpc_path to set when ruTorrent's URL has no /RPC2 mount", async () => {
    connect({});
    await expect(client.list()).rejects.toThrow(
      `rTorrent's web server answered HTTP 404 at ${sim.url}/rutorrent/RPC2; check the URL and rpc_path (ruTorrent setups mount XML-RPC at /RPC2; with only ruTorrent's own URL, set rpc_path to plugins/httprpc/action.php).`,
    );
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
