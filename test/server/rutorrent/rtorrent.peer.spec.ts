import { HttpService } from '@nestjs/axios';
import { ConflictException, NotFoundException } from '@nestjs/common';
import axios from 'axios';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RtorrentClient } from '../../../server/torrents/clients/rtorrent/rtorrent.client';
import type { Torrent } from '../../../server/torrents/torrent.types';
import { UpstreamError } from '../../../server/upstream/upstream-error';
import { UpstreamHttp } from '../../../server/upstream/upstream-http.service';
import {
  bdecode,
  bencode,
  makeTorrentFile,
  parseTorrentFile,
  type BDict,
} from '../../../simulators/torrents';
import { startRtorrentPeer, xmlRpc, type RtorrentPeer } from '../../support/rtorrent-peer';
import type { TestPanel } from '../support/test-panel';
import { testConnection } from '../torrents/support/connection';

/**
 * The rTorrent client against a REAL rtorrent 0.9.8 behind nginx (test/peers/rtorrent-peer.sh). The
 * peer aborts on more than 10 tracker requests in 10 s, so each torrent goes through few start/stop cycles.
 */
describe('RtorrentClient against the real rtorrent 0.9.8', () => {
  let peer: RtorrentPeer;
  let files: Server;
  let filesUrl: string;
  let client: RtorrentClient;
  const served = new Map<string, Buffer>();
  const made: Record<string, { name: string; hash: string; path: string }> = {};

  /** A data file in rtorrent's download directory and a .torrent for it, served over http. */
  function prepare(key: string, announce = true): void {
    const name = `panel-${key}-${process.pid}.bin`;
    const data = randomBytes(48 * 1024);
    const path = `${peer.downloadDir}/${name}`;
    writeFileSync(path, data);
    let torrent = makeTorrentFile({ name, data, announce: peer.announceUrl });
    if (!announce) {
      // No announce key at all: rtorrent 0.9.8 with DHT off rejects it, yet load.* answers 0.
      const dict = bdecode(torrent).value as BDict;
      delete dict.announce;
      torrent = bencode(dict);
    }
    served.set(`/${key}.torrent`, torrent);
    made[key] = { name, path, hash: parseTorrentFile(torrent)!.hash };
  }

  async function settled(hash: string): Promise<Torrent> {
    for (let i = 0; i < 50; i++) {
      const t = (await client.list()).find((x) => x.hash === hash);
      if (t && t.state !== 'checking') return t;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${hash} did not settle`);
  }

  beforeAll(async () => {
    peer = await startRtorrentPeer();
    files = createServer((req, res) => {
      const body = served.get(req.url ?? '');
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/x-bittorrent' }).end(body);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    for (const key of ['main', 'data', 'rejected', 'file']) prepare(key, key !== 'rejected');
    // The URL ends with /RPC2: taken as the endpoint itself.
    const settings = testConnection({
      service: 'rTorrent',
      url: peer.url,
      username: peer.username,
      password: peer.password,
    });
    client = new RtorrentClient(new UpstreamHttp(new HttpService(axios.create())), () => settings, {
      addConfirmMs: 4000,
      addPollMs: 200,
    });
  }, 600_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => files?.close(() => resolve()));
    for (const m of Object.values(made)) rmSync(m.path, { force: true });
    await peer?.stop();
  }, 60_000);

  it('reads the version', async () => {
    expect((await client.version()).version).toBe('0.9.8 (libtorrent 0.13.8, API 10)');
  });

  it('adds by http URL with a label, confirms it, and lists it in the one shape', async () => {
    const { hash, name } = made.main;
    expect(await client.addUrl(`${filesUrl}/main.torrent`, { label: 'Peer, Test' })).toEqual({ hash, name });
    const t = await settled(hash);
    expect(t).toMatchObject({
      hash,
      name,
      size: 48 * 1024,
      progress: 1,
      state: 'seeding',
      label: 'Peer, Test',
      eta: 0,
      client: 'rutorrent',
    });
    expect(t.added).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('pauses, resumes, stops and starts (one multicall each)', async () => {
    const { hash } = made.main;
    const stateAfter = async (action: 'pause' | 'resume' | 'stop' | 'start') => {
      expect(await client.act(action, [hash])).toEqual([{ hash, ok: true }]);
      return (await settled(hash)).state;
    };
    expect(await stateAfter('pause')).toBe('paused');
    expect(await stateAfter('resume')).toBe('seeding');
    expect(await stateAfter('stop')).toBe('completed');
    expect(await stateAfter('start')).toBe('seeding');
  });

  it('reports an unknown hash per item without failing the batch', async () => {
    const unknown = '0'.repeat(40);
    const outcomes = await client.act('pause', [made.main.hash, unknown]);
    expect(outcomes).toEqual([
      { hash: made.main.hash, ok: true },
      { hash: unknown, ok: false, notFound: true, error: `rTorrent has no torrent with hash ${unknown}.` },
    ]);
    await client.act('resume', [made.main.hash]);
  });

  it('reads and sets the global bandwidth limits', async () => {
    await client.setBandwidth({ down_limit: 1048576, up_limit: 524288 });
    expect(await client.bandwidth()).toMatchObject({ down_limit: 1048576, up_limit: 524288 });
    await client.setBandwidth({ down_limit: null, up_limit: 0 });
    const bw = await client.bandwidth();
    expect(bw).toMatchObject({ down_limit: null, up_limit: null });
    expect(typeof bw.down_rate).toBe('number');
  });

  it('adds a .torrent by its bytes (load.raw_start), labelled, and lists its tracker host', async () => {
    const { hash, name } = made.file;
    const file = served.get('/file.torrent')!;
    expect(await client.addFile(file, { label: 'Bytes & Co' })).toEqual({ hash, name });
    const t = await settled(hash);
    // The list's tracker column: cat="$t.multicall=d.hash=,t.url=,cat={#}" answers "url#".
    expect(t).toMatchObject({
      hash,
      state: 'seeding',
      progress: 1,
      label: 'Bytes & Co',
      tracker: '127.0.0.1',
    });
  });

  it('refuses to add the same .torrent twice with a 409', async () => {
    const err = await client.addFile(served.get('/file.torrent')!, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).getStatus()).toBe(409);
  });

  it('reads the detail: the file, no peers, the tracker once it answered, the data path', async () => {
    const { hash, name, path } = made.file;
    let detail = await client.detail(hash);
    for (let i = 0; i < 50 && detail.trackers[0]?.status !== 'working'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      detail = await client.detail(hash);
    }
    expect(detail).toEqual({
      hash,
      save_path: path,
      error: null,
      files: [{ path: name, size: 48 * 1024, progress: 1, priority: 'normal' }],
      // Loopback only, no listening port: no peer ever connects.
      peers: [],
      // The peer's /announce answers without complete/incomplete, so no swarm counts are known.
      trackers: [{ url: peer.announceUrl, status: 'working', message: '', seeds: null, peers: null }],
    });
  });

  it('answers 404 for the detail of a hash rtorrent does not know', async () => {
    const err = await client.detail('0'.repeat(40)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundException);
  });

  it('sets and clears a label, URI-encoded as ruTorrent stores it', async () => {
    const { hash } = made.file;
    const unknown = '0'.repeat(40);
    expect(await client.setLabel([hash, unknown], 'TV, 2024')).toEqual([
      { hash, ok: true },
      { hash: unknown, ok: false, notFound: true, error: `rTorrent has no torrent with hash ${unknown}.` },
    ]);
    expect((await xmlRpc(peer, 'd.custom1', [hash])).value).toEqual({ string: 'TV%2C%202024' });
    expect((await client.list()).find((t) => t.hash === hash)?.label).toBe('TV, 2024');
    await client.setLabel([hash], '');
    expect((await client.list()).find((t) => t.hash === hash)?.label).toBe('');
    expect((await client.remove([hash], false))[0]).toMatchObject({ ok: true, data: 'kept' });
  });

  it('reports a torrent rTorrent rejected (load.* still answered 0)', async () => {
    const err = await client.addUrl(`${filesUrl}/rejected.torrent`, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).getStatus()).toBe(502);
    expect((err as UpstreamError).message).toMatch(/did not appear within 4 s .*Could not find any trackers/);
    expect((await client.list()).some((t) => t.hash === made.rejected.hash)).toBe(false);
  });

  it('adds a magnet link, stopped', async () => {
    const hash = 'C0FFEE00000000000000000000000000000000AA';
    const magnet = `magnet:?xt=urn:btih:${hash}&dn=panel-magnet&tr=${encodeURIComponent(peer.announceUrl)}`;
    expect(await client.addUrl(magnet, { start: false })).toEqual({ hash, name: `${hash}.meta` });
    expect((await client.remove([hash], false))[0]).toMatchObject({ ok: true, data: 'kept' });
  });

  it('removes without data (the file stays) and with data (the file is gone)', async () => {
    const kept = await client.remove([made.main.hash], false);
    expect(kept).toEqual([
      {
        hash: made.main.hash,
        ok: true,
        data: 'kept',
        message: 'rTorrent removed the torrent; its data stays on disk.',
      },
    ]);
    expect(existsSync(made.main.path)).toBe(true);

    await client.addUrl(`${filesUrl}/data.torrent`, { start: false });
    const [gone] = await client.remove([made.data.hash], true);
    expect(gone).toMatchObject({ ok: true, data: 'deleted' });
    expect(existsSync(made.data.path)).toBe(false);
    expect((await client.list()).map((t) => t.hash)).not.toContain(made.data.hash);
  });

  describe('through the panel', () => {
    let panel: TestPanel;
    let token: string;
    beforeAll(async () => {
      // Loaded here, so the client tests above run without the panel's module graph.
      const { baseConfig, startTestPanel } = await import('../support/test-panel');
      panel = await startTestPanel(
        baseConfig({
          rutorrent: {
            url: peer.url.replace(/\/RPC2$/, ''),
            username: peer.username,
            password: peer.password,
          },
        }),
      );
      token = (await panel.login()).access_token;
    });
    afterAll(() => panel.close());

    const api = (method: 'get' | 'post', path: string) =>
      panel.http()[method](`/api/rutorrent${path}`).auth(token, { type: 'bearer' });

    /** One data file in rtorrent's download directory, seeded under two info-hashes (two piece sizes). */
    async function crossSeed(): Promise<{ path: string; name: string; hashes: [string, string] }> {
      const name = `panel-cross-${process.pid}.bin`;
      const data = randomBytes(64 * 1024);
      const file = `${peer.downloadDir}/${name}`;
      writeFileSync(file, data);
      const hashes = [32768, 16384].map((pieceLength, i) => {
        const torrent = makeTorrentFile({ name, data, announce: peer.announceUrl, pieceLength });
        served.set(`/cross-${i}.torrent`, torrent);
        return parseTorrentFile(torrent)!.hash;
      }) as [string, string];
      for (const i of [0, 1]) {
        await api('post', '/torrents/add-url')
          .send({ url: `${filesUrl}/cross-${i}.torrent` })
          .expect(201);
        await settled(hashes[i]);
      }
      made.cross = { name, path: file, hash: hashes[0] };
      return { path: file, name, hashes };
    }

    it('refuses to delete data another loaded torrent uses, until forced', async () => {
      const { path, name, hashes } = await crossSeed();
      const [mine, other] = hashes;
      const refused = await api('post', `/torrents/${mine}/remove`).send({ deleteData: true }).expect(409);
      expect(refused.body.message).toBe(
        `The data of "${name}" at ${path} is also used by "${name}" in rTorrent; nothing was removed. ` +
          'Remove the torrent only, or force the deletion to break the other torrents.',
      );
      expect(existsSync(path)).toBe(true);
      expect((await client.list()).map((t) => t.hash)).toEqual(expect.arrayContaining([mine, other]));

      const check = await api('post', '/torrents/data-check')
        .send({ hashes: [mine] })
        .expect(200);
      expect(check.body.items[0]).toMatchObject({
        path,
        deletable: false,
        forceable: true,
        shared_with: [{ hash: other, name }],
      });

      const forced = await api('post', `/torrents/${mine}/remove`)
        .send({ deleteData: true, force: true })
        .expect(200);
      expect(forced.body.data).toBe('deleted');
      expect(existsSync(path)).toBe(false);
      await api('post', `/torrents/${other}/remove`).send({}).expect(200);
    });

    it("never deletes next to the panel when rtorrent's directory.default is relative", async () => {
      const name = `panel-relative-${process.pid}.bin`;
      const data = randomBytes(48 * 1024);
      // rtorrent runs in the peer's folder, so "./" is that folder for it.
      const rtFile = `${peer.dir}/${name}`;
      writeFileSync(rtFile, data);
      served.set('/relative.torrent', makeTorrentFile({ name, data, announce: peer.announceUrl }));
      const hash = parseTorrentFile(served.get('/relative.torrent')!)!.hash;
      const panelCwd = mkdtempSync(join(tmpdir(), 'panel-cwd-'));
      const cwd = process.cwd();
      expect((await xmlRpc(peer, 'directory.default.set', ['', './'])).value).not.toHaveProperty('fault');
      try {
        await api('post', '/torrents/add-url')
          .send({ url: `${filesUrl}/relative.torrent` })
          .expect(201);
        await settled(hash);
        process.chdir(panelCwd);
        writeFileSync(join(panelCwd, name), 'the panel’s own file');
        const refused = await api('post', `/torrents/${hash}/remove`).send({ deleteData: true }).expect(409);
        expect(refused.body.message).toMatch(/relative path/);
        expect(refused.body.message).toMatch(/Nothing was removed/);
        expect(existsSync(join(panelCwd, name))).toBe(true);
        expect(existsSync(rtFile)).toBe(true);
        expect((await client.list()).map((t) => t.hash)).toContain(hash);
        await api('post', `/torrents/${hash}/remove`).send({}).expect(200);
      } finally {
        process.chdir(cwd);
        await xmlRpc(peer, 'directory.default.set', ['', peer.downloadDir]);
        rmSync(panelCwd, { recursive: true, force: true });
        rmSync(rtFile, { force: true });
      }
    });

    it('answers status, list and bandwidth from the real daemon', async () => {
      const status = (
        await panel.http().get('/api/rutorrent/status').auth(token, { type: 'bearer' }).expect(200)
      ).body;
      expect(status).toMatchObject({
        configured: true,
        connected: true,
        version: '0.9.8 (libtorrent 0.13.8, API 10)',
      });
      await panel.http().get('/api/rutorrent/torrents').auth(token, { type: 'bearer' }).expect(200);
      await panel.http().get('/api/rutorrent/bandwidth').auth(token, { type: 'bearer' }).expect(200);
    });
  });
});
