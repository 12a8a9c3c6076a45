import { readFileSync } from 'node:fs';
import type { PanelConfig } from '../../../server/config/config.schema';
import {
  createQbittorrentSimulator,
  QBITTORRENT_USERNAME,
  QBITTORRENT_VERSION,
  type QbittorrentSimulator,
} from '../../../simulators/qbittorrent';
import { eventually } from '../../support/eventually';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

/** Not a word of any sentence or answer: the panel must never echo it. */
const QB_PASSWORD = 'qb-pass-7d1e4b';
const WRONG_PASSWORD = 'not-the-pass-93ac';

interface Row {
  client_id: string;
  client_name: string;
}

/**
 * /api/torrents/settings against the real app and two qBittorrent simulators: an entry added there runs at
 * once (the registry follows config.json), moves with its URL, is tested before saving and goes away.
 */
describe('/api/torrents/settings: torrent_clients entries from the panel', () => {
  let qb: QbittorrentSimulator;
  let qb2: QbittorrentSimulator;
  let panel: TestPanel;
  let token: string;
  const api = () => {
    const http = panel.http();
    return {
      get: (path: string) => http.get(`/api${path}`).auth(token, { type: 'bearer' }),
      post: (path: string, body: object) =>
        http.post(`/api${path}`).auth(token, { type: 'bearer' }).send(body),
      put: (path: string, body: object) => http.put(`/api${path}`).auth(token, { type: 'bearer' }).send(body),
      delete: (path: string) => http.delete(`/api${path}`).auth(token, { type: 'bearer' }),
    };
  };
  const fileText = () => readFileSync(panel.configFile, 'utf8');
  const fileEntries = () => (JSON.parse(fileText()) as PanelConfig).torrent_clients ?? [];
  const rowsOf = async (id: string) =>
    ((await api().get('/torrents?page_size=1000').expect(200)).body as { items: Row[] }).items.filter(
      (r) => r.client_id === id,
    );
  const expectNoPassword = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toContain(QB_PASSWORD);
    expect(text).not.toContain(WRONG_PASSWORD);
  };

  beforeAll(async () => {
    qb = createQbittorrentSimulator({ torrents: 6, seed: 1, password: QB_PASSWORD, applyDelayMs: 0 });
    qb2 = createQbittorrentSimulator({ torrents: 4, seed: 2, password: QB_PASSWORD, applyDelayMs: 0 });
    await Promise.all([qb.start(), qb2.start()]);
    panel = await startTestPanel(
      baseConfig({ torrent_clients: [{ name: 'Old box', type: 'deluge', url: 'http://127.0.0.1:9' }] }),
      { UPSTREAM_TIMEOUT_MS: '3000' },
    );
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await Promise.all([qb.stop(), qb2.stop()]);
  });

  it('lists the entries without their passwords', async () => {
    const res = await api().get('/torrents/settings').expect(200);
    expect(res.body).toEqual([
      {
        id: 'old-box',
        name: 'Old box',
        type: 'deluge',
        url: 'http://127.0.0.1:9',
        username: '',
        has_password: false,
        rpc_path: null,
        download_dir: null,
        container: null,
        enabled: true,
        poll_seconds: 10,
      },
    ]);
  });

  it('tests a connection before saving it: the version, or the wrong password in words without it', async () => {
    const body = { name: 'Seedbox qBit', type: 'qbittorrent', url: qb.url, username: QBITTORRENT_USERNAME };
    const ok = await api()
      .post('/torrents/settings/test', { ...body, password: QB_PASSWORD })
      .expect(200);
    expect(ok.body).toEqual({ ok: true, version: `${QBITTORRENT_VERSION} (WebUI API 2.8.19)` });
    const wrong = await api()
      .post('/torrents/settings/test', { ...body, password: WRONG_PASSWORD })
      .expect(200);
    expect(wrong.body).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Seedbox qBit refused the panel's username or password \(HTTP 200\); check the username and password entered for Seedbox qBit\./,
      ),
    });
    expectNoPassword(wrong.body);
    const down = await api()
      .post('/torrents/settings/test', { ...body, url: 'http://127.0.0.1:9' })
      .expect(200);
    expect(down.body).toEqual({ ok: false, error: expect.stringMatching(/^Seedbox qBit/) });
    expect(fileEntries().map((e) => e.name)).toEqual(['Old box']);
  });

  it('says to set rpc_path to plugins/httprpc/action.php when /RPC2 answers 404', async () => {
    const res = await api()
      .post('/torrents/settings/test', { name: 'Seedbox rT', type: 'rtorrent', url: qb.url })
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.error).toContain('HTTP 404');
    expect(res.body.error).toContain('set rpc_path to plugins/httprpc/action.php');
  });

  it('creates an entry that runs at once: listed in /api/torrents/clients, its torrents merged', async () => {
    const res = await api()
      .post('/torrents/settings', {
        name: 'Seedbox qBit',
        type: 'qbittorrent',
        url: qb.url,
        username: QBITTORRENT_USERNAME,
        password: QB_PASSWORD,
        rpc_path: null,
      })
      .expect(201);
    expect(res.body).toEqual({
      id: 'seedbox-qbit',
      name: 'Seedbox qBit',
      type: 'qbittorrent',
      url: qb.url,
      username: QBITTORRENT_USERNAME,
      has_password: true,
      rpc_path: null,
      download_dir: null,
      container: null,
      enabled: true,
      poll_seconds: 10,
    });
    expectNoPassword(res.body);
    // Only what was sent: no defaults written, null not written.
    expect(fileEntries().at(-1)).toEqual({
      name: 'Seedbox qBit',
      type: 'qbittorrent',
      url: qb.url,
      username: QBITTORRENT_USERNAME,
      password: QB_PASSWORD,
    });
    const clients = await api().get('/torrents/clients').expect(200);
    expect(clients.body).toContainEqual(
      expect.objectContaining({
        id: 'seedbox-qbit',
        name: 'Seedbox qBit',
        kind: 'qbittorrent',
        active: true,
      }),
    );
    await eventually(async () => (await rowsOf('seedbox-qbit')).length === 6, 'its 6 torrents are merged');
    expect((await rowsOf('seedbox-qbit'))[0]).toMatchObject({ client_name: 'Seedbox qBit' });
    await panel.auditWritten();
    const audit = await api().get('/audit?action=torrents.settings.create').expect(200);
    expect(audit.body.items[0]).toMatchObject({
      target: 'Seedbox qBit',
      outcome: 'ok',
      status_code: 201,
      detail: { body: { password: '[redacted]' } },
    });
    expectNoPassword(audit.body);
  });

  it('refuses an id that is taken with 409 naming both, and a bad field with 400 naming it', async () => {
    const taken = await api()
      .post('/torrents/settings', { name: 'SEEDBOX qbit', type: 'deluge', url: qb2.url })
      .expect(409);
    expect(taken.body.message).toBe(
      'The name "SEEDBOX qbit" has the id "seedbox-qbit", which the torrent client "Seedbox qBit" already uses; choose another name.',
    );
    const seed = await api()
      .post('/torrents/settings', { name: 'uTorrent', type: 'utorrent', url: qb2.url })
      .expect(409);
    expect(seed.body.message).toBe(
      'The name "uTorrent" has the id "utorrent", which the seed\'s "utorrent" section already uses; choose another name.',
    );
    const rename = await api().put('/torrents/settings/old-box', { name: 'Seedbox-qBit' }).expect(409);
    expect(rename.body.message).toContain('which the torrent client "Seedbox qBit" already uses');
    const bad = await api()
      .post('/torrents/settings', { name: 'x', type: 'bitcomet', url: qb2.url })
      .expect(400);
    expect(bad.body.details).toEqual([
      { field: 'type', message: expect.stringContaining('type must be one of: utorrent, rtorrent') },
    ]);
    expect(fileEntries().map((e) => e.name)).toEqual(['Old box', 'Seedbox qBit']);
  });

  it('tests a stored entry with its stored password when the form sends none', async () => {
    const res = await api()
      .post('/torrents/settings/test', {
        id: 'seedbox-qbit',
        name: 'Seedbox qBit',
        type: 'qbittorrent',
        url: qb2.url,
        username: QBITTORRENT_USERNAME,
        password: '',
      })
      .expect(200);
    expect(res.body).toMatchObject({ ok: true });
    const withoutId = await api()
      .post('/torrents/settings/test', {
        name: 'Seedbox qBit',
        type: 'qbittorrent',
        url: qb2.url,
        username: QBITTORRENT_USERNAME,
      })
      .expect(200);
    expect(withoutId.body.ok).toBe(false);
    await api()
      .post('/torrents/settings/test', { id: 'nope', name: 'x', type: 'deluge', url: qb.url })
      .expect(404);
  });

  it('stores rpc_path with its slash, as ruTorrent users copy it without', async () => {
    const res = await api()
      .post('/torrents/settings', {
        name: 'ruTorrent box',
        type: 'rutorrent',
        url: 'https://box.example/rutorrent/',
        rpc_path: 'plugins/httprpc/action.php',
        enabled: false,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      id: 'rutorrent-box',
      rpc_path: '/plugins/httprpc/action.php',
      enabled: false,
    });
    expect(fileEntries().at(-1)).toEqual({
      name: 'ruTorrent box',
      type: 'rutorrent',
      url: 'https://box.example/rutorrent/',
      rpc_path: '/plugins/httprpc/action.php',
      enabled: false,
    });
    await api().delete('/torrents/settings/rutorrent-box').expect(200);
  });

  it('updates the URL, keeping the password; the instance follows to the other qBittorrent', async () => {
    const res = await api()
      .put('/torrents/settings/seedbox-qbit', { url: qb2.url, password: '', poll_seconds: 5 })
      .expect(200);
    expect(res.body).toMatchObject({ url: qb2.url, has_password: true, poll_seconds: 5 });
    expect(fileEntries().at(-1)).toEqual({
      name: 'Seedbox qBit',
      type: 'qbittorrent',
      url: qb2.url,
      username: QBITTORRENT_USERNAME,
      password: QB_PASSWORD,
      poll_seconds: 5,
    });
    await eventually(async () => (await rowsOf('seedbox-qbit')).length === 4, 'its list is the other one');
    await api().put('/torrents/settings/seedbox-qbit', { poll_seconds: null }).expect(200);
    expect(fileEntries().at(-1)).not.toHaveProperty('poll_seconds');
    const missing = await api().put('/torrents/settings/nope', { url: qb.url }).expect(404);
    expect(missing.body.message).toBe('No torrent_clients entry has the id "nope".');
    const seed = await api().put('/torrents/settings/utorrent', { url: qb.url }).expect(404);
    expect(seed.body.message).toContain('PUT /api/utorrent/settings');
    await panel.auditWritten();
    const audit = await api().get('/audit?action=torrents.settings.update').expect(200);
    expect(audit.body.items.map((e: { target: string }) => e.target)).toContain('Seedbox qBit');
  });

  it('deletes the entry: gone from the file, the clients and the merged list; then 404', async () => {
    const res = await api().delete('/torrents/settings/seedbox-qbit').expect(200);
    expect(res.body).toMatchObject({ id: 'seedbox-qbit', name: 'Seedbox qBit' });
    expect(fileEntries().map((e) => e.name)).toEqual(['Old box']);
    const clients = await api().get('/torrents/clients').expect(200);
    expect(clients.body.map((c: { id: string }) => c.id)).not.toContain('seedbox-qbit');
    expect(await rowsOf('seedbox-qbit')).toEqual([]);
    await api().delete('/torrents/settings/seedbox-qbit').expect(404);
    await panel.auditWritten();
    const audit = await api().get('/audit?action=torrents.settings.delete').expect(200);
    expect(
      audit.body.items.map((e: { target: string; status_code: number }) => [e.target, e.status_code]),
    ).toEqual([
      ['seedbox-qbit', 404],
      ['Seedbox qBit', 200],
      ['ruTorrent box', 200],
    ]);
    expect(fileText()).not.toContain(WRONG_PASSWORD);
  });
});
