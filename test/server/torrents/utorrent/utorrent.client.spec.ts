import { HttpService } from '@nestjs/axios';
import { ConflictException, NotFoundException } from '@nestjs/common';
import axios from 'axios';
import { UtorrentClient } from '../../../../server/torrents/clients/utorrent/utorrent.client';
import { UpstreamError } from '../../../../server/upstream/upstream-error';
import {
  UpstreamHttp,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../../../../server/upstream/upstream-http.service';
import {
  createUtorrentSimulator,
  UTORRENT_PASSWORD,
  UTORRENT_USERNAME,
  type UtorrentSimulator,
  type UtTorrent,
} from '../../../../simulators/utorrent';
import { bencode, makeTorrentFile, parseTorrentFile } from '../../../../simulators/torrents';
import { testConnection } from '../support/connection';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

/** The panel's transport, with a hook that runs just before each call goes out (to act mid-operation). */
class HookedHttp extends UpstreamHttp {
  before?: (req: UpstreamRequest) => void;

  constructor() {
    super(new HttpService(axios.create()));
  }

  override request<T>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    this.before?.(req);
    return super.request<T>(req);
  }
}

const onAction = (action: string, run: () => void) => (req: UpstreamRequest) => {
  if (req.path.includes(`&action=${action}`)) run();
};

function torrentFile(name: string, announce = 'http://tracker.example.org/announce'): Buffer {
  return makeTorrentFile({ name, data: Buffer.alloc(90_000, name.length), announce });
}

