import { SHORT_TIMEOUT_MS, shortTimeoutTransport as shortTimeoutHttp } from '../torrents/support/transport';
import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { UpstreamError } from '../../../server/upstream/upstream-error';
import { UpstreamHttp } from '../../../server/upstream/upstream-http.service';
import { UtorrentClient } from '../../../server/torrents/clients/utorrent/utorrent.client';
import type { TorrentClientConnection } from '../../../server/torrents/torrent-client.interface';
import {
  createUtorrentSimulator,
  UTORRENT_PASSWORD,
  UTORRENT_USERNAME,
  type UtorrentSimulator,
} from '../../../simulators/utorrent';
import { testConnection } from '../torrents/support/connection';

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UpstreamError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('UtorrentClient against the uTorrent simulator', () => {
  let sim: UtorrentSimulator;
  let now = Date.now();
  let client: UtorrentClient;
  let connection: () => TorrentClientConnection;

  beforeAll(async () => {
    sim = createUtorrentSimulator({ torrents: 30, now: () => now });
    await sim.start();
    const settings = testConnection({
      service: 'uTorrent',
      url: `${sim.url}/gui/`,
      username: UTORRENT_USERNAME,
      password: UTORRENT_PASSWORD,
    });
    connection = () => settings;
    client = new UtorrentClient(new UpstreamHttp(new HttpService(axios.create())), connection, {
      addConfirmMs: 300,
      addPollMs: 50,
    });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.resetFaults();
    sim.resetCounters();
  });

  it('fetches one token for concurrent calls and sends it first with the GUID cookie', async () => {
    client.reset();
    const lists = await Promise.all([client.list(), client.list(), client.version()]);
    expect(lists[0]).toHaveLength(30);
    expect(sim.count('GET /gui/token.html')).toBe(1);
    // The simulator refuses a token placed after hash= or without its cookie, so success proves both.
    await client.act('pause', [lists[0][0].hash, lists[0][1].hash]);
    expect(sim.count('action=pause')).toBe(1);
  });

  it('applies incremental lists (cid): changes and removals', async () => {
    client.reset();
    const first = await client.list();
    const [gone, changed] = first;
    sim.state.remove(gone.hash);
    sim.state.torrents.get(changed.hash)!.label = 'Renamed';
    const second = await client.list();
    expect(second).toHaveLength(29);
    expect(second.find((t) => t.hash === changed.hash)?.label).toBe('Renamed');
    expect(second.some((t) => t.hash === gone.hash)).toBe(false);
    // The incremental answer carries only the changed rows: unchanged torrents keep their objects.
    const third = await client.list();
    expect(third.filter((t) => first.includes(t)).length).toBeGreaterThan(0);
  });

  it('renews an expired token (30 minutes) once and retries the call', async () => {
    await client.list();
    sim.resetCounters();
    now += 31 * 60_000; // past the simulator's lifetime, within the client's 25-minute renewal
    await client.list();
    expect(sim.count('GET /gui/token.html')).toBe(1);
  });

  it('renews a token uTorrent forgot (restart) after its 400 "invalid request"', async () => {
    await client.list();
    sim.resetCounters();
    sim.restart();
    await client.list();
    expect(sim.count('GET /gui/token.html')).toBe(1);
    expect(sim.count('list=1')).toBe(2); // the refused call and its retry
  });

  it('gives up after one renewal when uTorrent keeps answering 400', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 400 });
    const err = await failure(client.version());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toMatch(/refused the call even with a new WebUI token \(HTTP 400/);
  });

  it('names the username and password when Basic auth fails', async () => {
    sim.setFaults({ badAuth: true });
    const err = await failure(client.list());
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toMatch(/^uTorrent refused the panel's username or password \(HTTP 401\)/);
  });

  it.each([
    [{ garbage: true }, /not valid JSON/],
    [{ truncated: true }, /^uTorrent/],
    [{ wrongContentType: true }, /HTML page/],
    [{ errorRate: 1, errorStatus: 500 }, /^uTorrent answered HTTP 500/],
  ])('turns %j into a 502 sentence', async (faults, message) => {
    await client.list(); // a valid session, so the fault hits the call itself
    sim.setFaults(faults);
    const err = await failure(client.list());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toMatch(message);
  });

  it('times out a hang with a 504', async () => {
    await client.list();
    sim.setFaults({ hang: true });
    const impatient = new UtorrentClient(shortTimeoutHttp(), connection);
    const err = await failure(impatient.list());
    expect(err.getStatus()).toBe(504);
    expect(err.message).toContain(`did not answer within ${SHORT_TIMEOUT_MS / 1000} s`);
  });

  it('an empty list is [] (not a failure)', async () => {
    client.reset();
    sim.setFaults({ emptyLists: true });
    expect(await client.list()).toEqual([]);
  });

  it('reports an add-url whose torrent never appears', async () => {
    const err = await failure(client.addUrl('magnet:?xt=urn:btih:nothex', {}));
    expect(err.message).toMatch(/no torrent from it appeared within 0.3 s/);
  });

  it('sets and reads the global limits in KiB/s', async () => {
    await client.setBandwidth({ down_limit: 2048 * 1024, up_limit: 100 });
    expect(sim.state.settings.get('max_dl_rate')?.value).toBe('2048');
    expect(sim.state.settings.get('max_ul_rate')?.value).toBe('1');
    const bw = await client.bandwidth(() => client.list());
    expect(bw).toMatchObject({ down_limit: 2048 * 1024, up_limit: 1024 });
    await client.setBandwidth({ down_limit: null, up_limit: 0 });
    expect((await client.bandwidth(() => Promise.resolve([]))).down_limit).toBeNull();
  });

  it('answers 503 when not configured, sending nothing', async () => {
    const bare = new UtorrentClient(new UpstreamHttp(new HttpService(axios.create())), () =>
      testConnection({ service: 'uTorrent', url: '' }),
    );
    const err = await failure(bare.list());
    expect(err.getStatus()).toBe(503);
    expect(err.message).toBe(
      'uTorrent is not configured: set UTORRENT_URL, UTORRENT_USERNAME and UTORRENT_PASSWORD, or its URL, ' +
        'username and password in Settings.',
    );
  });
});
