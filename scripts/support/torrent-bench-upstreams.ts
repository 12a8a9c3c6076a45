// The other side of `npm run bench:torrents`, in a process of its own: the uTorrent, rTorrent and
// qBittorrent simulators with 5,000 torrents each, and the open event streams (browser tabs that only
// watch). Kept out of the benchmark's process so the load generator's event loop measures the panel,
// not the simulators building multi-megabyte answers or the streams being read.
import { request } from 'node:http';
import {
  createQbittorrentSimulator,
  QBITTORRENT_PASSWORD,
  QBITTORRENT_USERNAME,
} from '../../simulators/qbittorrent';
import { createRtorrentSimulator, RTORRENT_PASSWORD, RTORRENT_USERNAME } from '../../simulators/rtorrent';
import { createUtorrentSimulator, UTORRENT_PASSWORD, UTORRENT_USERNAME } from '../../simulators/utorrent';

/** What the benchmark asks of this process. */
export type UpstreamsRequest =
  | { type: 'watch'; url: string; token: string; streams: number }
  | { type: 'reset' }
  | { type: 'report' }
  | { type: 'stop' };

/** What this process answers. */
export type UpstreamsAnswer =
  | {
      type: 'started';
      utorrent: { url: string; username: string; password: string };
      rtorrent: { url: string; username: string; password: string };
      qbittorrent: { url: string; username: string; password: string };
    }
  | { type: 'watching' }
  | { type: 'reset' }
  | {
      type: 'report';
      listCalls: { utorrent: number; rtorrent: number; qbittorrent: number };
      events: number;
      bytes: number;
    }
  | { type: 'failed'; message: string };

interface Stream {
  events: number;
  bytes: number;
  close: () => void;
}

/** One event-stream reader that only counts what arrives. */
function openStream(url: string, token: string): Promise<Stream> {
  return new Promise((done, fail) => {
    const stream: Stream = { events: 0, bytes: 0, close: () => req.destroy() };
    const req = request(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return fail(new Error(`event stream answered ${res.statusCode}`));
      res.on('data', (chunk: Buffer) => {
        stream.bytes += chunk.length;
        for (let i = chunk.indexOf('event: '); i >= 0; i = chunk.indexOf('event: ', i + 1)) stream.events++;
      });
      done(stream);
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : fail(err)));
    req.end();
  });
}

async function main(): Promise<void> {
  const torrents = Number(process.env.BENCH_TORRENTS ?? 5000);
  const utorrent = createUtorrentSimulator({ torrents });
  const rtorrent = createRtorrentSimulator({ torrents });
  const qbittorrent = createQbittorrentSimulator({ torrents });
  const sims = [utorrent, rtorrent, qbittorrent];
  for (const sim of sims) await sim.start();
  const streams: Stream[] = [];
  const send = (answer: UpstreamsAnswer) => process.send?.(answer);
  process.on('message', (msg: UpstreamsRequest) => {
    void (async () => {
      try {
        if (msg.type === 'watch') {
          for (let i = 0; i < msg.streams; i++) streams.push(await openStream(msg.url, msg.token));
          send({ type: 'watching' });
        } else if (msg.type === 'reset') {
          for (const sim of sims) sim.resetCounters();
          for (const s of streams) Object.assign(s, { events: 0, bytes: 0 });
          send({ type: 'reset' });
        } else if (msg.type === 'report') {
          send({
            type: 'report',
            listCalls: {
              utorrent: utorrent.count('list=1'),
              rtorrent: rtorrent.count('d.multicall2'),
              qbittorrent: qbittorrent.count('sync/maindata'),
            },
            events: streams.reduce((a, s) => a + s.events, 0),
            bytes: streams.reduce((a, s) => a + s.bytes, 0),
          });
        } else {
          for (const s of streams) s.close();
          for (const sim of sims) await sim.stop();
          process.exit(0);
        }
      } catch (err) {
        send({ type: 'failed', message: (err as Error).message });
      }
    })();
  });
  send({
    type: 'started',
    utorrent: { url: utorrent.url, username: UTORRENT_USERNAME, password: UTORRENT_PASSWORD },
    rtorrent: { url: rtorrent.url, username: RTORRENT_USERNAME, password: RTORRENT_PASSWORD },
    qbittorrent: { url: qbittorrent.url, username: QBITTORRENT_USERNAME, password: QBITTORRENT_PASSWORD },
  });
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.send?.({ type: 'failed', message: (err as Error).message } satisfies UpstreamsAnswer);
    process.exit(1);
  });
}
