import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createRtorrentSimulator, type RtorrentSimulator } from '../../simulators/rtorrent';
import { makeTorrentFile, parseTorrentFile } from '../../simulators/torrents';
import {
  shapeOf,
  startRtorrentPeer,
  xmlRpc,
  type RpcArg,
  type RtorrentPeer,
  type Typed,
} from '../support/rtorrent-peer';

/**
 * Differential test: the same XML-RPC sequence against the REAL rtorrent 0.9.8 (test/peers/
 * rtorrent-peer.sh) and against the simulator; the replies must agree in shape, types and state.
 */
type Target = { url: string; username: string; password: string };
const FIELDS = [
  'd.hash=',
  'd.name=',
  'd.state=',
  'd.is_active=',
  'd.is_open=',
  'd.complete=',
  'd.custom1=',
  'd.size_bytes=',
  'd.completed_bytes=',
  'd.left_bytes=',
  'd.ratio=',
  'd.up.rate=',
  'd.down.rate=',
  'd.up.total=',
  'd.base_path=',
  'd.directory=',
  'd.message=',
  'd.is_hash_checking=',
  'd.hashing=',
  'd.is_multi_file=',
  'd.custom5=',
  'd.priority=',
  'd.size_chunks=',
  'd.completed_chunks=',
  'd.chunk_size=',
  'd.tied_to_file=',
];
const ZEROS = '0'.repeat(40);

let peer: RtorrentPeer;
let sim: RtorrentSimulator;
let targets: { name: string; target: Target }[];
const name = `peer-diff-${process.pid}.bin`;
const data = randomBytes(65536);
let torrent: Buffer;
let hash: string;

beforeAll(async () => {
  peer = await startRtorrentPeer();
  writeFileSync(`${peer.downloadDir}/${name}`, data);
  torrent = makeTorrentFile({ name, data, announce: peer.announceUrl });
  hash = parseTorrentFile(torrent)!.hash;
  sim = createRtorrentSimulator({ torrents: 0, downloadDir: peer.downloadDir });
  await sim.start();
  targets = [
    { name: 'rtorrent', target: peer },
    { name: 'simulator', target: { url: `${sim.url}/RPC2`, username: 'rtorrent', password: 'rtorrent' } },
  ];
}, 600_000);

afterAll(async () => {
  await sim?.stop();
  if (peer) rmSync(`${peer.downloadDir}/${name}`, { force: true });
  await peer?.stop();
}, 60_000);

async function both(
  method: string,
  params: RpcArg[] = [],
): Promise<[Typed | { fault: Typed }, Typed | { fault: Typed }]> {
  const [real, fake] = await Promise.all(targets.map(({ target }) => xmlRpc(target, method, params)));
  expect(fake.status).toBe(real.status);
  expect(fake.contentType).toBe(real.contentType);
  return [real.value, fake.value];
}

/** Both agree exactly (values and types). */
async function same(method: string, params: RpcArg[] = []): Promise<Typed | { fault: Typed }> {
  const [real, fake] = await both(method, params);
  expect(fake).toEqual(real);
  return real;
}

async function rowOf(target: Target): Promise<Typed[] | undefined> {
  const reply = await xmlRpc(target, 'd.multicall2', ['', 'main', ...FIELDS]);
  return (reply.value as Typed[][]).find((row) => (row[0] as { string: string }).string === hash);
}

/** [state, is_active, is_open] of the test torrent on both, which must agree. */
async function stateAfter(method: string): Promise<number[]> {
  await same(method, [hash]);
  const rows = await Promise.all(targets.map(({ target }) => rowOf(target)));
  const triples = rows.map((row) => [2, 3, 4].map((i) => (row![i] as { i8: number }).i8));
  expect(triples[1]).toEqual(triples[0]);
  return triples[0];
}

