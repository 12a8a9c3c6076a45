import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './figures';
import type { ReliabilityWorld } from './world';

/** Secrets as trackers, feeds and private sites put them in torrent URLs; none may be kept anywhere. */
const URL_SECRETS = {
  passkey: 'PassKey-RELIAB-0a1b2c3d',
  torrentPass: 'TorrPass-RELIAB-9z8y7x6w',
  token: 'FeedToken-RELIAB-q1w2e3r4',
  apiKey: 'ApiKey-RELIAB-5t6y7u8i',
  userinfo: 'UserPw-RELIAB-7h8j9k0l',
  announceKey: 'feedbeef0123456789abcdef01234567',
  trackerPasskey: 'TrackerKey-RELIAB-55aa66bb',
};

const ADDED_URLS = [
  `http://tracker.example.test/dl/Album.torrent?passkey=${URL_SECRETS.passkey}&torrent_pass=${URL_SECRETS.torrentPass}`,
  `https://feed.example.test/get/Show.torrent?id=7&token=${URL_SECRETS.token}&api_key=${URL_SECRETS.apiKey}`,
  `http://bob:${URL_SECRETS.userinfo}@private.example.test/files/Film.torrent`,
  `magnet:?xt=urn:btih:${'feed'.padEnd(40, '2')}&dn=Reliab.Magnet` +
    `&tr=${encodeURIComponent(`http://t.example.test/announce/${URL_SECRETS.announceKey}`)}` +
    `&tr=${encodeURIComponent(`https://t2.example.test/announce.php?passkey=${URL_SECRETS.trackerPasskey}`)}`,
];

const occurrences = (text: string) =>
  Object.values(URL_SECRETS).reduce((n, secret) => n + text.split(secret).length - 1, 0);

/**
 * Torrents are added (to uTorrent and rTorrent) by URLs carrying query secrets, a user:pass@ and tracker
 * passkeys; then the audit API, its CSV export, the database files and the log are searched for them.
 */
export async function checkAuditSecrets(world: ReliabilityWorld): Promise<Figure[]> {
  let added = 0;
  for (const client of ['utorrent', 'rutorrent'])
    for (const url of ADDED_URLS) {
      const res = await world.request('POST', `/api/${client}/torrents/add-url`, { url }, { keep: false });
      if (res.status < 500) added++;
    }
  const audit = await world.request('GET', '/api/audit?q=.example.test&page_size=500', undefined, {
    keep: false,
  });
  const entries = Number(audit.json?.total ?? 0);
  const csv = await world.request('GET', '/api/audit/export', undefined, { keep: false });
  const database = readdirSync(world.dir)
    .filter((file) => file.startsWith('seedbox-panel.db'))
    .map((file) => readFileSync(join(world.dir, file), 'latin1'))
    .join('\n');
  const found = {
    api: occurrences(audit.text),
    csv: occurrences(csv.text),
    database: occurrences(database),
    log: occurrences(world.output),
  };
  const expected = ADDED_URLS.length * 2;
  return [
    {
      check: 'audit secrets',
      figure: `add-url requests with secrets in the URL audited (of ${expected})`,
      value: `${entries} entries (${added} answered)`,
      pass: entries >= expected,
    },
    ...Object.entries({
      'GET /api/audit': found.api,
      'the CSV export': found.csv,
      'the database files': found.database,
      'the log': found.log,
    }).map(([where, value]) => ({
      check: 'audit secrets',
      figure: `URL secrets (passkeys, tokens, user:pass@) found in ${where} (must be 0)`,
      value,
      pass: value === 0,
    })),
  ];
}
