import {
  createRtorrentSimulator,
  RTORRENT_PASSWORD,
  RTORRENT_USERNAME,
  RUTORRENT_THROTTLE_MAX,
  type RtorrentSimulator,
} from '../../simulators/rtorrent';
import { eventually } from '../support/eventually';

const HTTPRPC = '/rutorrent/plugins/httprpc/action.php';
const AUTH = `Basic ${Buffer.from(`${RTORRENT_USERNAME}:${RTORRENT_PASSWORD}`).toString('base64')}`;

/** ruTorrent in front of rTorrent, without a /RPC2 mount: what its httprpc plugin answers. */
describe('the rTorrent simulator behind ruTorrent', () => {
  let sim: RtorrentSimulator;
  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
    return fetch(`${sim.url}${HTTPRPC}`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
  };
  const raw = (xml: string, path = HTTPRPC) =>
    fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'text/xml' },
      body: xml,
    });
  const VERSION =
    '<?xml version="1.0"?><methodCall><methodName>system.client_version</methodName><params/></methodCall>';

  beforeAll(async () => {
    sim = createRtorrentSimulator({ torrents: 5, rpcPath: null, httprpcPath: HTTPRPC, eraseDelayMs: 10 });
    await sim.start();
  });
  afterAll(() => sim.stop());
  afterEach(() => {
    sim.state.running = true;
  });

  it('mounts no /RPC2, answers raw XML-RPC through the plugin, and asks for Basic auth', async () => {
    expect((await raw(VERSION, '/RPC2')).status).toBe(404);
    const res = await raw(VERSION);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<string>0.9.8</string>');
    expect((await fetch(`${sim.url}${HTTPRPC}`, { method: 'POST', body: VERSION })).status).toBe(401);
  });

  it('answers mode=list with each hash’s columns as strings, and mode=ttl with the totals and limits', async () => {
    const list = (await (await form({ mode: 'list' })).json()) as {
      t: Record<string, string[]>;
      cid: number;
    };
    expect(Object.keys(list.t).sort()).toEqual([...sim.state.torrents.keys()].sort());
    const [hash, row] = Object.entries(list.t)[0];
    expect(row).toHaveLength(35);
    expect(row[4]).toBe(sim.state.torrents.get(hash)?.name);
    expect(typeof list.cid).toBe('number');
    const ttl = (await (await form({ mode: 'ttl' })).json()) as number[];
    expect(ttl).toHaveLength(4);
  });

  it('removes with data: erased at once, its files deleted a moment later', async () => {
    const [hash] = sim.state.torrents.keys();
    expect(await (await form({ mode: 'removewithdata', hash, v: '1' })).json()).toEqual([0]);
    expect(sim.state.torrents.has(hash)).toBe(false);
    await eventually(() => sim.state.deletedData.includes(hash), 'the data was deleted');
  });

  it('answers false while rTorrent is down, for forms and raw XML-RPC alike', async () => {
    sim.state.running = false;
    for (const res of [await form({ mode: 'list' }), await raw(VERSION)]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe('false');
    }
  });

  it('writes the throttle plugin’s maximum for “unlimited” when ruTorrent’s page loads', async () => {
    sim.state.throttle.downMax = 0;
    sim.state.throttle.upMax = 1024;
    const page = await fetch(`${sim.url}/rutorrent/`, { headers: { Authorization: AUTH } });
    expect(page.status).toBe(200);
    expect(sim.state.throttle).toEqual({ downMax: RUTORRENT_THROTTLE_MAX, upMax: 1024 });
  });
});
