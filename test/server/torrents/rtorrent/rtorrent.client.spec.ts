import { ConflictException, NotFoundException } from '@nestjs/common';
import { RtorrentClient } from '../../../../server/torrents/clients/rtorrent/rtorrent.client';
import { UpstreamError } from '../../../../server/upstream/upstream-error';
import {
  createRtorrentSimulator,
  RTORRENT_PASSWORD,
  RTORRENT_USERNAME,
  type RtorrentSimulator,
} from '../../../../simulators/rtorrent';
import {
  bdecode,
  bencode,
  makeTorrentFile,
  parseTorrentFile,
  type BDict,
} from '../../../../simulators/torrents';
import { testConnection } from '../support/connection';
import { testHttp } from '../support/transport';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

const ANNOUNCE = 'https://Tracker.Example.org:8443/announce?passkey=secret';

/** A real single-file .torrent announcing to ANNOUNCE (or with no announce key when `announce` is null). */
function torrentFile(name: string, announce: string | null = ANNOUNCE): Buffer {
  const file = makeTorrentFile({
    name,
    data: Buffer.alloc(70_000, name.length),
    announce: announce ?? undefined,
  });
  return file;
}

describe('RtorrentClient: tracker, addFile, detail and setLabel against the rTorrent simulator', () => {
  let sim: RtorrentSimulator;
  let client: RtorrentClient;

  beforeAll(async () => {
    sim = createRtorrentSimulator({ torrents: 12 });
    await sim.start();
    const settings = testConnection({
      service: 'rTorrent',
      url: sim.url,
      username: RTORRENT_USERNAME,
      password: RTORRENT_PASSWORD,
    });
    client = new RtorrentClient(testHttp(), () => settings, { addConfirmMs: 300, addPollMs: 50 });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.resetFaults();
    sim.resetCounters();
  });

  it("lists each torrent's tracker host from the same d.multicall2 call", async () => {
    const torrents = await client.list();
    expect(sim.count('d.multicall2')).toBe(1);
    for (const t of torrents)
      expect(t.tracker).toMatch(/^(tracker\.example\.test|tracker\.example\.org|open\.example\.net)$/);
  });

  it('adds a .torrent by its bytes with a label, stopped, and lists its tracker host', async () => {
    const file = torrentFile('panel-file.bin');
    const { hash } = parseTorrentFile(file)!;
    expect(await client.addFile(file, { label: 'Films, 4K', start: false })).toEqual({
      hash,
      name: 'panel-file.bin',
    });
    expect(sim.count('load.raw')).toBe(1);
    const t = (await client.list()).find((x) => x.hash === hash);
    expect(t).toMatchObject({ label: 'Films, 4K', state: 'stopped', tracker: 'tracker.example.org' });
    // ruTorrent's encoding, so ruTorrent shows the same label.
    expect(sim.state.torrents.get(hash)!.custom.get('1')).toBe('Films%2C%204K');
  });

  it('refuses a torrent it already has with a 409 naming it, sending no load', async () => {
    const file = torrentFile('panel-file.bin');
    const err = await failure(client.addFile(file, {}));
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).message).toBe(
      `rTorrent already has this torrent ("panel-file.bin", ${parseTorrentFile(file)!.hash}); nothing was added.`,
    );
    expect(sim.count('load.raw_start') + sim.count('load.raw')).toBe(0);
  });

  it('reports a file rTorrent refused (no announce key: load.raw_start still answered 0)', async () => {
    const err = await failure(client.addFile(torrentFile('panel-trackerless.bin', null), {}));
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).getStatus()).toBe(502);
    expect((err as UpstreamError).message).toMatch(
      /^rTorrent accepted the file but the torrent did not appear within 0.3 s .*Could not find any trackers/,
    );
  });

  it('explains a file over network.xmlrpc.size_limit', async () => {
    sim.state.sizeLimit = 4096;
    try {
      const dict = bdecode(torrentFile('panel-big.bin')).value as BDict;
      (dict.info as BDict).pieces = Buffer.alloc(20 * 400, 7);
      const err = await failure(client.addFile(bencode(dict), {}));
      expect((err as UpstreamError).getStatus()).toBe(502);
      expect((err as UpstreamError).message).toMatch(/too large.*raise network\.xmlrpc\.size_limit/);
    } finally {
      sim.state.sizeLimit = 524288;
    }
  });

  it('reads files, peers and trackers of a running torrent in one system.multicall', async () => {
    const running = [...sim.state.torrents.values()].find(
      (t) => t.isActive === 1 && t.isOpen === 1 && t.peers.connected + t.seeds.connected > 0 && !t.message,
    )!;
    const detail = await client.detail(running.hash);
    expect(sim.count('system.multicall')).toBe(1);
    expect(detail.hash).toBe(running.hash);
    expect(detail.error).toBeNull();
    expect(detail.save_path).toBe(running.basePath);
    expect(detail.files).toHaveLength(running.files.length);
    for (const f of detail.files) {
      expect(f.priority).toBe('normal');
      expect(f.progress).toBeGreaterThanOrEqual(0);
      expect(f.progress).toBeLessThanOrEqual(1);
    }
    expect(detail.files.map((f) => f.size).reduce((a, b) => a + b, 0)).toBe(running.size);
    if (running.multiFile) expect(detail.files[0].path.startsWith(`${running.name}/`)).toBe(true);
    expect(detail.peers.length).toBe(Math.min(50, running.peers.connected + running.seeds.connected));
    expect(detail.peers[0]).toMatchObject({ address: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+:\d+$/) });
    expect(detail.trackers).toEqual([
      {
        url: running.trackers[0],
        status: 'working',
        message: '',
        seeds: running.seeds.swarm || null,
        peers: running.seeds.swarm + running.peers.swarm > 0 ? running.peers.swarm : null,
      },
    ]);
  });

  it("shows a tracker's failure and the torrent's error", async () => {
    const broken = [...sim.state.torrents.values()].find((t) => t.message.startsWith('Tracker:'))!;
    const detail = await client.detail(broken.hash);
    expect(detail.error).toBe('Tracker: [Failure reason "Unregistered torrent"]');
    expect(detail.trackers[0]).toMatchObject({
      status: 'error',
      message: 'Failure reason "Unregistered torrent"',
    });
  });

  it('maps file priorities 0 off, 1 normal, 2 high', async () => {
    const hash = parseTorrentFile(torrentFile('panel-file.bin'))!.hash;
    sim.state.torrents.get(hash)!.files[0].priority = 0;
    expect((await client.detail(hash)).files[0]).toMatchObject({ path: 'panel-file.bin', priority: 'skip' });
    sim.state.torrents.get(hash)!.files[0].priority = 2;
    expect((await client.detail(hash)).files[0].priority).toBe('high');
    // Stopped: no peers, and its tracker was never contacted.
    expect((await client.detail(hash)).peers).toEqual([]);
    expect((await client.detail(hash)).trackers[0]).toMatchObject({ status: 'not-contacted', seeds: null });
  });

  it('answers 404 for a hash rTorrent does not know', async () => {
    const err = await failure(client.detail('0'.repeat(40)));
    expect(err).toBeInstanceOf(NotFoundException);
    expect((err as NotFoundException).message).toBe(`rTorrent has no torrent with hash ${'0'.repeat(40)}.`);
  });

  it.each([
    [{ garbage: true }, /^rTorrent answered in a shape the panel does not understand/],
    [{ wrongContentType: true }, /^rTorrent answered in a shape .*HTML page/],
    [{ errorRate: 1, errorStatus: 500 }, /^rTorrent/],
  ])(
    'turns %j during detail, setLabel and addFile into a 502 sentence naming rTorrent',
    async (faults, message) => {
      const hash = [...sim.state.torrents.keys()][0];
      sim.setFaults(faults);
      for (const attempt of [
        client.detail(hash),
        client.setLabel([hash], 'x'),
        client.addFile(torrentFile('panel-fault.bin'), {}),
      ]) {
        const err = await failure(attempt);
        expect(err).toBeInstanceOf(UpstreamError);
        expect((err as UpstreamError).getStatus()).toBe(502);
        expect((err as UpstreamError).message).toMatch(message);
      }
    },
  );

  it('sets and clears labels in one system.multicall, with a per-hash outcome for an unknown hash', async () => {
    const [a, b] = [...sim.state.torrents.keys()];
    const unknown = 'F'.repeat(40);
    expect(await client.setLabel([a, unknown, b], 'TV Shows/2024')).toEqual([
      { hash: a, ok: true },
      { hash: unknown, ok: false, notFound: true, error: `rTorrent has no torrent with hash ${unknown}.` },
      { hash: b, ok: true },
    ]);
    expect(sim.count('system.multicall')).toBe(1);
    expect(sim.state.torrents.get(a)!.custom.get('1')).toBe('TV%20Shows%2F2024');
    const listed = await client.list();
    expect(listed.find((t) => t.hash === b)?.label).toBe('TV Shows/2024');
    await client.setLabel([a, b], '');
    expect((await client.list()).filter((t) => t.hash === a || t.hash === b).map((t) => t.label)).toEqual([
      '',
      '',
    ]);
  });
});
