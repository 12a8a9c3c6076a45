import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import {
  createQbittorrentSimulator,
  QBITTORRENT_PASSWORD,
  QBITTORRENT_USERNAME,
  type QbittorrentSimulator,
} from '../../simulators/qbittorrent';
import { makeTorrentFile, parseTorrentFile } from '../../simulators/torrents';
import { eventually } from '../support/eventually';
import {
  shapeOf,
  startQbittorrentPeer,
  WebApi,
  type QbittorrentPeer,
  type WebApiReply,
} from '../support/qbittorrent-peer';

/**
 * Differential test: the same WebUI API calls against the REAL qbittorrent-nox 4.5.2 (test/peers/
 * qbittorrent-peer.sh, a fresh profile of its own) and against the simulator; status codes, content
 * types, plain-text answers and the shapes of the JSON answers must agree.
 */
type Call = Parameters<WebApi['call']>[1];
type Row = Record<string, unknown>;
const ZEROS = '0'.repeat(40);

let peer: QbittorrentPeer;
let sim: QbittorrentSimulator;
let apis: WebApi[];
const name = `peer-diff-${process.pid}.bin`;
const data = randomBytes(80 * 1024);
// Trackerless, with its data in the download directory: it seeds after the hash check.
const torrent = makeTorrentFile({ name, data });
const hash = parseTorrentFile(torrent)!.hash.toLowerCase();

