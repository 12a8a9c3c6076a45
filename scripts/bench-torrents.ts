// `npm run bench:torrents`: uTorrent, rTorrent and qBittorrent simulators with 5,000 torrents each; 100
// concurrent clients of the merged list (GET /api/torrents) and 100 open merged event streams
// (GET /api/torrents/events) for 30 s against the built panel running as its own process (so its peak RSS
// is its own), as in bench-sync.ts. BENCH_PATH and BENCH_EVENTS pick other routes.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createQbittorrentSimulator,
  QBITTORRENT_PASSWORD,
  QBITTORRENT_USERNAME,
} from '../simulators/qbittorrent';
import { createRtorrentSimulator, RTORRENT_PASSWORD, RTORRENT_USERNAME } from '../simulators/rtorrent';
import { freePort, peakRssMb, cpuSeconds, PANEL_NODE_FLAGS } from './support/process';
import { createUtorrentSimulator, UTORRENT_PASSWORD, UTORRENT_USERNAME } from '../simulators/utorrent';

const TORRENTS = 5000;
const CLIENTS = 100;
const STREAMS = Number(process.env.BENCH_STREAMS ?? 100);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 30);
const ADMIN = { username: 'admin', password: 'bench-admin-password' };
const LIST_PATH = process.env.BENCH_PATH ?? '/api/torrents';
const EVENTS_PATH = process.env.BENCH_EVENTS ?? '/api/torrents/events';
/** While a stream is open each poller reads its client every 2 s. */
const WATCHED_POLL_S = 2;

interface Stream {
  events: number;
  bytes: number;
  close: () => void;
}

/** One event-stream reader that only counts what arrives (as a browser tab that is just watching). */
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
  const utorrent = createUtorrentSimulator({ torrents: TORRENTS });
  const rtorrent = createRtorrentSimulator({ torrents: TORRENTS });
  const qbittorrent = createQbittorrentSimulator({ torrents: TORRENTS });
  const sims = [utorrent, rtorrent, qbittorrent];
  for (const sim of sims) await sim.start();
  /** Each client, its instance id and the upstream call that reads its whole list. */
  const clients = [
    { id: 'utorrent', name: 'uTorrent', listCalls: () => utorrent.count('list=1') },
    { id: 'rutorrent', name: 'rTorrent', listCalls: () => rtorrent.count('d.multicall2') },
    { id: 'bench-qbit', name: 'qBittorrent', listCalls: () => qbittorrent.count('sync/maindata') },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'seedbox-bench-torrents-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      admin: ADMIN,
      seerr: { url: '', api_key: '' },
      media_servers: [],
      user_settings: {},
      sync_interval_minutes: 0,
      utorrent: { url: utorrent.url, username: UTORRENT_USERNAME, password: UTORRENT_PASSWORD },
      rutorrent: { url: rtorrent.url, username: RTORRENT_USERNAME, password: RTORRENT_PASSWORD },
      torrent_clients: [
        {
          name: 'Bench qBit',
          type: 'qbittorrent',
          url: qbittorrent.url,
          username: QBITTORRENT_USERNAME,
          password: QBITTORRENT_PASSWORD,
        },
      ],
    }),
  );
  const port = await freePort();
  const panel = spawn(
    process.execPath,
    [
      ...(process.env.PANEL_NODE_FLAGS ?? PANEL_NODE_FLAGS).split(' ').filter(Boolean),
      resolve('dist/server/main.js'),
    ],
    {
      env: {
        ...process.env,
        CONFIG_FILE: configFile,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const streams: Stream[] = [];
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => undefined))?.ok) break;
      if (i > 100) throw new Error('the panel did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = (await (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ADMIN),
      })
    ).json()) as { access_token: string };
    const headers = { Authorization: `Bearer ${login.access_token}` };
    // Every poller starts (the first read loads each list).
    for (const client of clients) {
      const res = await fetch(`${base}/api/torrents/clients/${client.id}/torrents`, { headers });
      const body = (await res.json()) as { total?: number };
      if (body.total !== TORRENTS)
        throw new Error(`${client.name} listed ${body.total} torrents, not ${TORRENTS}`);
    }
    const merged = (await (await fetch(`${base}/api/torrents?page_size=1`, { headers })).json()) as {
      total?: number;
    };
    if (merged.total !== TORRENTS * clients.length)
      throw new Error(`the merged list has ${merged.total} torrents, not ${TORRENTS * clients.length}`);
    for (let i = 0; i < STREAMS; i++)
      streams.push(await openStream(`${base}${EVENTS_PATH}`, login.access_token));
    await new Promise((r) => setTimeout(r, 2500));
    for (const sim of sims) sim.resetCounters();
    const started = Date.now();
    const cpuBefore = cpuSeconds(panel.pid as number);
    const result = await autocannon({
      url: `${base}${LIST_PATH}`,
      connections: CLIENTS,
      duration: DURATION_S,
      headers,
    });
    const minutes = (Date.now() - started) / 60_000;
    const cpuMs = (cpuSeconds(panel.pid as number) - cpuBefore) * 1000;
    const [load] = loadavg();
    const rss = peakRssMb(panel.pid as number);
    const events = streams.reduce((a, s) => a + s.events, 0);
    const megabytes = streams.reduce((a, s) => a + s.bytes, 0) / 1048576;
    const row = (k: string, v: string | number) => `| ${k} | ${v} |`;
    const refreshes = (minutes * 60) / WATCHED_POLL_S;
    const lines = [
      `Torrent benchmark: ${TORRENTS.toLocaleString('en')} torrents in each of ${clients.length} clients; ${CLIENTS} clients of GET ${LIST_PATH} ` +
        `and ${STREAMS} open event streams (${EVENTS_PATH}) for ${DURATION_S} s`,
      '',
      '| figure | value |',
      '| --- | --- |',
      row('requests/s (aim ≥ 2,000)', Math.round(result.requests.average).toLocaleString('en')),
      row('latency p50 / p99 (aim p99 ≤ 50 ms)', `${result.latency.p50} ms / ${result.latency.p99} ms`),
      row(
        'requests / non-2xx / errors / timeouts',
        `${result.requests.total} / ${result.non2xx} / ${result.errors} / ${result.timeouts}`,
      ),
      ...clients.map((client) =>
        row(
          `${client.name} list calls per refresh (aim 1, whatever the number of viewers)`,
          (client.listCalls() / refreshes).toFixed(2),
        ),
      ),
      row('events received per stream (avg)', (events / STREAMS).toFixed(1)),
      row('event-stream data sent, all streams', `${megabytes.toFixed(1)} MB`),
      row(
        'panel CPU per request (all its work included)',
        `${(cpuMs / result.requests.total).toFixed(3)} ms`,
      ),
      row('panel CPU busy', `${((cpuMs / (minutes * 60_000)) * 100).toFixed(0)} % of one core`),
      row('panel peak RSS', `${rss.toFixed(1)} MB`),
      row('machine load average (1 min) at the end', load.toFixed(2)),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (result.non2xx > 0 || result.errors > 0) process.exitCode = 1;
  } finally {
    for (const s of streams) s.close();
    panel.kill('SIGTERM');
    await new Promise((r) => panel.once('exit', r));
    for (const sim of sims) await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`The benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
