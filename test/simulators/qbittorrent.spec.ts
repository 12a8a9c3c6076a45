import {
  BANNED_MESSAGE,
  createQbittorrentSimulator,
  QBITTORRENT_PASSWORD,
  QBITTORRENT_USERNAME,
  type QbittorrentSimulator,
} from '../../simulators/qbittorrent';
import { makeTorrentFile, parseTorrentFile } from '../../simulators/torrents';
import { request } from 'node:http';
import { WebApi } from '../support/qbittorrent-peer';

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function withHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const T0 = 1_800_000_000_000;
type Row = Record<string, unknown> & { hash: string; state: string };

function torrentForm(file: Buffer, fields: Record<string, string> = {}, filename = 'x.torrent'): FormData {
  const form = new FormData();
  form.append('torrents', new Blob([file], { type: 'application/x-bittorrent' }), filename);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

describe('qBittorrent WebUI API simulator', () => {
  let now: number;
  let sim: QbittorrentSimulator;
  let api: WebApi;
  const info = (query = '') => api.json<Row[]>(`torrents/info${query}`);
  const row = async (hash: string) => (await info(`?hashes=${hash}`))[0];
  const later = (ms = 1000) => {
    now += ms;
  };

  beforeEach(async () => {
    now = T0;
    sim = createQbittorrentSimulator({ torrents: 10, now: () => now });
    await sim.start();
    api = new WebApi(sim.url, QBITTORRENT_USERNAME, QBITTORRENT_PASSWORD);
    expect((await api.login()).text).toBe('Ok.');
  });
  afterEach(() => sim.stop());

  describe('login, session and the request checks', () => {
    it('answers 200 "Ok." with an SID cookie, 200 "Fails." for a wrong password and 403 without a session', async () => {
      const res = await fetch(`${sim.url}/api/v2/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `username=${QBITTORRENT_USERNAME}&password=${QBITTORRENT_PASSWORD}`,
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('Ok.');
      expect(res.headers.get('set-cookie')).toMatch(
        /^SID=[A-Za-z0-9]{32}; HttpOnly; path=\/; SameSite=Strict$/,
      );
      expect(res.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
      const wrong = await new WebApi(sim.url, QBITTORRENT_USERNAME, 'nope').login();
      expect([wrong.status, wrong.text]).toEqual([200, 'Fails.']);
      const anonymous = await fetch(`${sim.url}/api/v2/app/version`);
      expect([anonymous.status, await anonymous.text()]).toEqual([403, 'Forbidden']);
      expect((await api.call('app/version')).text).toBe('v4.5.2');
      expect((await api.call('app/webapiVersion')).text).toBe('2.8.19');
    });

    it('answers 401 to a Host header with another port and to a foreign Origin or Referer', async () => {
      const port = new URL(sim.url).port;
      const version = `${sim.url}/api/v2/app/version`;
      expect(await withHost(version, `127.0.0.1:${Number(port) + 1}`)).toBe(401);
      // Only the port counts (the request has no session, hence 403 rather than 401).
      expect(await withHost(version, `localhost:${port}`)).toBe(403);
      expect(await withHost(version, 'localhost')).toBe(403);
      expect((await api.call('app/version', { headers: { Origin: 'http://elsewhere.test' } })).status).toBe(
        401,
      );
      expect(
        (await api.call('app/version', { headers: { Referer: 'http://elsewhere.test/x' } })).status,
      ).toBe(401);
      expect((await api.call('app/version', { headers: { Origin: sim.url } })).status).toBe(200);
      const login = await api.call('auth/login', {
        form: { username: QBITTORRENT_USERNAME, password: QBITTORRENT_PASSWORD },
        headers: { Referer: 'http://elsewhere.test/' },
      });
      expect([login.status, login.text]).toEqual([401, 'Unauthorized']);
    });

    it('bans the address for an hour after 5 failed logins, even for the right password', async () => {
      const wrong = new WebApi(sim.url, QBITTORRENT_USERNAME, 'nope');
      for (let i = 0; i < 5; i++) expect((await wrong.login()).text).toBe('Fails.');
      const banned = await api.login();
      expect([banned.status, banned.text]).toEqual([403, BANNED_MESSAGE]);
      later(3_600_001);
      expect((await api.login()).text).toBe('Ok.');
    });

    it('answers 405 to a GET of an action and 404 to an unknown one; logout ends the session', async () => {
      expect((await api.call('torrents/pause')).status).toBe(405);
      expect((await api.call('torrents/nope')).status).toBe(404);
      expect((await api.call('auth/logout', { form: {} })).status).toBe(200);
      expect((await api.call('app/version')).status).toBe(403);
    });
  });

  describe('torrents', () => {
    const data = Buffer.alloc(40_000, 7);
    const file = makeTorrentFile({ name: 'sim.bin', data });
    const hash = parseTorrentFile(file)!.hash.toLowerCase();

    it('adds a .torrent ("Ok."), shows it a moment later, refuses a duplicate ("Fails.") and a non-torrent (415)', async () => {
      const added = await api.call('torrents/add', { multipart: torrentForm(file, { category: 'New' }) });
      expect([added.status, added.text]).toEqual([200, 'Ok.']);
      expect(await row(hash)).toBeUndefined();
      expect((await api.call('torrents/add', { multipart: torrentForm(file) })).text).toBe('Fails.');
      later();
      const t = await row(hash);
      expect(t).toMatchObject({
        name: 'sim.bin',
        category: 'New',
        size: 40_000,
        tracker: '',
        state: 'stalledUP',
      });
      expect(Object.keys(await api.json('torrents/categories'))).toContain('New');
      const bad = await api.call('torrents/add', {
        multipart: torrentForm(Buffer.from('nope'), {}, 'a.txt'),
      });
      expect([bad.status, bad.text]).toEqual([415, "Error: 'a.txt' is not a valid torrent file."]);
    });

    it('adds a magnet (metaDL, total_size -1) and a URL, paused when asked', async () => {
      const magnet = `magnet:?xt=urn:btih:${'ab'.repeat(20)}&dn=mag`;
      expect((await api.call('torrents/add', { form: { urls: magnet, paused: 'true' } })).text).toBe('Ok.');
      expect((await api.call('torrents/add', { form: { urls: magnet } })).text).toBe('Fails.');
      expect(
        (await api.call('torrents/add', { form: { urls: 'http://files.test/a.torrent', tags: 'n1' } })).text,
      ).toBe('Ok.');
      later();
      expect(await row('ab'.repeat(20))).toMatchObject({ state: 'pausedDL', total_size: -1, name: 'mag' });
      const byTag = await info('?tag=n1');
      expect(byTag.map((t) => t.name)).toEqual(['a']);
    });

    it('pauses and resumes a moment later (hashes joined by |), skipping unknown hashes', async () => {
      const [a, b] = await info();
      await api.call('torrents/resume', { form: { hashes: `${a.hash}|${b.hash}` } });
      later();
      await api.call('torrents/pause', { form: { hashes: `${a.hash}|${'0'.repeat(40)}` } });
      expect((await row(a.hash)).state).not.toMatch(/^paused/);
      later();
      expect((await row(a.hash)).state).toMatch(/^paused(UP|DL)$/);
      expect((await row(b.hash)).state).not.toMatch(/^paused/);
    });

    it('deletes with or without files (an unknown hash is still 200), and needs deleteFiles', async () => {
      const [a, b] = await info();
      expect((await api.call('torrents/delete', { form: { hashes: a.hash } })).status).toBe(400);
      await api.call('torrents/delete', {
        form: { hashes: `${a.hash}|${'0'.repeat(40)}`, deleteFiles: 'true' },
      });
      await api.call('torrents/delete', { form: { hashes: b.hash, deleteFiles: 'false' } });
      later();
      expect(await row(a.hash)).toBeUndefined();
      expect(await row(b.hash)).toBeUndefined();
      expect(sim.state.deletedData).toEqual([a.hash]);
    });

    it('sets a category only when it exists (409 otherwise); createCategory 409s on a known one', async () => {
      const [a] = await info();
      const refused = await api.call('torrents/setCategory', { form: { hashes: a.hash, category: 'Fresh' } });
      expect([refused.status, refused.text]).toEqual([409, 'Incorrect category name']);
      expect((await api.call('torrents/createCategory', { form: { category: 'Fresh' } })).status).toBe(200);
      expect((await api.call('torrents/createCategory', { form: { category: 'Fresh' } })).status).toBe(409);
      expect(
        (await api.call('torrents/setCategory', { form: { hashes: a.hash, category: 'Fresh' } })).status,
      ).toBe(200);
      expect((await row(a.hash)).category).toBe('Fresh');
      await api.call('torrents/setCategory', { form: { hashes: a.hash, category: '' } });
      expect((await row(a.hash)).category).toBe('');
    });

    it('keeps limits in whole KiB/s (0 = unlimited), globally and per torrent', async () => {
      for (const [set, read] of [
        ['65536', '65536'],
        ['1500', '1024'],
        ['100', '1024'],
        ['0', '0'],
        ['-1', '0'],
      ]) {
        await api.call('transfer/setDownloadLimit', { form: { limit: set } });
        expect((await api.call('transfer/downloadLimit')).text).toBe(read);
      }
      await api.call('transfer/setUploadLimit', { form: { limit: '2048' } });
      expect(await api.json('transfer/info')).toMatchObject({ up_rate_limit: 2048, dl_rate_limit: 0 });
      const [a] = await info();
      await api.call('torrents/setDownloadLimit', { form: { hashes: a.hash, limit: '3000' } });
      expect(await api.json('torrents/downloadLimit', { hashes: a.hash })).toEqual({ [a.hash]: 2048 });
      expect(await api.json(`torrents/properties?hash=${a.hash}`)).toMatchObject({
        dl_limit: 2048,
        up_limit: -1,
      });
    });

    it('answers properties, trackers (pseudo-rows first), files and peers; 404 for an unknown hash', async () => {
      const [a] = await info();
      expect(await api.json(`torrents/properties?hash=${a.hash}`)).toMatchObject({
        hash: a.hash,
        save_path: '/downloads',
      });
      const trackers = await api.json<{ url: string; status: number }[]>(`torrents/trackers?hash=${a.hash}`);
      expect(trackers.slice(0, 3).map((t) => t.url)).toEqual(['** [DHT] **', '** [PeX] **', '** [LSD] **']);
      expect(trackers[3].url).toMatch(/^http:\/\//);
      const files = await api.json<{ name: string; priority: number }[]>(`torrents/files?hash=${a.hash}`);
      expect(files[0]).toMatchObject({ priority: 1 });
      expect(await api.json(`sync/torrentPeers?hash=${a.hash}`)).toMatchObject({ full_update: true });
      for (const path of ['properties', 'trackers', 'files']) {
        expect((await api.call(`torrents/${path}?hash=${'0'.repeat(40)}`)).status).toBe(404);
      }
      expect((await api.call('torrents/properties')).status).toBe(400);
    });

    it('shows the tracker only after the first announce', async () => {
      const announced = makeTorrentFile({
        name: 'tr.bin',
        data,
        announce: 'http://tracker.test:6969/announce',
      });
      await api.call('torrents/add', { multipart: torrentForm(announced) });
      later();
      const h = parseTorrentFile(announced)!.hash.toLowerCase();
      expect((await row(h)).tracker).toBe('');
      later();
      expect((await row(h)).tracker).toBe('http://tracker.test:6969/announce');
    });
  });

  describe('sync/maindata', () => {
    type Maindata = {
      rid: number;
      full_update?: boolean;
      torrents?: Record<string, Record<string, unknown>>;
      torrents_removed?: string[];
      categories?: Record<string, unknown>;
    };
    const sync = (rid: number) => api.json<Maindata>(`sync/maindata?rid=${rid}`);

    it('answers everything for rid=0, then only what changed, then everything for an unknown rid', async () => {
      const full = await sync(0);
      expect(full.full_update).toBe(true);
      expect(Object.keys(full.torrents!)).toHaveLength(10);
      expect(Object.values(full.torrents!)[0]).not.toHaveProperty('hash');
      const [a, b] = Object.keys(full.torrents!);
      await api.call('torrents/createCategory', { form: { category: 'Diff' } });
      await api.call('torrents/setCategory', { form: { hashes: a, category: 'Diff' } });
      await api.call('torrents/delete', { form: { hashes: b, deleteFiles: 'false' } });
      later();
      const diff = await sync(full.rid);
      expect(diff.full_update).toBeUndefined();
      expect(diff.rid).toBe(full.rid + 1);
      expect(diff.torrents![a]).toMatchObject({ category: 'Diff' });
      expect(diff.torrents![a]).not.toHaveProperty('name');
      expect(diff.torrents_removed).toEqual([b]);
      expect(diff.categories).toEqual({ Diff: { name: 'Diff', savePath: '' } });
      // Asking again with the acknowledged rid (a lost answer) repeats the diff.
      expect((await sync(full.rid)).torrents_removed).toEqual([b]);
      expect((await sync(12345)).full_update).toBe(true);
    });

    it('keeps its rids per session: a new login starts with a full update', async () => {
      const first = await sync(0);
      const other = new WebApi(sim.url, QBITTORRENT_USERNAME, QBITTORRENT_PASSWORD);
      await other.login();
      expect((await other.json<Maindata>(`sync/maindata?rid=${first.rid}`)).full_update).toBe(true);
    });
  });

  it('counts requests per action and honours the shared faults', async () => {
    sim.resetCounters();
    await info();
    await info();
    expect(sim.count('torrents/info')).toBe(2);
    sim.setFaults({ garbage: true });
    expect(() => JSON.parse(String(undefined))).toThrow();
    expect((await api.call('torrents/info')).text).toMatch(/garbage/);
    sim.setFaults({ garbage: false, badAuth: true });
    expect((await api.call('torrents/info')).status).toBe(403);
    expect((await api.login()).text).toBe('Fails.');
  });
});
