import { HttpService } from '@nestjs/axios';
import { ConflictException, NotFoundException } from '@nestjs/common';
import axios from 'axios';
import { TransmissionClient } from '../../../../server/torrents/clients/transmission/transmission.client';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import { UpstreamHttp } from '../../../../server/upstream/upstream-http.service';
import {
  createTransmissionSimulator,
  TRANSMISSION_PASSWORD,
  TRANSMISSION_USERNAME,
  type TransmissionSimulator,
} from '../../../../simulators/transmission';
import { makeTorrentFile, parseTorrentFile } from '../../../../simulators/torrents';
import { freePort } from '../../../support/free-port';
import { SHORT_TIMEOUT_MS, shortTimeoutHttp } from '../../support/short-timeout';
import { upstreamFailure } from '../../support/upstream-failure';

const SERVICE = 'Seedbox Transmission';

describe('TransmissionClient against the Transmission simulator', () => {
  let sim: TransmissionSimulator;
  let connection: TorrentClientConnection;
  let client: TransmissionClient;
  const http = new UpstreamHttp(new HttpService(axios.create()));
  const file = makeTorrentFile({ name: 'client.bin', data: Buffer.alloc(50_000, 9) });
  const fileHash = parseTorrentFile(file)!.hash;

  beforeEach(async () => {
    sim = createTransmissionSimulator({ torrents: 20 });
    await sim.start();
    connection = {
      id: 'seedbox-transmission',
      service: SERVICE,
      url: sim.url,
      username: TRANSMISSION_USERNAME,
      password: TRANSMISSION_PASSWORD,
      credentialHint: `the username and password of ${SERVICE} on the Torrent clients page`,
      setupHint: 'set its URL on the Torrent clients page',
    };
    client = new TransmissionClient(http, () => connection, { addConfirmMs: 300, addPollMs: 50 });
  });
  afterEach(() => sim.stop());

  it('is named by its connection and shares one session handshake between concurrent calls', async () => {
    expect(client.kind).toBe('transmission');
    expect(client.service).toBe(SERVICE);
    const [list, again, version, bandwidth] = await Promise.all([
      client.list(),
      client.list(),
      client.version(),
      client.bandwidth(),
    ]);
    expect(list).toHaveLength(20);
    expect(again).toBe(list);
    expect(version).toEqual({ version: '3.00 (bb6b5a062e), RPC 16' });
    expect(bandwidth).toMatchObject({ down_limit: null, up_limit: null });
    expect(sim.count('409')).toBe(1);
    expect(sim.count('torrent-get')).toBe(1);
  });

  it('resends once with the new session id after the daemon restarts', async () => {
    await client.list();
    sim.resetCounters();
    sim.restart();
    expect(await client.list()).toHaveLength(20);
    expect(sim.counters()).toEqual({ '409': 1, 'torrent-get': 1 });
  });

  it('maps every state, labels and tracker hosts', async () => {
    const list = await client.list();
    const states = new Set(list.map((t) => t.state));
    for (const s of ['downloading', 'seeding', 'stopped', 'completed', 'queued', 'checking', 'error'])
      expect(states).toContain(s);
    expect(states).not.toContain('paused');
    expect(list.every((t) => /^[0-9A-F]{40}$/.test(t.hash) && t.client === 'transmission')).toBe(true);
    expect(list.some((t) => t.label === 'Movies')).toBe(true);
    expect(list.every((t) => /\.(org|test)$/.test(t.tracker))).toBe(true);
  });

  it('reads the connection at every call: no URL is a 503 that sends nothing', async () => {
    connection = { ...connection, url: '' };
    expect(() => client.assertConfigured()).toThrow(
      /not configured: set its URL on the Torrent clients page/,
    );
    const err = await upstreamFailure(client.list());
    expect(err.getStatus()).toBe(503);
    expect(err.message).toMatch(/^Seedbox Transmission is not configured/);
    expect(sim.totalRequests()).toBe(0);
  });

  it('takes rpc_path, and a URL that already ends with the RPC path', async () => {
    connection = { ...connection, url: `${sim.url}/transmission`, rpc_path: '/rpc' };
    expect(await client.list()).toHaveLength(20);
    connection = { ...connection, url: `${sim.url}/transmission/rpc`, rpc_path: undefined };
    expect(await client.list()).toHaveLength(20);
    // Under rpc-url the daemon answers a wrong path 404 (once the session id is right).
    connection = { ...connection, url: sim.url, rpc_path: '/transmission/nope' };
    const err = await upstreamFailure(client.list());
    expect(err.message).toMatch(
      /answered HTTP 404 at http:\/\/127\.0\.0\.1:\d+\/transmission\/nope; check the URL and rpc_path/,
    );
    // Outside rpc-url it redirects to its web UI: an HTML page where the RPC should be.
    connection = { ...connection, url: `${sim.url}/other`, rpc_path: undefined };
    const html = await upstreamFailure(client.list());
    expect(html.kind).toBe('invalid-response');
    expect(html.message).toMatch(
      /an HTML page instead of RPC JSON at http:\/\/127\.0\.0\.1:\d+\/other\/transmission\/rpc\); check the URL and rpc_path/,
    );
  });

  it('names the username and password setting when Basic auth fails, never the password', async () => {
    connection = { ...connection, password: 'wrong-secret' };
    const err = await upstreamFailure(client.list());
    expect(err.kind).toBe('unauthorized');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(
      `${SERVICE} refused the panel's username or password (HTTP 401); check the username and password of ${SERVICE} on the Torrent clients page.`,
    );
    expect(err.message).not.toContain('wrong-secret');
  });

  it.each([
    [{ garbage: true }, /not valid JSON/],
    [{ truncated: true }, /^Seedbox Transmission/],
    [{ wrongContentType: true }, /an HTML page instead of RPC JSON/],
    [{ errorRate: 1, errorStatus: 500 }, /^Seedbox Transmission answered HTTP 500/],
  ])('turns %j into a 502 sentence without the session id', async (faults, message) => {
    await client.list();
    sim.setFaults(faults);
    const err = await upstreamFailure(client.list());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain(sim.sessionId);
  });

  it('garbage is a 502 invalid-response, never "no torrents"', async () => {
    sim.setFaults({ garbage: true });
    const err = await upstreamFailure(client.list());
    expect(err.kind).toBe('invalid-response');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(`${SERVICE} answered with something that is not valid JSON.`);
  });

  it('times out a hang with a 504', async () => {
    sim.setFaults({ hang: true });
    const impatient = new TransmissionClient(shortTimeoutHttp(), () => connection);
    const err = await upstreamFailure(impatient.list());
    expect(err.getStatus()).toBe(504);
    expect(err.message).toContain(`did not answer within ${SHORT_TIMEOUT_MS / 1000} s`);
  });

  it('a daemon that is down is a 502 naming it', async () => {
    connection = { ...connection, url: `http://127.0.0.1:${await freePort()}` };
    const err = await upstreamFailure(client.version());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toMatch(/^Seedbox Transmission at 127\.0\.0\.1:\d+ refused the connection/);
  });

  it('an empty list is []', async () => {
    sim.setFaults({ emptyLists: true });
    expect(await client.list()).toEqual([]);
  });

  it('pause and stop send torrent-stop, resume and start torrent-start; unknown hashes are not found', async () => {
    const running = (await client.list()).find((t) => t.state === 'downloading')!;
    const unknown = 'F'.repeat(40);
    expect(await client.act('pause', [running.hash, unknown])).toEqual([
      { hash: running.hash, ok: true },
      { hash: unknown, ok: false, notFound: true, error: `${SERVICE} has no torrent with hash ${unknown}.` },
    ]);
    expect(sim.count('torrent-stop')).toBe(1);
    expect((await client.list()).find((t) => t.hash === running.hash)!.state).toBe('stopped');
    await client.act('resume', [running.hash]);
    expect((await client.list()).find((t) => t.hash === running.hash)!.state).toBe('downloading');
    await client.act('stop', [running.hash]);
    await client.act('start', [running.hash]);
    expect(sim.count('torrent-start')).toBe(2);
    expect(await client.act('start', [unknown])).toHaveLength(1);
    expect(sim.count('torrent-start')).toBe(2);
  });

  it('removes with and without data; Transmission deletes the data itself', async () => {
    const [a, b] = await client.list();
    expect(await client.remove([a.hash], false)).toEqual([
      {
        hash: a.hash,
        ok: true,
        data: 'kept',
        message: `${SERVICE} removed the torrent; its data stays on disk.`,
      },
    ]);
    expect(await client.remove([b.hash], true)).toEqual([
      {
        hash: b.hash,
        ok: true,
        data: 'deleted',
        message: `${SERVICE} removed the torrent and deleted its data.`,
      },
    ]);
    expect(sim.state.deletedData).toEqual([b.hash]);
    expect(await client.list()).toHaveLength(18);
  });

  it('adds a .torrent file stopped with a label; a duplicate is a 409, garbage a 502', async () => {
    expect(await client.addFile(file, { label: 'Linux', start: false })).toEqual({
      hash: fileHash,
      name: 'client.bin',
    });
    const added = (await client.list()).find((t) => t.hash === fileHash)!;
    expect(added).toMatchObject({ state: 'stopped', label: 'Linux', size: 50_000 });
    await expect(client.addFile(file, {})).rejects.toThrow(ConflictException);
    await expect(client.addFile(file, {})).rejects.toThrow(
      `${SERVICE} already has this torrent: client.bin (${fileHash}).`,
    );
    const err = await upstreamFailure(client.addFile(Buffer.from('d4:infod4:name1:xee'), {}));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toBe(`${SERVICE} refused the .torrent file: invalid or corrupt torrent file.`);
  });

  it('adds a magnet started, a URL, and words a refused label', async () => {
    const magnet = `magnet:?xt=urn:btih:${'AB'.repeat(20)}&dn=magnet-add`;
    expect(await client.addUrl(magnet, { label: 'TV' })).toEqual({
      hash: 'AB'.repeat(20),
      name: 'magnet-add',
    });
    expect((await client.list()).find((t) => t.hash === 'AB'.repeat(20))).toMatchObject({
      state: 'downloading',
      label: 'TV',
    });
    await expect(client.addUrl(magnet, {})).rejects.toThrow(ConflictException);
    const url = await client.addUrl('https://example.org/files/some.torrent', {});
    expect(url.name).toBe('some');
    const err = await upstreamFailure(
      client.addUrl(`magnet:?xt=urn:btih:${'CD'.repeat(20)}`, { label: 'a,b' }),
    );
    expect(err.message).toMatch(/added (cd)+ but refused its label: labels cannot contain comma/);
  });

  it('sets the global limits in whole kB/s of 1000 bytes and reads them back', async () => {
    await client.setBandwidth({ down_limit: 250_000, up_limit: 12_700 });
    expect(sim.state.session).toMatchObject({
      speedLimitDown: 250,
      speedLimitDownEnabled: true,
      speedLimitUp: 13,
      speedLimitUpEnabled: true,
    });
    expect(await client.bandwidth()).toMatchObject({ down_limit: 250_000, up_limit: 13_000 });
    await client.setBandwidth({ down_limit: null });
    expect(await client.bandwidth()).toMatchObject({ down_limit: null, up_limit: 13_000 });
    await client.setBandwidth({ up_limit: 0 });
    expect((await client.bandwidth()).up_limit).toBeNull();
    sim.resetCounters();
    await client.setBandwidth({});
    expect(sim.count('session-set')).toBe(0);
  });

  it('sums the rates from session-stats', async () => {
    const bw = await client.bandwidth();
    expect(bw.down_rate).toBeGreaterThan(0);
    expect(bw.up_rate).toBeGreaterThan(0);
  });

  it('gives the detail of one torrent, and 404 for an unknown hash', async () => {
    const list = await client.list();
    const seeding = list.find((t) => t.state === 'seeding')!;
    const detail = await client.detail(seeding.hash);
    expect(detail.hash).toBe(seeding.hash);
    expect(detail.save_path).toBe('/var/lib/transmission-daemon/downloads');
    expect(detail.error).toBeNull();
    expect(detail.files[0]).toMatchObject({ priority: 'normal', progress: 1 });
    expect(detail.trackers[0]).toMatchObject({ status: 'working', message: 'Success' });
    const broken = await client.detail(list.find((t) => t.state === 'error')!.hash);
    expect(broken.error).toMatch(/^No data found!/);
    await expect(client.detail('F'.repeat(40))).rejects.toThrow(NotFoundException);
  });

  it('sets and clears the label, keeping further labels; a refused label fails each hash', async () => {
    const [a, b] = await client.list();
    sim.state.find(a.hash.toLowerCase())!.labels = ['Old', 'keep'];
    expect(await client.setLabel([a.hash, b.hash], 'New')).toEqual([
      { hash: a.hash, ok: true },
      { hash: b.hash, ok: true },
    ]);
    expect(sim.state.find(a.hash.toLowerCase())!.labels).toEqual(['New', 'keep']);
    expect(sim.state.find(b.hash.toLowerCase())!.labels).toEqual(['New']);
    await client.setLabel([a.hash], '');
    expect(sim.state.find(a.hash.toLowerCase())!.labels).toEqual(['keep']);
    const [refused] = await client.setLabel([b.hash], 'x,y');
    expect(refused).toEqual({
      hash: b.hash,
      ok: false,
      notFound: false,
      error: `${SERVICE} refused the label: labels cannot contain comma (,) character.`,
    });
  });

  it('reports where each torrent’s data is', async () => {
    await client.addUrl(`magnet:?xt=urn:btih:${'EF'.repeat(20)}`, {});
    const locations = await client.dataLocations();
    expect(locations).toHaveLength(21);
    const first = locations[0];
    expect(first.path).toBe(`/var/lib/transmission-daemon/downloads/${first.name}`);
    expect(locations.find((l) => l.hash === 'EF'.repeat(20))!.path).toBe('');
    expect(locations.every((l) => l.refusal === null)).toBe(true);
  });

  it('reset() forgets the session id', async () => {
    await client.list();
    client.reset();
    sim.resetCounters();
    await client.list();
    expect(sim.count('409')).toBe(1);
  });
});