/** A request with a Host header of our choosing (fetch does not let a caller set Host). */
function withHost(url: string, host: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

function torrentForm(
  file: Buffer,
  fields: Record<string, string> = {},
  filename = `${name}.torrent`,
): FormData {
  const form = new FormData();
  form.append('torrents', new Blob([file], { type: 'application/x-bittorrent' }), filename);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

/** The same call on both; status and content type must agree. [real, simulator]. */
async function both(path: string, options: Call = {}): Promise<[WebApiReply, WebApiReply]> {
  const [real, fake] = await Promise.all(apis.map((api) => api.call(path, options)));
  expect([path, fake.status, fake.contentType]).toEqual([path, real.status, real.contentType]);
  return [real, fake];
}

/** Both answer the same text. */
async function same(path: string, options: Call = {}): Promise<WebApiReply> {
  const [real, fake] = await both(path, options);
  expect([path, fake.text]).toEqual([path, real.text]);
  return real;
}

/** Both answer JSON of the same shape (keys and value types); the real answer, parsed. */
async function sameShape<T = unknown>(path: string, options: Call = {}): Promise<[T, T]> {
  const [real, fake] = await both(path, options);
  const parsed = [JSON.parse(real.text), JSON.parse(fake.text)] as [T, T];
  expect(shapeOf(parsed[1])).toEqual(shapeOf(parsed[0]));
  return parsed;
}

const rowsOf = async (api: WebApi): Promise<Row[]> => api.json<Row[]>(`torrents/info?hashes=${hash}`);
const stateOn = async (api: WebApi): Promise<string | undefined> => (await rowsOf(api))[0]?.state as string;
/** Waits until the torrent's state on both is one of `states`. */
async function settle(...states: string[]): Promise<void> {
  for (const api of apis) {
    await eventually(
      async () => states.includes((await stateOn(api)) ?? ''),
      `${api.base} shows ${states.join('/')}`,
    );
  }
}

beforeAll(async () => {
  peer = await startQbittorrentPeer();
  writeFileSync(`${peer.downloadDir}/${name}`, data);
  sim = createQbittorrentSimulator({ torrents: 0, downloadDir: peer.downloadDir, applyDelayMs: 300 });
  await sim.start();
  apis = [
    new WebApi(peer.url, peer.username, peer.password),
    new WebApi(sim.url, QBITTORRENT_USERNAME, QBITTORRENT_PASSWORD),
  ];
}, 300_000);

afterAll(async () => {
  await sim?.stop();
  if (peer) rmSync(`${peer.downloadDir}/${name}`, { force: true });
  await peer?.stop();
}, 60_000);

describe('simulator vs real qbittorrent-nox 4.5.2', () => {
  it('agrees before a login: 403 without a session, 401 for a foreign Referer or Origin, 401 for another Host port', async () => {
    expect((await same('app/version')).text).toBe('Forbidden');
    expect((await same('app/version', { headers: { Referer: 'http://elsewhere.test/' } })).status).toBe(401);
    expect((await same('app/version', { headers: { Origin: 'http://elsewhere.test' } })).status).toBe(401);
    // A login with a foreign Referer is refused before the password is looked at.
    expect(
      (
        await same('auth/login', {
          form: { username: 'admin', password: 'x' },
          headers: { Referer: 'http://elsewhere.test/' },
        })
      ).text,
    ).toBe('Unauthorized');
    const hosts = await Promise.all(
      apis.map((api) => {
        const port = Number(new URL(api.base).port);
        return Promise.all([
          withHost(`${api.base}/api/v2/app/version`, `127.0.0.1:${port + 1}`),
          // Only the port is checked: another name for the same port passes (403: no session).
          withHost(`${api.base}/api/v2/app/version`, `localhost:${port}`),
        ]);
      }),
    );
    expect(hosts[1]).toEqual(hosts[0]);
    expect(hosts[0]).toEqual([
      { status: 401, text: 'Unauthorized' },
      { status: 403, text: 'Forbidden' },
    ]);
  });

  // One failed login on each: 5 would ban the address for an hour.
  it('agrees on the login: 200 "Fails." for a wrong password, 200 "Ok." with an SID cookie', async () => {
    const wrong = await Promise.all(apis.map((api) => api.login(`wrong-${randomBytes(3).toString('hex')}`)));
    expect(wrong.map((r) => [r.status, r.contentType, r.text])).toEqual([
      [200, 'text/plain; charset=UTF-8', 'Fails.'],
      [200, 'text/plain; charset=UTF-8', 'Fails.'],
    ]);
    const ok = await Promise.all(apis.map((api) => api.login()));
    expect(ok.map((r) => [r.status, r.contentType, r.text])).toEqual([
      [200, 'text/plain; charset=UTF-8', 'Ok.'],
      [200, 'text/plain; charset=UTF-8', 'Ok.'],
    ]);
    expect((await same('app/version')).text).toBe('v4.5.2');
    expect((await same('app/webapiVersion')).text).toBe('2.8.19');
    // Actions are POST only.
    expect((await same('torrents/pause')).status).toBe(405);
  });

  it('agrees on an empty sync/maindata, torrents/info and transfer/info', async () => {
    // The whole answer has the same shape: every server_state field, with its type.
    const [maindata, fake] = await sameShape<Row>('sync/maindata?rid=0');
    expect(maindata).toMatchObject({ full_update: true, rid: 1, torrents: {}, categories: {}, tags: [] });
    expect(fake.server_state).toMatchObject({ global_ratio: '-', refresh_interval: 1500, queueing: false });
    expect((await same('torrents/info')).text).toBe('[]');
    await sameShape('transfer/info');
  });

  it('agrees on torrents/add: "Ok.", a duplicate "Fails.", a file that is no torrent 415', async () => {
    const add = (fields: Record<string, string> = {}, file = torrent, filename?: string) =>
      same('torrents/add', { multipart: torrentForm(file, fields, filename) });
    expect((await add({ category: 'diff' })).text).toBe('Ok.');
    await settle('stalledUP', 'uploading');
    expect((await add()).text).toBe('Fails.');
    const junk = await add({}, Buffer.from('d4:infod4:name1:xee'), 'junk.torrent');
    expect([junk.status, junk.text]).toEqual([415, "Error: 'junk.torrent' is not a valid torrent file."]);
    expect((await same('torrents/add', { form: { urls: 'not a url' } })).text).toBe('Fails.');
  });

  it('lists the torrent with the same fields and types, in torrents/info and sync/maindata', async () => {
    const [real, fake] = await sameShape<Row[]>(`torrents/info?hashes=${hash}`);
    const stable = [
      'name',
      'size',
      'total_size',
      'progress',
      'category',
      'tracker',
      'content_path',
      'save_path',
      'amount_left',
      'eta',
      'tags',
    ];
    const pick = (row: Row) => Object.fromEntries(stable.map((k) => [k, row[k]]));
    expect(pick(fake[0])).toEqual(pick(real[0]));
    expect(real[0]).toMatchObject({
      name,
      size: data.length,
      progress: 1,
      category: 'diff',
      tracker: '',
      eta: 8_640_000,
    });
    const [full, fullFake] = await sameShape<Row>('sync/maindata?rid=0');
    expect(fullFake.categories).toEqual(full.categories);
  });

  it('agrees on the detail reads, and on their 404 "Not Found" for an unknown hash', async () => {
    const [properties] = await sameShape<Row>(`torrents/properties?hash=${hash}`);
    expect(properties).toMatchObject({ save_path: peer.downloadDir, dl_limit: -1, up_limit: -1 });
    const [files, fakeFiles] = await sameShape<Row[]>(`torrents/files?hash=${hash}`);
    expect(fakeFiles).toEqual(files);
    const [trackers, fakeTrackers] = await sameShape<Row[]>(`torrents/trackers?hash=${hash}`);
    // A trackerless torrent: only the DHT, PeX and LSD rows (status 0, "disabled").
    expect(fakeTrackers).toEqual(trackers);
    expect(trackers.map((t) => t.url)).toEqual(['** [DHT] **', '** [PeX] **', '** [LSD] **']);
    const [peers, fakePeers] = await sameShape<Row>(`sync/torrentPeers?hash=${hash}&rid=0`);
    expect(fakePeers).toEqual(peers);
    for (const path of ['torrents/properties', 'torrents/files', 'torrents/trackers']) {
      const reply = await same(`${path}?hash=${ZEROS}`);
      expect([reply.status, reply.text]).toEqual([404, 'Not Found']);
    }
    expect((await same(`sync/torrentPeers?hash=${ZEROS}&rid=0`)).status).toBe(404);
  });

  it('walks the same states through pause and resume, and sends only what changed after a rid', async () => {
    const rids = await Promise.all(
      apis.map(
        async (api) => (JSON.parse((await api.call('sync/maindata?rid=0')).text) as Row).rid as number,
      ),
    );
    expect((await same('torrents/pause', { form: { hashes: hash } })).text).toBe('');
    await settle('pausedUP');
    const changes = await Promise.all(
      apis.map(async (api, i) => JSON.parse((await api.call(`sync/maindata?rid=${rids[i]}`)).text) as Row),
    );
    for (const c of changes) {
      expect(c.full_update).toBeUndefined();
      expect((c.torrents as Record<string, Row>)[hash]).toMatchObject({ state: 'pausedUP' });
      expect((c.torrents as Record<string, Row>)[hash]).not.toHaveProperty('name');
    }
    await same('torrents/resume', { form: { hashes: hash } });
    await settle('stalledUP', 'uploading');
    // An unknown hash is skipped without a word.
    expect((await same('torrents/pause', { form: { hashes: ZEROS } })).status).toBe(200);
  });

  it('agrees on categories: 409 for an unknown one and for creating an existing one', async () => {
    const unknown = await same('torrents/setCategory', { form: { hashes: hash, category: 'nope' } });
    expect([unknown.status, unknown.text]).toEqual([409, 'Incorrect category name']);
    expect((await same('torrents/createCategory', { form: { category: 'other' } })).status).toBe(200);
    const again = await same('torrents/createCategory', { form: { category: 'other' } });
    expect([again.status, again.text]).toEqual([409, 'Unable to create category']);
    expect((await same('torrents/setCategory', { form: { hashes: hash, category: 'other' } })).status).toBe(
      200,
    );
    expect((await same('torrents/setCategory', { form: { hashes: hash, category: '' } })).status).toBe(200);
    const [categories, fakeCategories] = await sameShape<Row>('torrents/categories');
    expect(fakeCategories).toEqual(categories);
  });

  it('agrees on limits in bytes/s, kept as whole KiB/s', async () => {
    for (const [sent, kept] of [
      ['1500', '1024'],
      ['1048576', '1048576'],
      ['100', '1024'],
      ['0', '0'],
    ]) {
      await same('transfer/setDownloadLimit', { form: { limit: sent } });
      expect((await same('transfer/downloadLimit')).text).toBe(kept);
    }
    await same('transfer/setUploadLimit', { form: { limit: '3000' } });
    expect((await same('transfer/uploadLimit')).text).toBe('2048');
    const [info] = await sameShape<Row>('transfer/info');
    expect(info.up_rate_limit).toBe(2048);
    await same('transfer/setUploadLimit', { form: { limit: '0' } });
    expect((await same('transfer/speedLimitsMode')).text).toBe('0');
  });

  it('agrees on torrents/delete: 200 for an unknown hash; with deleteFiles the data goes', async () => {
    expect((await same('torrents/delete', { form: { hashes: ZEROS, deleteFiles: 'false' } })).text).toBe('');
    await same('torrents/delete', { form: { hashes: hash, deleteFiles: 'true' } });
    for (const api of apis)
      await eventually(async () => (await rowsOf(api)).length === 0, `${api.base} unlists it`);
    await eventually(() => !existsSync(`${peer.downloadDir}/${name}`), 'the real one deletes the file');
    expect((await same('torrents/info')).text).toBe('[]');
  });
});
