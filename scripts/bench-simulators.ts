// `npm run bench:simulators`: how long the simulators take to build their large worlds and to serve
// them. The tests check only what these produce (counts, determinism); the speed figures live here,
// because a busy machine must not fail a test.
import { createEmbySimulator, DEFAULT_EMBY_API_KEY } from '../simulators/emby';
import { createJellyfinSimulator, DEFAULT_JELLYFIN_API_KEY } from '../simulators/jellyfin';
import { createPlexWorld } from '../simulators/media-library';
import { createPlexTvSimulator } from '../simulators/plextv';
import { createRtorrentSimulator } from '../simulators/rtorrent';
import { createSeerrSimulator } from '../simulators/seerr';
import { createUtorrentSimulator } from '../simulators/utorrent';

async function timed<T>(what: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  process.stdout.write(`${what.padEnd(58)} ${(performance.now() - started).toFixed(0).padStart(6)} ms\n`);
  return result;
}

async function ok(res: Response): Promise<string> {
  if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status}`);
  return res.text();
}

async function main(): Promise<void> {
  await timed('Seerr: generate 10,000 users and 500 requests', () =>
    createSeerrSimulator({ localUsers: 5000, plexUsers: 4000, jellyfinUsers: 1000, requests: 500 }),
  );
  await timed('plex.tv: generate 10,000 friends', () =>
    createPlexTvSimulator({ friends: 10_000, managedUsers: 5 }),
  );
  await timed('Plex: build a world with 20,000 plays and 200 users', () =>
    createPlexWorld({ seed: 5, historySize: 20_000, users: 200 }),
  );

  const jellyfin = await timed('Jellyfin: generate 10,000 users', () =>
    createJellyfinSimulator({ users: 10_000 }),
  );
  await jellyfin.start();
  const jellyfinAuth = { Authorization: `MediaBrowser Token="${DEFAULT_JELLYFIN_API_KEY}"` };
  await timed('Jellyfin: GET /Users (10,000), first', async () =>
    ok(await fetch(`${jellyfin.url}/Users`, { headers: jellyfinAuth })),
  );
  await timed('Jellyfin: GET /Users (10,000), again', async () =>
    ok(await fetch(`${jellyfin.url}/Users`, { headers: jellyfinAuth })),
  );
  await jellyfin.stop();

  const emby = await timed('Emby: generate 10,000 users', () => createEmbySimulator({ users: 10_000 }));
  await emby.start();
  await timed('Emby: GET /Users/Query (10,000)', async () =>
    ok(await fetch(`${emby.url}/Users/Query?api_key=${DEFAULT_EMBY_API_KEY}`)),
  );
  await timed('Emby: 10 pages of 100', async () => {
    for (let start = 0; start < 1000; start += 100)
      await ok(
        await fetch(`${emby.url}/Users/Query?StartIndex=${start}&Limit=100&api_key=${DEFAULT_EMBY_API_KEY}`),
      );
  });
  await emby.stop();

  const utorrent = await timed('uTorrent: generate 5,000 torrents', () =>
    createUtorrentSimulator({ torrents: 5000 }),
  );
  await utorrent.start();
  const basic = `Basic ${Buffer.from('admin:utorrent').toString('base64')}`;
  const login = await fetch(`${utorrent.url}/gui/token.html`, { headers: { Authorization: basic } });
  const token = /<div id='token' style='display:none;'>([^<]+)<\/div>/.exec(await login.text())?.[1] ?? '';
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  await timed('uTorrent: list=1 (5,000)', async () =>
    ok(
      await fetch(`${utorrent.url}/gui/?token=${token}&list=1`, {
        headers: { Authorization: basic, Cookie: cookie },
      }),
    ),
  );
  await utorrent.stop();

  const rtorrent = await timed('rTorrent: generate 5,000 downloads', () =>
    createRtorrentSimulator({ torrents: 5000 }),
  );
  await rtorrent.start();
  const fields = [
    'd.hash=',
    'd.name=',
    'd.state=',
    'd.size_bytes=',
    'd.bytes_done=',
    'd.up.rate=',
    'd.custom1=',
  ]
    .map((f) => `<param><value><string>${f}</string></value></param>`)
    .join('');
  const body = `<?xml version="1.0"?><methodCall><methodName>d.multicall2</methodName><params><param><value><string></string></value></param><param><value><string>main</string></value></param>${fields}</params></methodCall>`;
  await timed('rTorrent: d.multicall2 over 5,000', async () =>
    ok(
      await fetch(`${rtorrent.url}/RPC2`, {
        method: 'POST',
        headers: {
          'Content-Type': 'text/xml',
          Authorization: `Basic ${Buffer.from('rtorrent:rtorrent').toString('base64')}`,
        },
        body,
      }),
    ),
  );
  await rtorrent.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