describe('UtorrentClient: addFile, detail and setLabel against the uTorrent simulator', () => {
  let sim: UtorrentSimulator;
  let http: HookedHttp;
  let client: UtorrentClient;

  beforeAll(async () => {
    // The simulator's clock stands still here, so a torrent's progress is what the client did to it,
    // not how long a busy machine took between two calls (a small upload would otherwise finish).
    const frozen = Date.now();
    sim = createUtorrentSimulator({ torrents: 16, now: () => frozen });
    await sim.start();
    const settings = testConnection({
      service: 'uTorrent',
      url: `${sim.url}/gui/`,
      username: UTORRENT_USERNAME,
      password: UTORRENT_PASSWORD,
    });
    http = new HookedHttp();
    client = new UtorrentClient(http, () => settings, { addConfirmMs: 300, addPollMs: 50 });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    http.before = undefined;
    sim.resetFaults();
    sim.resetCounters();
  });

  describe('addFile', () => {
    it('uploads the bytes as multipart torrent_file, then sets the label and stops it', async () => {
      const file = torrentFile('panel-upload.bin');
      const { hash } = parseTorrentFile(file)!;
      let sent: UpstreamRequest | undefined;
      http.before = (req) => {
        if (req.path.includes('action=add-file')) sent = req;
      };
      expect(await client.addFile(file, { label: 'Uploads', start: false })).toEqual({
        hash,
        name: 'panel-upload.bin',
      });
      expect(sim.count('action=add-file')).toBe(1);
      expect(sent).toMatchObject({ method: 'POST', retry: false });
      expect(sent!.headers!['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
      const t = (await client.list()).find((x) => x.hash === hash);
      expect(t).toMatchObject({ name: 'panel-upload.bin', size: 90_000, label: 'Uploads', state: 'stopped' });
    });

    it('refuses a torrent uTorrent already has with a 409 naming it, uploading nothing', async () => {
      const file = torrentFile('panel-upload.bin');
      const err = await failure(client.addFile(file, {}));
      expect(err).toBeInstanceOf(ConflictException);
      expect((err as ConflictException).message).toBe(
        `uTorrent already has this torrent ("panel-upload.bin", ${parseTorrentFile(file)!.hash}); nothing was added.`,
      );
      // uTorrent itself would answer {"build"} and add nothing, so the list is the only way to tell.
      expect(sim.count('action=add-file')).toBe(0);
    });

    it('adds a file with neither label nor start=false with the upload alone', async () => {
      const file = torrentFile('panel-plain.bin');
      await client.addFile(file, {});
      expect(sim.count('action=setprops') + sim.count('action=stop')).toBe(0);
      expect(sim.state.torrents.get(parseTorrentFile(file)!.hash)).toMatchObject({ label: '' });
    });

    it('reports the sentence of a file uTorrent cannot read as a 502', async () => {
      // Bencoded, with an info dictionary (what the panel checks), but with neither length nor files.
      const broken = bencode({
        info: { name: 'no-length', 'piece length': 32768, pieces: Buffer.alloc(20) },
      });
      const err = await failure(client.addFile(broken, {}));
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as UpstreamError).getStatus()).toBe(502);
      expect((err as UpstreamError).kind).toBe('invalid-response');
      expect((err as UpstreamError).message).toBe(
        "uTorrent refused the file: Can't add torrent: torrent is not valid bencoding!",
      );
    });

    it('turns a garbage answer to the upload into a 502 naming uTorrent', async () => {
      http.before = onAction('add-file', () => sim.setFaults({ garbage: true }));
      const err = await failure(client.addFile(torrentFile('panel-garbage.bin'), {}));
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as UpstreamError).getStatus()).toBe(502);
      expect((err as UpstreamError).message).toMatch(/^uTorrent .*not valid JSON/);
    });

    it('reports an upload that never appears in the list', async () => {
      http.before = onAction('add-file', () => sim.setFaults({ emptyLists: true }));
      const err = await failure(client.addFile(torrentFile('panel-hidden.bin'), {}));
      expect((err as UpstreamError).message).toBe(
        'uTorrent accepted the file but the torrent did not appear within 0.3 s; see uTorrent’s log.',
      );
    });
  });

  describe('detail', () => {
    const find = (pick: (t: UtTorrent) => boolean) => [...sim.state.torrents.values()].find(pick)!;
    const hashOf = (status: number) => find((t) => t.status === status);

    it('reads files, peers and trackers of a downloading torrent with three calls', async () => {
      const t = find((x) => x.status === 201 && !x.transfer.completeAt(sim.state.now()));
      t.seeds.connected = 3;
      t.peers.connected = 2;
      const detail = await client.detail(t.hash.toLowerCase());
      expect(sim.count('action=getfiles') + sim.count('action=getpeers') + sim.count('action=getprops')).toBe(
        3,
      );
      expect(detail).toMatchObject({ hash: t.hash, save_path: t.savePath, error: null });
      expect(detail.files.reduce((sum, f) => sum + f.size, 0)).toBe(t.size);
      expect(detail.files.every((f) => f.priority === 'normal' && f.progress >= 0 && f.progress <= 1)).toBe(
        true,
      );
      // The list's connected seeds and peers, the seeds (which send the download) first.
      expect(detail.peers).toHaveLength(5);
      expect(detail.peers.map((p) => p.progress === 1)).toEqual([true, true, true, false, false]);
      for (const p of detail.peers) {
        expect(p.address).toMatch(/^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+$/);
        expect(p.client).not.toBe('');
        expect(p.down_rate).toBeGreaterThanOrEqual(0);
      }
      expect(detail.trackers).toEqual([
        {
          url: 'http://tracker.example.test/announce',
          status: 'working',
          message: '',
          seeds: null,
          peers: null,
        },
      ]);
    });

    it('gives the paths of a multi-file upload with its folder in front, "/"-separated', async () => {
      const file = bencode({
        announce: 'http://tracker.example.org/announce',
        info: {
          name: 'Show.S01',
          files: [
            { length: 5000, path: ['Season 1', 'E01.mkv'] },
            { length: 40, path: ['info.nfo'] },
          ],
          'piece length': 32768,
          pieces: Buffer.alloc(20),
        },
      });
      const { hash } = await client.addFile(file, {});
      const detail = await client.detail(hash);
      expect(detail.files.map((f) => [f.path, f.size])).toEqual([
        ['Show.S01/Season 1/E01.mkv', 5000],
        ['Show.S01/info.nfo', 40],
      ]);
    });

    it("gives an errored torrent's reason from its status message, no peers, trackers not contacted", async () => {
      const t = hashOf(152);
      const detail = await client.detail(t.hash);
      expect(detail.error).toBe('Files missing from job. Please recheck.');
      expect(detail.peers).toEqual([]);
      expect(detail.trackers.map((x) => x.status)).toEqual(['not-contacted']);
    });

    it('lists the tiers of an uploaded torrent in order, and its file priority', async () => {
      const file = bencode({
        announce: 'http://one.example.org/announce',
        'announce-list': [
          ['http://one.example.org/announce', 'http://two.example.org/announce'],
          ['udp://three.example.org:6969'],
        ],
        info: { name: 'tiers.bin', length: 1000, 'piece length': 32768, pieces: Buffer.alloc(20) },
      });
      const { hash } = await client.addFile(file, {});
      sim.state.torrents.get(hash)!.files[0].priority = 0;
      const detail = await client.detail(hash);
      expect(detail.trackers.map((x) => x.url)).toEqual([
        'http://one.example.org/announce',
        'http://two.example.org/announce',
        'udp://three.example.org:6969',
      ]);
      expect(detail.files).toEqual([
        { path: 'tiers.bin', size: 1000, progress: expect.any(Number) as number, priority: 'skip' },
      ]);
    });

    it('answers 404 for a hash uTorrent does not have, asking nothing more than the list', async () => {
      const err = await failure(client.detail('0'.repeat(40)));
      expect(err).toBeInstanceOf(NotFoundException);
      expect((err as NotFoundException).message).toBe(`uTorrent has no torrent with hash ${'0'.repeat(40)}.`);
      expect(sim.count('action=getfiles')).toBe(0);
    });

    it('answers 404 for a torrent removed between the list and its detail calls', async () => {
      const t = hashOf(136);
      http.before = onAction('getfiles', () => sim.state.remove(t.hash));
      const err = await failure(client.detail(t.hash));
      expect(err).toBeInstanceOf(NotFoundException);
    });

    it('turns a garbage detail answer into a 502 naming uTorrent', async () => {
      const t = hashOf(201);
      http.before = onAction('getpeers', () => sim.setFaults({ garbage: true }));
      const err = await failure(client.detail(t.hash));
      expect((err as UpstreamError).getStatus()).toBe(502);
      expect((err as UpstreamError).message).toMatch(/^uTorrent /);
    });
  });

  describe('setLabel', () => {
    it('sets a label on several torrents in one call and reports the unknown hash', async () => {
      const [a, b] = await client.list();
      const unknown = 'F'.repeat(40);
      const outcomes = await client.setLabel([a.hash, b.hash.toLowerCase(), unknown], 'Archive');
      expect(outcomes).toEqual([
        { hash: a.hash, ok: true },
        { hash: b.hash.toLowerCase(), ok: true },
        { hash: unknown, ok: false, notFound: true, error: `uTorrent has no torrent with hash ${unknown}.` },
      ]);
      expect(sim.count('action=setprops')).toBe(1);
      const listed = await client.list();
      expect(listed.filter((t) => t.label === 'Archive').map((t) => t.hash)).toEqual([a.hash, b.hash]);
    });

    it('clears a label with ""', async () => {
      const [a] = await client.list();
      await client.setLabel([a.hash], 'Temp, with comma & ampersand');
      expect(sim.state.torrents.get(a.hash)!.label).toBe('Temp, with comma & ampersand');
      await client.setLabel([a.hash], '');
      expect((await client.list()).find((t) => t.hash === a.hash)!.label).toBe('');
    });

    it('sends nothing when every hash is unknown', async () => {
      const outcomes = await client.setLabel(['A'.repeat(40)], 'X');
      expect(outcomes[0]).toMatchObject({ ok: false, notFound: true });
      expect(sim.count('action=setprops')).toBe(0);
    });
  });
});
