import { ConflictException, NotFoundException } from '@nestjs/common';
import { QbittorrentClient } from '../../../../server/torrents/clients/qbittorrent/qbittorrent.client';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import {
  createQbittorrentSimulator,
  QBITTORRENT_PASSWORD,
  QBITTORRENT_USERNAME,
  type QbittorrentSimulator,
} from '../../../../simulators/qbittorrent';
import { makeTorrentFile, parseTorrentFile } from '../../../../simulators/torrents';
import { eventually } from '../../../support/eventually';
import { freePort } from '../../../support/free-port';
import { upstreamFailure } from '../../support/upstream-failure';
import { SHORT_TIMEOUT_MS, shortTimeoutTransport, testHttp } from '../support/transport';

const SERVICE = 'Seedbox qBit';
const TIMING = { addConfirmMs: 1500, addPollMs: 50 };

describe('QbittorrentClient against the qBittorrent simulator', () => {
  let sim: QbittorrentSimulator;
  let connection: TorrentClientConnection;
  let client: QbittorrentClient;
  const http = testHttp();
  const file = makeTorrentFile({ name: 'client.bin', data: Buffer.alloc(50_000, 9) });
  const fileHash = parseTorrentFile(file)!.hash;
  const state = async (hash: string) => (await client.list()).find((t) => t.hash === hash)?.state;

  beforeEach(async () => {
    sim = createQbittorrentSimulator({ torrents: 20, applyDelayMs: 200 });
    await sim.start();
    connection = {
      id: 'seedbox-qbit',
      service: SERVICE,
      url: sim.url,
      username: QBITTORRENT_USERNAME,
      password: QBITTORRENT_PASSWORD,
      credentialHint: `the username and password of ${SERVICE} on the Torrent clients page`,
      setupHint: 'set its URL on the Torrent clients page.',
    };
    client = new QbittorrentClient(http, () => connection, TIMING);
  });
  afterEach(() => sim.stop());

  describe('session and list', () => {
    it('logs in once for concurrent calls and shares one sync call between concurrent lists', async () => {
      expect(client.kind).toBe('qbittorrent');
      expect(client.service).toBe(SERVICE);
      const [list, again, version] = await Promise.all([client.list(), client.list(), client.version()]);
      expect(list).toHaveLength(20);
      expect(again).toBe(list);
      expect(version).toEqual({ version: 'v4.5.2 (WebUI API 2.8.19)' });
      expect(sim.count('auth/login')).toBe(1);
      expect(sim.count('sync/maindata')).toBe(1);
    });

    it('maps the rows: upper-case hash, the panel states, category as label, tracker host, no sentinels', async () => {
      const list = await client.list();
      for (const t of list) {
        expect(t.hash).toMatch(/^[0-9A-F]{40}$/);
        expect(['downloading', 'seeding', 'paused', 'queued', 'checking', 'error']).toContain(t.state);
        expect(t.progress).toBeGreaterThanOrEqual(0);
        expect(t.progress).toBeLessThanOrEqual(1);
        expect(t.eta === null || (t.eta >= 0 && t.eta < 8_640_000)).toBe(true);
        expect(t.tracker).toMatch(/^[a-z.]+$/);
        expect(t.client).toBe('qbittorrent');
      }
      const raw = sim.state.get(list[0].hash)!;
      expect(list[0].label).toBe(raw.category);
    });

    it('applies incremental sync answers: changed fields, removals, and unchanged torrents kept as they were', async () => {
      const first = await client.list();
      const [gone, changed] = first;
      sim.state.torrents.delete(gone.hash.toLowerCase());
      sim.state.ensureCategory('Renamed');
      sim.state.get(changed.hash)!.category = 'Renamed';
      const second = await client.list();
      expect(second).toHaveLength(19);
      expect(second.find((t) => t.hash === changed.hash)?.label).toBe('Renamed');
      expect(second.some((t) => t.hash === gone.hash)).toBe(false);
      expect(second.filter((t) => first.includes(t)).length).toBeGreaterThan(0);
      expect(sim.count('sync/maindata')).toBe(2);
    });

    it('logs in again once after a restart (403) and retries the call, starting the sync afresh', async () => {
      await client.list();
      sim.restart();
      sim.resetCounters();
      expect(await client.list()).toHaveLength(20);
      expect(sim.count('auth/login')).toBe(1);
      expect(sim.count('sync/maindata')).toBe(2);
    });

    it('works through another host name for the same port (only the port is checked)', async () => {
      connection.url = sim.url.replace('127.0.0.1', 'localhost');
      expect(await client.list()).toHaveLength(20);
    });
  });

  describe('refused logins (qBittorrent bans after 5 failures)', () => {
    it('answers a wrong password with one sentence and never logs in again until the settings change', async () => {
      connection.password = 'wrong-password-123';
      const err = await upstreamFailure(client.list());
      expect(err.kind).toBe('unauthorized');
      expect(err.getStatus()).toBe(502);
      expect(err.message).toMatch(/^Seedbox qBit refused the panel's username or password/);
      expect(err.message).toMatch(/bans the address for an hour after 5 failed logins/);
      expect(err.message).not.toContain('wrong-password-123');
      for (let i = 0; i < 6; i++) await upstreamFailure(client.list());
      await upstreamFailure(client.version());
      expect(sim.count('auth/login')).toBe(1);
      expect(sim.auth.failedCount('127.0.0.1')).toBe(1);
      client.reset();
      await upstreamFailure(client.list());
      expect(sim.count('auth/login')).toBe(2);
      connection.password = QBITTORRENT_PASSWORD;
      expect(await client.list()).toHaveLength(20);
      expect(sim.count('auth/login')).toBe(3);
    });

    it('says when the address is banned (403 at login)', async () => {
      const banned = createQbittorrentSimulator({ torrents: 1 });
      await banned.start();
      try {
        for (let i = 0; i < 5; i++) banned.auth.failedLogin('127.0.0.1');
        connection.url = banned.url;
        const err = await upstreamFailure(client.list());
        expect(err.kind).toBe('unauthorized');
        expect(err.message).toMatch(
          /has banned the panel's address after too many failed logins \(HTTP 403\)/,
        );
        await upstreamFailure(client.list());
        expect(banned.count('auth/login')).toBe(1);
      } finally {
        await banned.stop();
      }
    });

    it('treats the badAuth fault as a refused password', async () => {
      sim.setFaults({ badAuth: true });
      expect((await upstreamFailure(client.list())).kind).toBe('unauthorized');
    });
  });

  describe('failures', () => {
    it('is not configured without a URL, and sends nothing', async () => {
      connection.url = '';
      expect(() => client.assertConfigured()).toThrow(
        /Seedbox qBit is not configured: set its URL on the Torrent clients page/,
      );
      const err = await upstreamFailure(client.list());
      expect(err.getStatus()).toBe(503);
      expect(sim.totalRequests()).toBe(0);
    });

    it('names the service when nothing listens (502)', async () => {
      connection.url = `http://127.0.0.1:${await freePort()}`;
      const err = await upstreamFailure(client.list());
      expect(err.getStatus()).toBe(502);
      expect(err.message).toMatch(/^Seedbox qBit at 127\.0\.0\.1:\d+ refused the connection/);
    });

    it('gives up on a hung daemon with a 504', async () => {
      const slow = new QbittorrentClient(shortTimeoutTransport(), () => connection, TIMING);
      await slow.list();
      sim.setFaults({ hang: true });
      const err = await upstreamFailure(slow.list());
      expect(err.getStatus()).toBe(504);
      expect(err.message).toBe(
        `Seedbox qBit at ${new URL(sim.url).host} did not answer within ${SHORT_TIMEOUT_MS / 1000} s.`,
      );
    });

    it.each([
      [{ garbage: true }, /not valid JSON/],
      [{ wrongContentType: true }, /HTML page/],
      [{ truncated: true }, /^Seedbox qBit/],
      [{ errorRate: 1, errorStatus: 500 }, /^Seedbox qBit answered HTTP 500/],
    ])('turns %j into a 502 sentence', async (faults, message) => {
      await client.list();
      sim.setFaults(faults);
      const err = await upstreamFailure(client.list());
      expect(err.getStatus()).toBe(502);
      expect(err.message).toMatch(message);
    });

    it('explains the 401 of the Host/Origin check', async () => {
      await client.list();
      sim.auth.port = 1; // as behind a proxy that rewrites the port
      const err = await upstreamFailure(client.list());
      expect(err.kind).toBe('unauthorized');
      expect(err.message).toMatch(/refused the request's Host or Origin \(HTTP 401\)/);
    });
  });

  describe('actions', () => {
    it('pauses and resumes (start is resume, stop is pause); the state shows a moment later', async () => {
      const seeding = (await client.list()).find((t) => t.state === 'seeding')!;
      const unknown = '0'.repeat(40);
      const outcomes = await client.act('stop', [seeding.hash, unknown]);
      expect(outcomes).toEqual([
        { hash: seeding.hash, ok: true },
        {
          hash: unknown,
          ok: false,
          notFound: true,
          error: `Seedbox qBit has no torrent with hash ${unknown}.`,
        },
      ]);
      await eventually(async () => (await state(seeding.hash)) === 'paused', 'the torrent shows paused');
      await client.act('start', [seeding.hash]);
      await eventually(async () => (await state(seeding.hash)) === 'seeding', 'the torrent seeds again');
      expect(sim.count('torrents/pause')).toBe(1);
      expect(sim.count('torrents/resume')).toBe(1);
    });

    it('removes with and without data (qBittorrent deletes its own data)', async () => {
      const [a, b] = await client.list();
      expect(await client.remove([a.hash], true)).toEqual([
        {
          hash: a.hash,
          ok: true,
          data: 'deleted',
          message: 'Seedbox qBit removed the torrent and deleted its data.',
        },
      ]);
      expect((await client.remove([b.hash], false))[0]).toMatchObject({ ok: true, data: 'kept' });
      await eventually(async () => (await client.list()).length === 18, 'both are gone');
      expect(sim.state.deletedData).toEqual([a.hash.toLowerCase()]);
      const locations = await client.dataLocations();
      expect(locations).toHaveLength(18);
      expect(locations[0].path).toMatch(/^\/downloads\//);
      expect(locations.every((l) => l.refusal === null)).toBe(true);
    });

    it('sets the label, creating the category first when it does not exist, and clears it', async () => {
      const [a, b] = await client.list();
      expect(await client.setLabel([a.hash, b.hash], 'Brand New')).toEqual([
        { hash: a.hash, ok: true },
        { hash: b.hash, ok: true },
      ]);
      expect(sim.state.get(a.hash)!.category).toBe('Brand New');
      expect(sim.count('torrents/createCategory')).toBe(1);
      await client.setLabel([a.hash], 'Brand New'); // exists now: createCategory's 409 is fine
      await client.setLabel([a.hash], '');
      expect(sim.state.get(a.hash)!.category).toBe('');
      expect((await client.list()).find((t) => t.hash === b.hash)!.label).toBe('Brand New');
    });

    it('sets and reads global limits in bytes/s (whole KiB/s; null and 0 are unlimited)', async () => {
      await client.setBandwidth({ down_limit: 1_048_576, up_limit: 1500 });
      expect(await client.bandwidth()).toMatchObject({ down_limit: 1_048_576, up_limit: 1024 });
      await client.setBandwidth({ down_limit: null });
      expect(await client.bandwidth()).toMatchObject({ down_limit: null, up_limit: 1024 });
      await client.setBandwidth({ up_limit: 0 });
      expect((await client.bandwidth()).up_limit).toBeNull();
    });

    it('shows the detail: files, trackers without the DHT/PeX/LSD rows, peers; 404 for an unknown hash', async () => {
      const t = (await client.list()).find((x) => x.state === 'seeding')!;
      const detail = await client.detail(t.hash);
      expect(detail.hash).toBe(t.hash);
      expect(detail.save_path).toBe('/downloads');
      expect(detail.files[0]).toMatchObject({ priority: 'normal' });
      expect(detail.trackers).toHaveLength(1);
      expect(detail.trackers[0]).toMatchObject({ status: 'working' });
      expect(detail.peers.every((p) => /^[\d.]+:\d+$/.test(p.address))).toBe(true);
      await expect(client.detail('0'.repeat(40))).rejects.toBeInstanceOf(NotFoundException);
    });
  });

  describe('adding', () => {
    it('adds a magnet paused with a new label and confirms it by hash; a second add is a 409', async () => {
      const hash = 'CD'.repeat(20);
      const magnet = `magnet:?xt=urn:btih:${hash}&dn=magnet-one`;
      expect(await client.addUrl(magnet, { label: 'Fresh', start: false })).toEqual({
        hash,
        name: 'magnet-one',
      });
      expect(sim.state.get(hash)).toMatchObject({ category: 'Fresh', paused: true });
      await expect(client.addUrl(magnet, {})).rejects.toBeInstanceOf(ConflictException);
    });

    it('adds an http URL and finds it by a one-off tag, which it deletes afterwards', async () => {
      const added = await client.addUrl('http://files.test/some.show.torrent', {});
      expect(added.name).toBe('some.show');
      expect(sim.state.get(added.hash)!.tags).toEqual([]);
      expect([...sim.state.tags]).toEqual([]);
    });

    it('says so when a URL never turns into a torrent', async () => {
      const err = await upstreamFailure(client.addUrl('http://gone.invalid/x.torrent', {}));
      expect(err.getStatus()).toBe(502);
      expect(err.message).toMatch(/accepted the URL but no torrent from it appeared within 1\.5 s/);
      expect([...sim.state.tags]).toEqual([]);
    });

    it('uploads a .torrent file, refuses it again with a 409, and refuses bytes that are no torrent', async () => {
      expect(await client.addFile(file, { label: 'Files' })).toEqual({ hash: fileHash, name: 'client.bin' });
      expect(sim.state.get(fileHash)!.category).toBe('Files');
      await expect(client.addFile(file, {})).rejects.toBeInstanceOf(ConflictException);
      const err = await upstreamFailure(client.addFile(Buffer.from('not a torrent'), {}));
      expect(err.kind).toBe('invalid-response');
      expect(sim.count('torrents/add')).toBe(1);
    });

    it('a trackerless torrent has no tracker host; one with a tracker shows it from the first list on', async () => {
      const announced = makeTorrentFile({
        name: 'announced.bin',
        data: Buffer.alloc(30_000, 3),
        announce: 'http://tracker.panel.test:6969/announce',
      });
      await client.addFile(file, {});
      const added = await client.addFile(announced, {});
      const list = await client.list();
      expect(list.find((t) => t.hash === fileHash)!.tracker).toBe('');
      // The added torrent has an announce scheduled, not done: qBittorrent's own `tracker` column may
      // still be "", and the trackers map gives the host either way.
      expect(sim.state.get(added.hash)!.announceAt).toBeGreaterThan(0);
      expect(list.find((t) => t.hash === added.hash)!.tracker).toBe('tracker.panel.test');
    });
  });
});
