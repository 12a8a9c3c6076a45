import { HttpService } from '@nestjs/axios';
import { ConflictException } from '@nestjs/common';
import axios from 'axios';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { TransmissionClient } from '../../../../server/torrents/clients/transmission/transmission.client';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import type { Torrent } from '../../../../server/torrents/torrent.types';
import { UpstreamHttp } from '../../../../server/upstream/upstream-http.service';
import { makeTorrentFile, parseTorrentFile } from '../../../../simulators/torrents';
import { eventually } from '../../../support/eventually';
import {
  rawRpc,
  rpc,
  startTransmissionPeer,
  type TransmissionPeer,
} from '../../../support/transmission-peer';
import { upstreamFailure } from '../../support/upstream-failure';

/** The Transmission client against a REAL transmission-daemon 3.00 (test/peers/transmission-peer.sh). */
describe('TransmissionClient against a real transmission-daemon 3.00', () => {
  let peer: TransmissionPeer;
  let connection: TorrentClientConnection;
  let client: TransmissionClient;
  const name = `peer-client-${process.pid}.bin`;
  const data = randomBytes(96 * 1024);
  // Trackerless: nothing announces anywhere; the data is already in the download directory.
  const torrent = makeTorrentFile({ name, data });
  const hash = parseTorrentFile(torrent)!.hash;
  const find = async (): Promise<Torrent | undefined> => (await client.list()).find((t) => t.hash === hash);
  const stateIs = (state: string) => async () => (await find())?.state === state;

  beforeAll(async () => {
    peer = await startTransmissionPeer();
    writeFileSync(`${peer.downloadDir}/${name}`, data);
    connection = {
      id: 'transmission',
      service: 'Transmission',
      url: peer.url.replace(/\/transmission\/rpc$/, ''),
      username: peer.username,
      password: peer.password,
      credentialHint: 'the username and password of Transmission on the Torrent clients page',
      setupHint: 'set its URL on the Torrent clients page',
    };
    client = new TransmissionClient(new UpstreamHttp(new HttpService(axios.create())), () => connection);
  }, 300_000);
  afterAll(async () => {
    await peer?.stop();
  }, 60_000);

  it('reads the version and starts with no torrents', async () => {
    expect((await client.version()).version).toMatch(/^3\.00 \([0-9a-f]+\), RPC 16$/);
    expect(await client.list()).toEqual([]);
  });

  it('adds a .torrent file with a label; it verifies the data on disk and seeds', async () => {
    expect(await client.addFile(torrent, { label: 'peer' })).toEqual({ hash, name });
    await eventually(stateIs('seeding'), 'the added torrent seeds', 20_000);
    expect(await find()).toMatchObject({
      name,
      size: data.length,
      progress: 1,
      label: 'peer',
      eta: 0,
      tracker: '',
      client: 'transmission',
    });
  });

  it('refuses the same file again (409) and garbage (502)', async () => {
    await expect(client.addFile(torrent, {})).rejects.toThrow(ConflictException);
    const err = await upstreamFailure(client.addFile(Buffer.from('d4:infod4:name1:xee'), {}));
    expect(err.message).toBe('Transmission refused the .torrent file: invalid or corrupt torrent file.');
  });

  it('pause stops it (Transmission has no pause), resume starts it again', async () => {
    expect(await client.act('pause', [hash])).toEqual([{ hash, ok: true }]);
    // Stopped with all its data: completed, never "paused".
    await eventually(stateIs('completed'), 'the paused torrent is stopped', 10_000);
    await client.act('resume', [hash]);
    await eventually(stateIs('seeding'), 'the resumed torrent seeds', 10_000);
    const unknown = 'F'.repeat(40);
    expect((await client.act('stop', [unknown]))[0]).toMatchObject({ ok: false, notFound: true });
  });

  it('sets the global limits and reads them back in bytes/s (kB of 1000 bytes)', async () => {
    await client.setBandwidth({ down_limit: 250_000, up_limit: 12_700 });
    expect(await client.bandwidth()).toMatchObject({ down_limit: 250_000, up_limit: 13_000 });
    const raw = await rpc(peer, 'session-get', {
      fields: ['speed-limit-down', 'speed-limit-up', 'speed-limit-down-enabled', 'units'],
    });
    expect(raw.json!.arguments).toMatchObject({
      'speed-limit-down': 250,
      'speed-limit-up': 13,
      'speed-limit-down-enabled': true,
      units: { 'speed-bytes': 1000, 'speed-units': ['kB/s', 'MB/s', 'GB/s', 'TB/s'] },
    });
    await client.setBandwidth({ down_limit: null, up_limit: 0 });
    expect(await client.bandwidth()).toMatchObject({ down_limit: null, up_limit: null });
  });

  it('sets and clears the label', async () => {
    expect(await client.setLabel([hash], 'relabelled')).toEqual([{ hash, ok: true }]);
    expect((await find())?.label).toBe('relabelled');
    expect((await client.setLabel([hash], 'a,b'))[0]).toMatchObject({ ok: false, notFound: false });
    await client.setLabel([hash], '');
    expect((await find())?.label).toBe('');
  });

  it('gives the detail: the file, where it is, no error, no trackers', async () => {
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
  });

  it('adds a magnet stopped; it has no data yet', async () => {
    const magnetHash = randomBytes(20).toString('hex').toUpperCase();
    const added = await client.addUrl(`magnet:?xt=urn:btih:${magnetHash}&dn=peer-magnet`, { start: false });
    expect(added).toEqual({ hash: magnetHash, name: 'peer-magnet' });
    expect((await client.list()).find((t) => t.hash === magnetHash)).toMatchObject({
      state: 'stopped',
      size: 0,
    });
    expect((await client.dataLocations()).find((l) => l.hash === magnetHash)?.path).toBe('');
    expect(await client.remove([magnetHash], false)).toMatchObject([{ ok: true, data: 'kept' }]);
  });

  it('answers 409 with a session id first, and 200 when the id comes back', async () => {
    const first = await rawRpc(peer, { method: 'session-stats' }, '');
    expect(first.status).toBe(409);
    expect(first.sessionId).toMatch(/^[A-Za-z0-9]{48}$/);
    const again = await rawRpc(peer, { method: 'session-stats' }, first.sessionId);
    expect(again.status).toBe(200);
    expect(again.json?.result).toBe('success');
  });

  it('keeps working across a daemon restart, which issues a new session id', async () => {
    const old = (await rawRpc(peer, { method: 'session-stats' }, '')).sessionId;
    await client.list();
    await peer.restart();
    const stale = await rawRpc(peer, { method: 'session-stats' }, old);
    expect(stale.status).toBe(409);
    expect(stale.sessionId).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(stale.sessionId).not.toBe(old);
    // The client still holds the old id: its next call gets the 409 and resends with the new one.
    // The RPC answers before the daemon has loaded its torrents again: the list is [] for a moment.
    await eventually(async () => (await find())?.name === name, 'the torrent is listed after the restart');
  }, 60_000);

  it('names the credentials when the password is wrong, never the password', async () => {
    const wrongPassword = `wrong-${randomBytes(4).toString('hex')}`;
    const wrong = new TransmissionClient(new UpstreamHttp(new HttpService(axios.create())), () => ({
      ...connection,
      password: wrongPassword,
    }));
    const err = await upstreamFailure(wrong.list());
    expect(err.kind).toBe('unauthorized');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(
      "Transmission refused the panel's username or password (HTTP 401); check the username and password of Transmission on the Torrent clients page.",
    );
    expect(err.message).not.toContain(wrongPassword);
    expect(err.message).not.toContain(peer.password);
  });

  it('removes with data: the torrent and its file are gone', async () => {
    expect(await client.remove([hash], true)).toEqual([
      { hash, ok: true, data: 'deleted', message: 'Transmission removed the torrent and deleted its data.' },
    ]);
    await eventually(() => !existsSync(`${peer.downloadDir}/${name}`), 'the data file is deleted');
    expect(await client.list()).toEqual([]);
  });
});
