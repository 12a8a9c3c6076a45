import { ConflictException } from '@nestjs/common';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DelugeClient } from '../../../../server/torrents/clients/deluge/deluge.client';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import { TORRENT_STATES } from '../../../../server/torrents/torrent.types';
import { createDelugeSimulator, DELUGE_PASSWORD, type DelugeSimulator } from '../../../../simulators/deluge';
import { makeTorrentFile, parseTorrentFile } from '../../../../simulators/torrents';
import { freePort } from '../../../support/free-port';
import { SHORT_TIMEOUT_MS, shortTimeoutHttp } from '../../support/short-timeout';
import { upstreamFailure } from '../../support/upstream-failure';
import { testHttp } from '../support/transport';

const SERVICE = 'Seedbox Deluge';

describe('DelugeClient against the deluge-web simulator', () => {
  let sim: DelugeSimulator;
  let dir: string;
  let connection: TorrentClientConnection;
  let client: DelugeClient;
  const data = Buffer.alloc(50_000, 9);
  const file = makeTorrentFile({ name: 'client.bin', data });
  const fileHash = parseTorrentFile(file)!.hash;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deluge-client-'));
    // A fresh deluge-web, not connected to its daemon: the client must connect it.
    sim = createDelugeSimulator({ torrents: 20, downloadDir: dir });
    await sim.start();
    connection = {
      id: 'seedbox-deluge',
      service: SERVICE,
      url: sim.url,
      username: '',
      password: DELUGE_PASSWORD,
      credentialHint: `the password of ${SERVICE} on the Torrent clients page`,
      setupHint: 'set its URL on the Torrent clients page',
    };
    client = new DelugeClient(testHttp(), () => connection, { addConfirmMs: 300, addPollMs: 50 });
  });
  afterEach(async () => {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in, connects deluge-web to its daemon, and lists every torrent', async () => {
    expect(client.kind).toBe('deluge');
    expect(client.service).toBe(SERVICE);
    expect(sim.connected).toBe(false);
    const list = await client.list();
    expect(sim.connected).toBe(true);
    expect(list).toHaveLength(20);
    expect(list.every((t) => /^[0-9A-F]{40}$/.test(t.hash) && t.client === 'deluge')).toBe(true);
    expect(list.every((t) => t.progress >= 0 && t.progress <= 1)).toBe(true);
    for (const t of list) expect(TORRENT_STATES).toContain(t.state);
    expect(sim.count('auth.login')).toBe(1);
    // A second list reuses the session and the connection.
    await client.list();
    expect(sim.count('auth.login')).toBe(1);
    expect(sim.count('web.connect')).toBe(1);
  });

  it('shares one upstream call between concurrent lists', async () => {
    await client.list();
    sim.resetCounters();
    const [a, b] = await Promise.all([client.list(), client.list()]);
    expect(b).toBe(a);
    const listing = (sim.count('core.get_torrents_status') || 0) + (sim.count('web.update_ui') || 0);
    expect(listing).toBe(1);
  });

  it('logs in again when the session expired, and reconnects after deluge-web restarts', async () => {
    await client.list();
    sim.sessions.clear();
    sim.restart();
    expect(await client.list()).toHaveLength(20);
    expect(sim.count('auth.login')).toBe(2);
    expect(sim.connected).toBe(true);
  });

  it('reports the version of the daemon', async () => {
    expect((await client.version()).version).toContain('2.0.3');
  });

  it('reads the connection at every call: no URL is a 503 that sends nothing', async () => {
    connection = { ...connection, url: '' };
    const err = (await client.list().then(
      () => undefined,
      (e: unknown) => e,
    )) as { getStatus(): number; message: string };
    expect(err.getStatus()).toBe(503);
    expect(err.message).toContain(SERVICE);
    expect(sim.totalRequests()).toBe(0);
  });

  it('a wrong password is refused with a sentence naming the setting, never the password', async () => {
    connection = { ...connection, password: 'not-the-password-123' };
    const err = await upstreamFailure(client.list());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toContain(SERVICE);
    expect(err.message).not.toContain('not-the-password-123');
  });

  it('garbage is a 502 invalid-response, never "no torrents"', async () => {
    await client.list();
    sim.setFaults({ garbage: true });
    client.reset();
    const err = await upstreamFailure(client.list());
    expect(err.kind).toBe('invalid-response');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toContain(SERVICE);
  });

  it('times out a hang with a 504', async () => {
    sim.setFaults({ hang: true });
    const impatient = new DelugeClient(shortTimeoutHttp(), () => connection);
    const err = await upstreamFailure(impatient.list());
    expect(err.getStatus()).toBe(504);
    expect(err.message).toContain(`did not answer within ${SHORT_TIMEOUT_MS / 1000} s`);
  });

  it('a deluge-web that is down is a 502 naming it', async () => {
    connection = { ...connection, url: `http://127.0.0.1:${await freePort()}` };
    const err = await upstreamFailure(client.version());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toMatch(/^Seedbox Deluge at 127\.0\.0\.1:\d+ refused the connection/);
  });

  it('an injected HTTP error status is a 502 naming it', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 500 });
    const err = await upstreamFailure(client.list());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toContain(SERVICE);
  });

  it('an empty list is []', async () => {
    sim.setFaults({ emptyLists: true });
    expect(await client.list()).toEqual([]);
  });

  it('pauses and resumes (Deluge has no stop: both map to pause/resume); unknown hashes are not found', async () => {
    const running = (await client.list()).find((t) => t.state === 'downloading')!;
    const unknown = 'F'.repeat(40);
    const pausedCount = () => [...sim.state.torrents.values()].filter((t) => t.paused).length;
    const before = pausedCount();
    const outcomes = await client.act('pause', [running.hash, unknown]);
    expect(outcomes[0]).toEqual({ hash: running.hash, ok: true });
    expect(outcomes[1]).toMatchObject({ hash: unknown, ok: false, notFound: true });
    expect(sim.state.find(running.hash.toLowerCase())!.paused).toBe(true);
    // Only that one: an empty list to pause_torrent would have paused every torrent.
    expect(pausedCount()).toBe(before + 1);
    await client.act('resume', [running.hash]);
    expect(sim.state.find(running.hash.toLowerCase())!.paused).toBe(false);
    await client.act('stop', [running.hash]);
    expect(sim.state.find(running.hash.toLowerCase())!.paused).toBe(true);
    await client.act('start', [running.hash]);
    expect(sim.state.find(running.hash.toLowerCase())!.paused).toBe(false);
  });

  it('adds a .torrent (paused when start is false, with a label), refuses a duplicate with 409', async () => {
    await client.list();
    const added = await client.addFile(file, { label: 'Client', start: false });
    expect(added).toEqual({ hash: fileHash, name: 'client.bin' });
    const t = sim.state.find(fileHash.toLowerCase())!;
    expect(t.paused).toBe(true);
    expect(t.label).toBe('client');
    await expect(client.addFile(file, {})).rejects.toBeInstanceOf(ConflictException);
  });

  it('adds by magnet and by URL and confirms they appeared', async () => {
    const magnetHash = 'AB'.repeat(20);
    const magnet = await client.addUrl(`magnet:?xt=urn:btih:${magnetHash}&dn=client-magnet`, {});
    expect(magnet.hash).toBe(magnetHash);
    expect(sim.state.find(magnetHash.toLowerCase())).toBeDefined();
    const byUrl = await client.addUrl('http://127.0.0.1:1/files/Some.Show.torrent', {});
    expect(byUrl.name).toBe('Some.Show');
  });

  it('removes with and without data; Deluge deletes the data itself', async () => {
    await client.list();
    writeFileSync(join(dir, 'client.bin'), data);
    await client.addFile(file, {});
    const [kept] = await client.list();
    expect(await client.remove([kept.hash], false)).toEqual([
      expect.objectContaining({ hash: kept.hash, ok: true, data: 'kept' }),
    ]);
    expect(await client.remove([fileHash], true)).toEqual([
      expect.objectContaining({ hash: fileHash, ok: true, data: 'deleted' }),
    ]);
    expect(existsSync(join(dir, 'client.bin'))).toBe(false);
    expect(sim.state.deletedData).toEqual([fileHash.toLowerCase()]);
  });

  it('reads and sets the global limits in bytes/s (Deluge keeps KiB/s, -1 unlimited)', async () => {
    expect(await client.bandwidth(() => client.list())).toMatchObject({ down_limit: null, up_limit: null });
    await client.setBandwidth({ down_limit: 2048 * 1024, up_limit: 0 });
    expect(sim.state.config.max_download_speed).toBe(2048);
    expect(sim.state.config.max_upload_speed).toBe(-1);
    expect(await client.bandwidth(() => client.list())).toMatchObject({
      down_limit: 2048 * 1024,
      up_limit: null,
    });
  });

  it('sets a label (creating it, lower-case as the Label plugin keeps it) and clears it', async () => {
    const [t] = await client.list();
    expect(await client.setLabel([t.hash], 'NewLabel')).toEqual([{ hash: t.hash, ok: true }]);
    expect(sim.state.find(t.hash.toLowerCase())!.label).toBe('newlabel');
    await client.setLabel([t.hash], '');
    expect(sim.state.find(t.hash.toLowerCase())!.label).toBe('');
  });

  it('shows the detail of a torrent: files, peers, trackers', async () => {
    const t = (await client.list()).find((x) => x.state === 'downloading')!;
    const detail = await client.detail(t.hash);
    expect(detail.files.length).toBeGreaterThan(0);
    expect(detail.trackers.length).toBe(1);
  });
});
