import { HttpService } from '@nestjs/axios';
import { ConflictException, NotFoundException } from '@nestjs/common';
import axios from 'axios';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { DelugeClient } from '../../../../server/torrents/clients/deluge/deluge.client';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import type { Torrent } from '../../../../server/torrents/torrent.types';
import { UpstreamHttp } from '../../../../server/upstream/upstream-http.service';
import { makeTorrentFile, parseTorrentFile } from '../../../../simulators/torrents';
import { DelugeJsonRpc, type DelugePeer, startDelugePeer } from '../../../support/deluge-peer';
import { eventually } from '../../../support/eventually';
import { shortTimeoutHttp } from '../../support/short-timeout';
import { upstreamFailure } from '../../support/upstream-failure';

/** The Deluge client against a REAL deluged + deluge-web 2.0.3 (test/peers/deluge-peer.sh). */
describe('DelugeClient against a real deluged + deluge-web 2.0.3', () => {
  let peer: DelugePeer;
  let connection: TorrentClientConnection;
  let client: DelugeClient;
  const name = `peer-client-${process.pid}.bin`;
  const data = randomBytes(96 * 1024);
  // Trackerless: nothing announces anywhere; the data is already in the download directory.
  const torrent = makeTorrentFile({ name, data });
  const hash = parseTorrentFile(torrent)!.hash;
  const newClient = (over: Partial<TorrentClientConnection> = {}) =>
    new DelugeClient(new UpstreamHttp(new HttpService(axios.create())), () => ({ ...connection, ...over }), {
      addConfirmMs: 5000,
      addPollMs: 100,
    });
  const find = async (): Promise<Torrent | undefined> => (await client.list()).find((t) => t.hash === hash);
  const stateIs = (state: string) => async () => (await find())?.state === state;
  /** A bare JSON-RPC session of its own, to look at what the daemon holds. */
  const raw = async () => {
    const rpc = new DelugeJsonRpc(peer.url);
    await rpc.call('auth.login', [peer.password]);
    return rpc;
  };

  beforeAll(async () => {
    peer = await startDelugePeer();
    writeFileSync(`${peer.downloadDir}/${name}`, data);
    connection = {
      id: 'deluge',
      service: 'Deluge',
      url: peer.url,
      username: '',
      password: peer.password,
      credentialHint: 'the password of Deluge on the Torrent clients page',
      setupHint: 'set its URL on the Torrent clients page',
    };
    client = newClient();
  }, 300_000);
  afterAll(async () => {
    await peer?.stop();
  }, 60_000);

  it('reads the version and starts with no torrents', async () => {
    expect((await client.version()).version).toMatch(/^2\.0\.3 \(libtorrent \d+\.\d+\.\d+\.\d+\)$/);
    expect(await client.list()).toEqual([]);
  });

  it('adds a .torrent file with a label; it checks the data on disk and seeds', async () => {
    expect(await client.addFile(torrent, { label: 'Peer' })).toEqual({ hash, name });
    await eventually(stateIs('seeding'), 'the added torrent seeds', 20_000);
    expect(await find()).toMatchObject({
      name,
      size: data.length,
      progress: 1,
      // the Label plugin keeps lower-case labels only
      label: 'peer',
      eta: 0,
      ratio: 0,
      tracker: '',
      client: 'deluge',
    });
    expect((await find())?.added).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses the same file again (409) and garbage (502)', async () => {
    await expect(client.addFile(torrent, {})).rejects.toThrow(ConflictException);
    await expect(client.addFile(torrent, {})).rejects.toThrow(
      `Deluge already has this torrent: ${name} (${hash}).`,
    );
    const err = await upstreamFailure(client.addFile(Buffer.from('not a torrent'), {}));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toMatch(
      /^Deluge refused the \.torrent file: Unable to add torrent, decoding filedump failed/,
    );
    expect(err.message).not.toContain('Traceback');
  });

  it('pause pauses it (Deluge has no stop), resume seeds again; an unknown hash is not found', async () => {
    expect(await client.act('pause', [hash])).toEqual([{ hash, ok: true }]);
    await eventually(stateIs('paused'), 'the paused torrent is paused', 10_000);
    expect(await client.act('resume', [hash])).toEqual([{ hash, ok: true }]);
    await eventually(stateIs('seeding'), 'the resumed torrent seeds', 10_000);
    const unknown = 'F'.repeat(40);
    expect(await client.act('stop', [unknown, hash])).toEqual([
      { hash: unknown, ok: false, notFound: true, error: `Deluge has no torrent with hash ${unknown}.` },
      { hash, ok: true },
    ]);
    await eventually(stateIs('paused'), 'the stopped torrent is paused', 10_000);
    await client.act('start', [hash]);
    await eventually(stateIs('seeding'), 'the started torrent seeds', 10_000);
  });

  it('sets the global limits and reads them back in bytes/s (Deluge keeps KiB/s, -1 unlimited)', async () => {
    await client.setBandwidth({ down_limit: 256_000, up_limit: 12_700 });
    expect(await client.bandwidth(() => client.list())).toMatchObject({
      down_limit: 256_000,
      up_limit: 12_700,
    });
    const rpc = await raw();
    const config = await rpc.call('core.get_config_values', [['max_download_speed', 'max_upload_speed']]);
    expect(config.json?.result).toEqual({ max_download_speed: 250, max_upload_speed: 12_700 / 1024 });
    await client.setBandwidth({ down_limit: null, up_limit: 0 });
    expect(await client.bandwidth(() => client.list())).toMatchObject({
      down_rate: expect.any(Number) as number,
      down_limit: null,
      up_limit: null,
    });
    const cleared = await rpc.call('core.get_config_values', [['max_download_speed', 'max_upload_speed']]);
    expect(cleared.json?.result).toEqual({ max_download_speed: -1, max_upload_speed: -1 });
  });

  it('sets a new label (creating it), refuses one the plugin cannot hold, and clears it', async () => {
    expect(await client.setLabel([hash], 'Relabelled')).toEqual([{ hash, ok: true }]);
    expect((await find())?.label).toBe('relabelled');
    const labels = await (await raw()).call('label.get_labels');
    expect(labels.json?.result).toEqual(expect.arrayContaining(['peer', 'relabelled']));
    expect((await client.setLabel([hash], 'Movies HD'))[0]).toMatchObject({ ok: false, notFound: false });
    expect((await find())?.label).toBe('relabelled');
    expect(await client.setLabel([hash], '')).toEqual([{ hash, ok: true }]);
    expect((await find())?.label).toBe('');
  });

  it('gives the detail: the file, where it is, no error, no trackers; unknown is 404', async () => {
    expect(await client.detail(hash)).toEqual({
      hash,
      save_path: peer.downloadDir,
      error: null,
      files: [{ path: name, size: data.length, progress: 1, priority: 'normal' }],
      peers: [],
      trackers: [],
    });
    await expect(client.detail('E'.repeat(40))).rejects.toThrow(NotFoundException);
    expect(await client.dataLocations()).toEqual([
      { hash, name, path: `${peer.downloadDir}/${name}`, refusal: null },
    ]);
  });

  it('adds a magnet paused with a label; it has no data yet; removing it keeps nothing to delete', async () => {
    const magnetHash = randomBytes(20).toString('hex').toUpperCase();
    const added = await client.addUrl(`magnet:?xt=urn:btih:${magnetHash}&dn=peer-magnet`, {
      start: false,
      label: 'magnets',
    });
    expect(added).toEqual({ hash: magnetHash, name: 'peer-magnet' });
    expect((await client.list()).find((t) => t.hash === magnetHash)).toMatchObject({
      state: 'paused',
      size: 0,
      label: 'magnets',
    });
    expect((await client.dataLocations()).find((l) => l.hash === magnetHash)?.path).toBe('');
    expect(await client.remove([magnetHash], false)).toMatchObject([{ ok: true, data: 'kept' }]);
    await eventually(
      async () => !(await client.list()).some((t) => t.hash === magnetHash),
      'the magnet is gone',
    );
  });

  it('says why a URL could not be fetched', async () => {
    const err = await upstreamFailure(client.addUrl('http://127.0.0.1:1/none.torrent', {}));
    expect(err.message).toMatch(/^Deluge could not add the torrent at that URL: Connection was refused/);
  });

  it('connects deluge-web to its daemon again when it is not connected (web.connect)', async () => {
    const rpc = await raw();
    expect((await rpc.call('web.disconnect')).json?.error).toBeNull();
    expect((await rpc.call('web.connected')).json?.result).toBe(false);
    // A new session finds deluge-web unconnected and connects it to the online daemon.
    expect((await newClient().list()).map((t) => t.hash)).toEqual([hash]);
    expect((await rpc.call('web.connected')).json?.result).toBe(true);
  });

  it('after a web.disconnect behind its back, one call times out (504) and the next connects again', async () => {
    const short = new DelugeClient(shortTimeoutHttp(), () => connection);
    expect(await short.list()).toHaveLength(1);
    await (await raw()).call('web.disconnect');
    // deluge-web keeps the daemon's methods after a disconnect but never answers them.
    const err = await upstreamFailure(short.list());
    expect(err.kind).toBe('timeout');
    expect(err.getStatus()).toBe(504);
    expect((await short.list()).map((t) => t.hash)).toEqual([hash]);
  });

  it('names the password setting when it is wrong, never the password', async () => {
    const wrongPassword = `wrong-${randomBytes(4).toString('hex')}`;
    const err = await upstreamFailure(newClient({ password: wrongPassword }).list());
    expect(err.kind).toBe('unauthorized');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(
      "Deluge refused the panel's username or password (HTTP 200); check the password of Deluge on the Torrent clients page. deluge-web checks the password only; the username is not used.",
    );
    expect(err.message).not.toContain(wrongPassword);
    expect(err.message).not.toContain(peer.password);
  });

  it('removes with data: the torrent and its file are gone', async () => {
    expect(await client.remove([hash], true)).toEqual([
      { hash, ok: true, data: 'deleted', message: 'Deluge removed the torrent and deleted its data.' },
    ]);
    await eventually(() => !existsSync(`${peer.downloadDir}/${name}`), 'the data file is deleted');
    expect(await client.list()).toEqual([]);
  });
});
