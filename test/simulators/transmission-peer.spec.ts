import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { DETAIL_FIELDS, LIST_FIELDS } from '../../server/torrents/clients/transmission/transmission.mapper';
import { createTransmissionSimulator, type TransmissionSimulator } from '../../simulators/transmission';
import { makeTorrentFile, parseTorrentFile } from '../../simulators/torrents';
import { eventually } from '../support/eventually';
import {
  rawRpc,
  rpc,
  shapeOf,
  startTransmissionPeer,
  type RawReply,
  type TransmissionPeer,
} from '../support/transmission-peer';

/**
 * Differential test: the same raw RPC calls against the REAL transmission-daemon 3.00 (test/peers/
 * transmission-peer.sh) and against the simulator; status codes, content types, results, answer
 * shapes and units must agree, and so must every value that does not depend on time.
 */
type Target = { url: string; username: string; password: string; session?: string };
type Args = Record<string, unknown>;
type Row = Record<string, unknown>;

let peer: TransmissionPeer;
let sim: TransmissionSimulator;
let real: Target;
let fake: Target;
const name = `peer-diff-${process.pid}.bin`;
const data = randomBytes(80 * 1024);
// Trackerless, so neither side announces anywhere; the data is already in the download directory.
const torrent = makeTorrentFile({ name, data });
const hash = parseTorrentFile(torrent)!.hash.toLowerCase();
const UNKNOWN = 'f'.repeat(40);

beforeAll(async () => {
  peer = await startTransmissionPeer();
  writeFileSync(`${peer.downloadDir}/${name}`, data);
  sim = createTransmissionSimulator({
    torrents: 0,
    downloadDir: peer.downloadDir,
    username: peer.username,
    password: peer.password,
  });
  await sim.start();
  real = { url: peer.url, username: peer.username, password: peer.password };
  fake = { url: `${sim.url}/transmission/rpc`, username: peer.username, password: peer.password };
}, 300_000);

afterAll(async () => {
  await sim?.stop();
  await peer?.stop();
}, 60_000);

/** The same call (after the session handshake) on both; HTTP status and content type must agree. */
async function both(method: string, args?: Args): Promise<[RawReply, RawReply]> {
  const replies = await Promise.all([rpc(real, method, args), rpc(fake, method, args)]);
  expect(replies[1].status).toBe(replies[0].status);
  expect(replies[1].contentType).toBe(replies[0].contentType);
  return [replies[0], replies[1]];
}

/** Both answer exactly the same JSON; resolves to it. */
async function same(method: string, args?: Args): Promise<RawReply['json']> {
  const [r, f] = await both(method, args);
  expect(f.json).toEqual(r.json);
  return r.json;
}

const rows = (reply: RawReply): Row[] => (reply.json?.arguments?.torrents ?? []) as Row[];
const one = async (target: Target, fields: string[]): Promise<Row | undefined> =>
  rows(await rpc(target, 'torrent-get', { ids: [hash], fields }))[0];
/** Waits until the torrent has `status` on both. */
const bothReach = async (status: number) => {
  for (const [side, target] of [
    ['transmission-daemon', real],
    ['simulator', fake],
  ] as const)
    await eventually(
      async () => (await one(target, ['status']))?.status === status,
      `${side} shows status ${status}`,
      15_000,
    );
};

