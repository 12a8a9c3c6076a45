import { ConflictException, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { QbittorrentClient } from '../../../../server/torrents/clients/qbittorrent/qbittorrent.client';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import type { Torrent } from '../../../../server/torrents/torrent.types';
import { makeTorrentFile, parseTorrentFile } from '../../../../simulators/torrents';
import { eventually } from '../../../support/eventually';
import { freePort } from '../../../support/free-port';
import { startQbittorrentPeer, WebApi, type QbittorrentPeer } from '../../../support/qbittorrent-peer';
import { upstreamFailure } from '../../support/upstream-failure';
import { testHttp } from '../support/transport';

/** A bare TCP relay on another loopback port: what a proxy that passes its own Host looks like. */
async function startRelay(targetPort: number): Promise<{ port: number; close: () => Promise<void> }> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    port,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

/** The qBittorrent client against a REAL qbittorrent-nox 4.5.2 (test/peers/qbittorrent-peer.sh). */
describe('QbittorrentClient against a real qbittorrent-nox 4.5.2', () => {
  const SERVICE = 'qBittorrent';
  let peer: QbittorrentPeer;
  let connection: TorrentClientConnection;
  let client: QbittorrentClient;
  const http = testHttp();
  // qBittorrent shows a change up to ~1.5 s after the call; adding waits for it.
  const timing = { addConfirmMs: 10_000, addPollMs: 100 };
  const name = `peer-client-${process.pid}.bin`;
  const data = randomBytes(96 * 1024);
  // Trackerless: nothing announces anywhere; the data is already in the download directory.
  const torrent = makeTorrentFile({ name, data });
  const hash = parseTorrentFile(torrent)!.hash.toUpperCase();
  const find = async (): Promise<Torrent | undefined> => (await client.list()).find((t) => t.hash === hash);
  const stateIs = (state: string) => async () => (await find())?.state === state;

  beforeAll(async () => {
    peer = await startQbittorrentPeer();
    writeFileSync(`${peer.downloadDir}/${name}`, data);
    connection = {
      id: 'qbittorrent',
      service: SERVICE,
      url: peer.url,
      username: peer.username,
      password: peer.password,
      credentialHint: 'the username and password of qBittorrent on the Torrent clients page',
      setupHint: 'set its URL on the Torrent clients page.',
    };
    client = new QbittorrentClient(http, () => connection, timing);
  }, 300_000);
  afterAll(async () => {
    await peer?.stop();
  }, 60_000);

  it('reads the version and starts with no torrents', async () => {
    expect(await client.version()).toEqual({ version: 'v4.5.2 (WebUI API 2.8.19)' });
    expect(await client.list()).toEqual([]);
  });

  it('uploads a .torrent with a new label; it checks the data on disk and seeds', async () => {
    expect(await client.addFile(torrent, { label: 'peer' })).toEqual({ hash, name });
    await eventually(stateIs('seeding'), 'the added torrent seeds', 20_000);
    expect(await find()).toMatchObject({
      name,
      size: data.length,
      progress: 1,
      label: 'peer',
      // qBittorrent gives a finished torrent its 8,640,000 s "∞"; the panel says 0.
      eta: 0,
      ratio: 0,
      tracker: '',
      client: 'qbittorrent',
    });
  });

  it('refuses the same file again (409) and a file qBittorrent cannot read (its 415)', async () => {
    await expect(client.addFile(torrent, {})).rejects.toThrow(ConflictException);
    // Bencode with an info dictionary, so the panel sends it, but no pieces: qBittorrent refuses it.
    const err = await upstreamFailure(client.addFile(Buffer.from('d4:infod4:name1:xee'), {}));
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe("qBittorrent refused the file: 'x.torrent' is not a valid torrent file.");
    expect((await client.list()).map((t) => t.hash)).toEqual([hash]);
  });

  it('pauses and resumes (pause is its only stop); an unknown hash is not found', async () => {
    expect(await client.act('pause', [hash])).toEqual([{ hash, ok: true }]);
    await eventually(stateIs('paused'), 'the torrent is paused (pausedUP)');
    expect(await client.act('start', [hash])).toEqual([{ hash, ok: true }]);
    await eventually(stateIs('seeding'), 'the resumed torrent seeds');
    await client.act('stop', [hash]);
    await eventually(stateIs('paused'), 'stop pauses it');
    await client.act('resume', [hash]);
    await eventually(stateIs('seeding'), 'it seeds again');
    const unknown = 'F'.repeat(40);
    expect((await client.act('pause', [unknown]))[0]).toMatchObject({ ok: false, notFound: true });
  });

  it('sets the global limits and reads them back in bytes/s (qBittorrent keeps whole KiB/s)', async () => {
    await client.setBandwidth({ down_limit: 1_048_576, up_limit: 1500 });
    expect(await client.bandwidth()).toMatchObject({ down_limit: 1_048_576, up_limit: 1024 });
    const api = new WebApi(peer.url, peer.username, peer.password);
    expect((await api.login()).text).toBe('Ok.');
    expect((await api.call('transfer/downloadLimit')).text).toBe('1048576');
    expect((await api.call('transfer/uploadLimit')).text).toBe('1024');
    await client.setBandwidth({ down_limit: null, up_limit: 0 });
    expect(await client.bandwidth()).toMatchObject({ down_limit: null, up_limit: null });
    expect((await api.call('transfer/downloadLimit')).text).toBe('0');
  });

  it('sets the label (a category, created when missing), changes and clears it', async () => {
    expect(await client.setLabel([hash], 'relabelled')).toEqual([{ hash, ok: true }]);
    await eventually(async () => (await find())?.label === 'relabelled', 'the new category shows');
    // The category exists now: createCategory answers 409, which is fine.
    expect(await client.setLabel([hash], 'relabelled')).toEqual([{ hash, ok: true }]);
    expect(await client.setLabel([hash], '')).toEqual([{ hash, ok: true }]);
    await eventually(async () => (await find())?.label === '', 'the category is cleared');
  });

  it('gives the detail: the file, where it is, no error, no trackers (not the DHT/PeX/LSD rows)', async () => {
    expect(await client.detail(hash)).toEqual({
      hash,
      save_path: peer.downloadDir,
      error: null,
      files: [{ path: name, size: data.length, progress: 1, priority: 'normal' }],
      peers: [],
      trackers: [],
    });
    expect(await client.dataLocations()).toEqual([
      { hash, name, path: `${peer.downloadDir}/${name}`, refusal: null },
    ]);
    await expect(client.detail('0'.repeat(40))).rejects.toThrow(NotFoundException);
  });

  it('adds a magnet paused; it has no data yet and is removed without any', async () => {
    const magnet = randomBytes(20).toString('hex').toUpperCase();
    const added = await client.addUrl(`magnet:?xt=urn:btih:${magnet}&dn=peer-magnet`, { start: false });
    expect(added.hash).toBe(magnet);
    expect((await client.list()).find((t) => t.hash === magnet)).toMatchObject({ state: 'paused', size: 0 });
    await expect(client.addUrl(`magnet:?xt=urn:btih:${magnet}`, {})).rejects.toThrow(ConflictException);
    expect(await client.remove([magnet], false)).toMatchObject([{ hash: magnet, ok: true, data: 'kept' }]);
    await eventually(async () => !(await client.list()).some((t) => t.hash === magnet), 'the magnet is gone');
  });

  it("explains the 401 of qBittorrent's Host-port and Referer checks (a proxy in front of it)", async () => {
    const relay = await startRelay(Number(new URL(peer.url).port));
    try {
      // Through the relay the Host header carries the relay's port: qBittorrent answers 401.
      const proxied = new QbittorrentClient(http, () => ({
        ...connection,
        url: `http://127.0.0.1:${relay.port}`,
      }));
      const err = await upstreamFailure(proxied.list());
      expect(err.kind).toBe('unauthorized');
      expect(err.getStatus()).toBe(502);
      expect(err.message).toMatch(/^qBittorrent refused the request's Host or Origin \(HTTP 401\)/);
    } finally {
      await relay.close();
    }
    const api = new WebApi(peer.url, peer.username, peer.password);
    expect((await api.login()).text).toBe('Ok.');
    const foreign = await api.call('app/version', { headers: { Referer: 'http://elsewhere.test/' } });
    expect([foreign.status, foreign.text]).toEqual([401, 'Unauthorized']);
    expect((await api.call('app/version')).text).toBe('v4.5.2');
  });

  // One failed login only: 5 ban the address for an hour, and the client never retries one.
  it("names the credentials when the password is wrong ('Fails.'), never the password", async () => {
    const wrongPassword = `wrong-${randomBytes(4).toString('hex')}`;
    const wrong = new QbittorrentClient(http, () => ({ ...connection, password: wrongPassword }));
    const err = await upstreamFailure(wrong.list());
    expect(err.kind).toBe('unauthorized');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toMatch(
      /^qBittorrent refused the panel's username or password \(HTTP 200\); check the username and password of qBittorrent on the Torrent clients page/,
    );
    expect(err.message).toMatch(/bans the address for an hour after 5 failed logins/);
    expect(err.message).not.toContain(wrongPassword);
    expect(err.message).not.toContain(peer.password);
    // The same sentence again without a second login; the right client is not affected.
    expect((await upstreamFailure(wrong.version())).message).toBe(err.message);
    expect((await find())?.name).toBe(name);
  });

  it('removes with data: the torrent and its file are gone', async () => {
    expect(await client.remove([hash], true)).toEqual([
      { hash, ok: true, data: 'deleted', message: 'qBittorrent removed the torrent and deleted its data.' },
    ]);
    await eventually(() => !existsSync(`${peer.downloadDir}/${name}`), 'the data file is deleted');
    await eventually(async () => (await client.list()).length === 0, 'the torrent is unlisted');
  });
});