describe('simulator vs real rtorrent 0.9.8', () => {
  it('agrees on versions, an empty listing and the 401 without credentials', async () => {
    expect(await same('system.client_version')).toEqual({ string: '0.9.8' });
    expect(await same('system.api_version')).toEqual({ string: '10' });
    expect(await same('d.multicall2', ['', 'main', ...FIELDS])).toEqual([]);
    for (const { target } of targets) {
      const res = await fetch(target.url, { method: 'POST', body: '<methodCall/>' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
  });

  it('loads a .torrent (answering 0) and lists it with the same fields and types', async () => {
    expect(
      await same('load.raw_start', [
        '',
        torrent,
        `d.directory.set=${peer.downloadDir}`,
        'd.custom1.set=diff',
      ]),
    ).toEqual({ i4: 0 });
    const rows: Typed[][] = [];
    for (const { target } of targets) {
      let row: Typed[] | undefined;
      for (let i = 0; i < 50; i++) {
        row = await rowOf(target);
        if (row && (row[5] as { i8: number }).i8 === 1 && (row[17] as { i8: number }).i8 === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      rows.push(row!);
    }
    const [real, fake] = rows;
    expect(shapeOf(fake)).toEqual(shapeOf(real));
    const stable = (row: Typed[]) => row.filter((_v, i) => ![10, 11, 12, 13].includes(i));
    expect(stable(fake)).toEqual(stable(real));
    expect(real.slice(0, 7)).toEqual([
      { string: hash },
      { string: name },
      { i8: 1 },
      { i8: 1 },
      { i8: 1 },
      { i8: 1 },
      { string: 'diff' },
    ]);
  });

  it('agrees on ruTorrent\'s tracker column, cat of t.multicall ("url#" per tracker)', async () => {
    const column = ['', 'main', 'd.hash=', 'cat="$t.multicall=d.hash=,t.url=,cat={#}"', 'd.tracker_size='];
    const [real, fake] = await both('d.multicall2', column);
    expect(fake).toEqual(real);
    expect(real).toEqual([[{ string: hash }, { string: `${peer.announceUrl}#` }, { i8: 1 }]]);
  });

  it('agrees on f.multicall, p.multicall and t.multicall (the detail view)', async () => {
    const files = ['f.path=', 'f.size_bytes=', 'f.completed_chunks=', 'f.size_chunks=', 'f.priority='];
    expect(await same('f.multicall', [hash, '', ...files])).toEqual([
      [{ string: name }, { i8: 65536 }, { i8: 2 }, { i8: 2 }, { i8: 1 }],
    ]);
    const peers = [
      'p.address=',
      'p.port=',
      'p.client_version=',
      'p.completed_percent=',
      'p.down_rate=',
      'p.up_rate=',
    ];
    // Loopback only and no listening port: the real one never has a peer, and neither has a new item.
    expect(await same('p.multicall', [hash, '', ...peers])).toEqual([]);
    const trackers = [
      't.url=',
      't.is_enabled=',
      't.is_busy=',
      't.success_counter=',
      't.failed_counter=',
      't.scrape_complete=',
      't.scrape_incomplete=',
      't.scrape_time_last=',
    ];
    // The announce happens soon after the start; wait for the real one's success.
    for (let i = 0; i < 50; i++) {
      const reply = (await xmlRpc(peer, 't.multicall', [hash, '', 't.success_counter='])).value as Typed[][];
      if ((reply[0]?.[0] as { i8: number } | undefined)?.i8 === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await same('t.multicall', [hash, '', ...trackers])).toEqual([
      [
        { string: peer.announceUrl },
        { i8: 1 },
        { i8: 0 },
        { i8: 1 },
        { i8: 0 },
        { i8: 0 },
        { i8: 0 },
        { i8: 0 },
      ],
    ]);
    expect(await same('f.multicall', [ZEROS, '', 'f.path='])).toEqual({
      fault: { struct: { faultCode: { i4: -501 }, faultString: { string: 'Could not find info-hash.' } } },
    });
    expect(await same('t.multicall', [hash, '', 't.nosuch='])).toEqual({
      fault: {
        struct: { faultCode: { i4: -503 }, faultString: { string: 'Command "t.nosuch" does not exist.' } },
      },
    });
  });

  it('stores d.custom1.set values as sent and answers them back', async () => {
    expect(await same('d.custom1.set', [hash, 'TV%2C%202024'])).toEqual({ string: 'TV%2C%202024' });
    expect(await same('d.custom1', [hash])).toEqual({ string: 'TV%2C%202024' });
    await same('d.custom1.set', [hash, 'diff']);
  });

  it('walks the same state transitions', async () => {
    expect(await stateAfter('d.pause')).toEqual([1, 0, 1]);
    expect(await stateAfter('d.start')).toEqual([1, 0, 1]); // start does not resume a paused item
    expect(await stateAfter('d.resume')).toEqual([1, 1, 1]);
    expect(await stateAfter('d.stop')).toEqual([0, 0, 1]);
    expect(await stateAfter('d.close')).toEqual([0, 0, 0]);
    expect(await stateAfter('d.start')).toEqual([1, 1, 1]);
  });

  it('answers system.multicall with wrapped results and inline faults', async () => {
    const calls = [
      { methodName: 'd.name', params: [hash] },
      { methodName: 'd.name', params: [ZEROS] },
      { methodName: 'system.client_version', params: [] },
      { methodName: 'throttle.global_down.max_rate', params: [''] },
    ];
    const reply = await same('system.multicall', [calls]);
    expect((reply as Typed[])[1]).toEqual({
      struct: { faultCode: { i4: -501 }, faultString: { string: 'Could not find info-hash.' } },
    });
  });

  it('gets and sets the global throttles', async () => {
    expect(await same('throttle.global_down.max_rate.set', ['', 1048576])).toEqual({ i4: 0 });
    expect(await same('throttle.global_down.max_rate', [''])).toEqual({ i8: 1048576 });
    expect(await same('throttle.global_up.max_rate.set_kb', ['', 512])).toEqual({ i4: 0 });
    expect(await same('throttle.global_up.max_rate')).toEqual({ i8: 524288 });
    const [real, fake] = await both('throttle.global_down.rate', ['']);
    expect(shapeOf(fake)).toEqual(shapeOf(real));
    await same('throttle.global_down.max_rate.set', ['', 0]);
    await same('throttle.global_up.max_rate.set', ['', 0]);
  });

  it('gives the same faults for unknown methods, bad arguments and malformed XML', async () => {
    const fault = (code: number, text: string) => ({
      fault: { struct: { faultCode: { i4: code }, faultString: { string: text } } },
    });
    expect(await same('no.such.method')).toEqual(fault(-506, "Method 'no.such.method' not defined"));
    expect(await same('d.name', ['abc'])).toEqual(fault(-501, 'Unsupported target type found.'));
    expect(await same('d.name', [])).toEqual(fault(-503, 'Target of wrong type to command.'));
    expect(await same('throttle.global_down.max_rate.set', [1024])).toEqual(
      fault(-503, 'Wrong object type.'),
    );
    expect(await same('throttle.global_down.max_rate.set', ['', 'abc'])).toEqual(fault(-503, 'Not a value.'));
    expect(await same('d.multicall2', ['main', 'd.hash='])).toEqual(
      fault(-501, 'Unsupported target type found.'),
    );
    expect(await same('d.multicall2', ['', 'main', 'd.hash'])).toEqual(
      fault(-503, "Could not find '=' in command 'd.hash'."),
    );
    expect(await same('d.multicall2', ['', 'nosuchview', 'd.hash='])).toEqual(
      fault(-503, 'Could not find view.'),
    );
    const bodies = await Promise.all(
      targets.map(async ({ target }) => {
        const auth = `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`;
        const res = await fetch(target.url, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml', Authorization: auth },
          body: 'garbage<<',
        });
        return [res.status, await res.text()];
      }),
    );
    expect(bodies[1]).toEqual(bodies[0]);
  });

  it('erases in any state and then no longer finds the hash', async () => {
    await stateAfter('d.pause');
    expect(await same('d.erase', [hash])).toEqual({ i4: 0 });
    expect(await same('d.multicall2', ['', 'main', 'd.hash='])).toEqual([]);
    expect(await same('d.name', [hash])).toEqual({
      fault: { struct: { faultCode: { i4: -501 }, faultString: { string: 'Could not find info-hash.' } } },
    });
  });
});