describe('simulator vs real transmission-daemon 3.00', () => {
  it('agrees on the 401 without credentials and with a wrong password', async () => {
    // The page counts failed logins since the last good one; the peer script's readiness probe was one.
    await both('session-stats');
    for (const password of [undefined, 'not-the-password']) {
      const replies = await Promise.all(
        [real, fake].map(async (t) => {
          const res = await fetch(t.url, {
            method: 'POST',
            body: '{"method":"session-get"}',
            headers: password
              ? { Authorization: `Basic ${Buffer.from(`${t.username}:${password}`).toString('base64')}` }
              : {},
          });
          return {
            status: res.status,
            type: res.headers.get('content-type'),
            challenge: res.headers.get('www-authenticate'),
            body: await res.text(),
          };
        }),
      );
      expect(replies[1]).toEqual(replies[0]);
      expect(replies[0]).toMatchObject({ status: 401, challenge: 'Basic realm="Transmission"' });
    }
  });

  it('agrees on the 409 handshake: the id in a header and in the page', async () => {
    const [r, f] = await Promise.all([real, fake].map((t) => rawRpc(t, { method: 'session-get' }, '')));
    for (const reply of [r, f]) {
      expect(reply.status).toBe(409);
      expect(reply.sessionId).toMatch(/^[A-Za-z0-9]{48}$/);
    }
    expect(f.contentType).toBe(r.contentType);
    expect(f.body.replace(f.sessionId, 'ID')).toBe(r.body.replace(r.sessionId, 'ID'));
    // A stale or made-up id is refused the same way.
    const stale = await Promise.all(
      [real, fake].map((t) => rawRpc(t, { method: 'session-get' }, 'x'.repeat(48))),
    );
    expect(stale.map((s) => s.status)).toEqual([409, 409]);
  });

  it('agrees on the paths beside the RPC: a GET of it, the web UI, another path, outside rpc-url', async () => {
    const ask = (t: Target, path: string, method: string) =>
      fetch(t.url.replace(/\/transmission\/rpc$/, path), {
        method,
        redirect: 'manual',
        headers: {
          Authorization: `Basic ${Buffer.from(`${t.username}:${t.password}`).toString('base64')}`,
          'X-Transmission-Session-Id': t.session ?? '',
        },
        ...(method === 'POST' ? { body: '{"method":"session-get"}' } : {}),
      }).then(async (res) => ({
        status: res.status,
        type: res.headers.get('content-type'),
        location: res.headers.get('location'),
        body: path.includes('/web/') ? '(the web UI)' : await res.text(),
      }));
    const cases: [string, string, number][] = [
      ['/transmission/rpc', 'GET', 405],
      ['/transmission/web/', 'GET', 200],
      ['/transmission/other?x=1', 'POST', 404],
      ['/other/transmission/rpc', 'POST', 301],
    ];
    for (const [path, method, status] of cases) {
      const [r, f] = await Promise.all([real, fake].map((t) => ask(t, path, method)));
      expect(f).toEqual(r);
      expect(r.status).toBe(status);
    }
  });

  it('echoes an integer tag', async () => {
    const [r, f] = await Promise.all(
      [real, fake].map((t) =>
        rawRpc(t, { method: 'session-get', arguments: { fields: ['rpc-version'] }, tag: 42 }, t.session!),
      ),
    );
    expect(f.json).toEqual(r.json);
    expect(r.json?.tag).toBe(42);
  });

  it('agrees on the version, the units and the default limits', async () => {
    const fields = [
      'version',
      'rpc-version',
      'rpc-version-minimum',
      'units',
      'speed-limit-down',
      'speed-limit-down-enabled',
      'speed-limit-up',
      'speed-limit-up-enabled',
      'alt-speed-down',
      'alt-speed-up',
      'alt-speed-enabled',
      'dht-enabled',
      'pex-enabled',
      'lpd-enabled',
      'utp-enabled',
      'port-forwarding-enabled',
      'download-dir',
    ];
    const json = await same('session-get', { fields });
    expect(json?.arguments).toMatchObject({
      'rpc-version': 16,
      units: { 'speed-bytes': 1000, 'speed-units': ['kB/s', 'MB/s', 'GB/s', 'TB/s'] },
    });
    expect(String(json?.arguments?.version)).toMatch(/^3\.00 \(/);
  });

  it('agrees on session-stats, an empty list, and what a bad call answers', async () => {
    const [r, f] = await both('session-stats');
    expect(shapeOf(f.json)).toEqual(shapeOf(r.json));
    expect(await same('torrent-get', { fields: [...LIST_FIELDS] })).toEqual({
      result: 'success',
      arguments: { torrents: [] },
    });
    await same('torrent-get', {});
    await same('no-such-method');
    await same('torrent-add', {});
    expect(
      (await same('torrent-add', { metainfo: Buffer.from('not a torrent').toString('base64') }))?.result,
    ).toBe('invalid or corrupt torrent file');
  });

  it('adds a .torrent: torrent-added, then torrent-duplicate, with the same keys', async () => {
    const metainfo = torrent.toString('base64');
    const added = await same('torrent-add', { metainfo });
    expect(added).toEqual({
      result: 'success',
      arguments: { 'torrent-added': { hashString: hash, id: 1, name } },
    });
    expect((await same('torrent-add', { metainfo }))?.arguments).toEqual({
      'torrent-duplicate': { hashString: hash, id: 1, name },
    });
  });

  it('lists it with the same fields and types once the data on disk is verified', async () => {
    await bothReach(6);
    const [r, f] = await Promise.all([real, fake].map((t) => one(t, [...LIST_FIELDS])));
    expect(shapeOf(f)).toEqual(shapeOf(r));
    const stable = ['hashString', 'name', 'status', 'error', 'percentDone', 'sizeWhenDone', 'labels', 'eta'];
    const pick = (row?: Row) => Object.fromEntries(stable.map((k) => [k, row?.[k]]));
    expect(pick(f)).toEqual(pick(r));
    expect(pick(r)).toMatchObject({ status: 6, percentDone: 1, sizeWhenDone: data.length, eta: -1 });
  });

  it('agrees on the detail fields: files, their stats, no peers, no trackers', async () => {
    const [r, f] = await Promise.all([real, fake].map((t) => one(t, [...DETAIL_FIELDS, 'errorString'])));
    expect(f).toEqual(r);
    expect(r).toMatchObject({
      downloadDir: peer.downloadDir,
      files: [{ bytesCompleted: data.length, length: data.length, name }],
      fileStats: [{ bytesCompleted: data.length, priority: 0, wanted: true }],
      peers: [],
      trackerStats: [],
    });
  });

  it('stops and starts (there is no pause); unknown ids are ignored with "success"', async () => {
    expect((await same('torrent-stop', { ids: [hash] }))?.result).toBe('success');
    await bothReach(0);
    expect((await same('torrent-start', { ids: [hash] }))?.result).toBe('success');
    await bothReach(6);
    expect((await same('torrent-stop', { ids: [UNKNOWN] }))?.result).toBe('success');
    expect(await same('torrent-get', { ids: [UNKNOWN], fields: ['hashString'] })).toEqual({
      result: 'success',
      arguments: { torrents: [] },
    });
  });

  it('sets labels, refuses a comma, and keeps them as sent', async () => {
    await same('torrent-set', { ids: [hash], labels: ['diff', 'two'] });
    expect((await same('torrent-set', { ids: [hash], labels: ['a,b'] }))?.result).toBe(
      'labels cannot contain comma (,) character',
    );
    expect(await same('torrent-get', { ids: [hash], fields: ['labels'] })).toEqual({
      result: 'success',
      arguments: { torrents: [{ labels: ['diff', 'two'] }] },
    });
    await same('torrent-set', { ids: [hash], labels: [] });
  });

  it('sets the global limits in kB/s and reads them back; a fraction is ignored', async () => {
    const fields = [
      'speed-limit-down',
      'speed-limit-down-enabled',
      'speed-limit-up',
      'speed-limit-up-enabled',
    ];
    await same('session-set', {
      'speed-limit-down': 250,
      'speed-limit-down-enabled': true,
      'speed-limit-up': 13,
    });
    expect((await same('session-get', { fields }))?.arguments).toEqual({
      'speed-limit-down': 250,
      'speed-limit-down-enabled': true,
      'speed-limit-up': 13,
      'speed-limit-up-enabled': false,
    });
    await same('session-set', { 'speed-limit-up': 12.7, 'speed-limit-up-enabled': true });
    expect((await same('session-get', { fields }))?.arguments).toMatchObject({
      'speed-limit-up': 13,
      'speed-limit-up-enabled': true,
    });
    await same('session-set', { 'speed-limit-down-enabled': false, 'speed-limit-up-enabled': false });
  });

  it('adds a magnet stopped: named by dn, no metadata, no size', async () => {
    const magnetHash = randomBytes(20).toString('hex');
    const magnet = `magnet:?xt=urn:btih:${magnetHash}&dn=diff-magnet`;
    const added = await same('torrent-add', { filename: magnet, paused: true });
    expect(added?.arguments).toEqual({
      'torrent-added': { hashString: magnetHash, id: 2, name: 'diff-magnet' },
    });
    const fields = ['name', 'status', 'percentDone', 'totalSize', 'sizeWhenDone', 'metadataPercentComplete'];
    expect((await same('torrent-get', { ids: [magnetHash], fields }))?.arguments).toEqual({
      torrents: [
        {
          name: 'diff-magnet',
          status: 0,
          percentDone: 0,
          totalSize: 0,
          sizeWhenDone: 0,
          metadataPercentComplete: 0,
        },
      ],
    });
    await same('torrent-remove', { ids: [magnetHash] });
  });

  it('removes with delete-local-data: the real one deletes the file, both forget the torrent', async () => {
    expect((await rpc(real, 'torrent-remove', { ids: [hash], 'delete-local-data': true })).json?.result).toBe(
      'success',
    );
    await eventually(() => !existsSync(`${peer.downloadDir}/${name}`), 'the daemon deletes the data');
    expect((await rpc(fake, 'torrent-remove', { ids: [hash], 'delete-local-data': true })).json?.result).toBe(
      'success',
    );
    expect(sim.state.deletedData).toEqual([hash.toUpperCase()]);
    expect(await same('torrent-get', { fields: ['hashString'] })).toEqual({
      result: 'success',
      arguments: { torrents: [] },
    });
    rmSync(`${peer.downloadDir}/${name}`, { force: true });
  });
});
