import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createUtorrentSimulator,
  UTORRENT_PASSWORD,
  UTORRENT_USERNAME,
  type UtorrentSimulator,
} from '../../../simulators/utorrent';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const SECRETS = {
  passkey: 'PassKey0a1b2c3d4e5f',
  torrentPass: 'TorrPass9z8y7x6w',
  token: 'TokenQ1w2e3r4t5y6',
  userinfo: 'UserInfoPw-7h8j9k',
  announceKey: '0123456789abcdef0123456789abcdef',
  trackerPasskey: 'TrackerKey55aa66bb',
};

const URLS = [
  `http://tracker.example.test/dl/Album.torrent?passkey=${SECRETS.passkey}&torrent_pass=${SECRETS.torrentPass}`,
  `https://feed.example.test/get/Show.torrent?id=7&token=${SECRETS.token}`,
  `http://bob:${SECRETS.userinfo}@private.example.test/files/Film.torrent`,
  `magnet:?xt=urn:btih:${'c0ffee'.padEnd(40, '1')}&dn=Magnet.Name` +
    `&tr=${encodeURIComponent(`http://t.example.test/announce/${SECRETS.announceKey}`)}` +
    `&tr=${encodeURIComponent(`https://t2.example.test/announce.php?passkey=${SECRETS.trackerPasskey}`)}`,
];

describe('secrets in added torrent URLs', () => {
  let sim: UtorrentSimulator;
  let panel: TestPanel;
  let token: string;
  const get = (path: string) => panel.http().get(path).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    sim = createUtorrentSimulator({ torrents: 2 });
    await sim.start();
    panel = await startTestPanel(
      baseConfig({ utorrent: { url: sim.url, username: UTORRENT_USERNAME, password: UTORRENT_PASSWORD } }),
    );
    token = (await panel.login()).access_token;
    for (const url of URLS)
      await panel.http().post('/api/utorrent/torrents/add-url').auth(token, { type: 'bearer' }).send({ url });
    await panel.auditWritten();
  });
  afterAll(async () => {
    await panel.close();
    await sim.stop();
  });

  const leaks = (text: string) => Object.values(SECRETS).filter((secret) => text.includes(secret));

  it('are kept out of the audit log, which still shows what was added', async () => {
    const res = await get('/api/audit?action=utorrent.add&page_size=50').expect(200);
    expect(res.body.total).toBe(URLS.length);
    expect(leaks(JSON.stringify(res.body))).toEqual([]);
    const shown = res.body.items.map((e: { detail: { body: { url: string } } }) => e.detail.body.url);
    expect(shown).toEqual(
      expect.arrayContaining([
        'http://tracker.example.test/dl/Album.torrent?passkey=[redacted]&torrent_pass=[redacted]',
        'http://[redacted]@private.example.test/files/Film.torrent',
        expect.stringContaining('dn=Magnet.Name&tr=http%3A%2F%2Ft.example.test%2Fannounce%2F[redacted]'),
      ]),
    );
  });

  it('are kept out of the CSV export, the database file and the log', async () => {
    const csv = (await get('/api/audit/export?action=utorrent.add').expect(200)).text;
    expect(csv).toContain('private.example.test');
    expect(leaks(csv)).toEqual([]);
    const dbFiles = readdirSync(panel.dir).filter((f) => f.startsWith('seedbox-panel.db'));
    expect(dbFiles.length).toBeGreaterThan(0);
    for (const file of dbFiles) expect(leaks(readFileSync(join(panel.dir, file), 'latin1'))).toEqual([]);
    expect(leaks(panel.logs.join('\n'))).toEqual([]);
  });
});
