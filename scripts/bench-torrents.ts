// `npm run bench:torrents`: uTorrent and rTorrent simulators with 5,000 torrents each; 100 concurrent clients
// of GET /api/utorrent/torrents and 100 open event streams (GET /api/utorrent/events) for 30 s against the
// built panel running as its own process (so its peak RSS is its own), as in bench-sync.ts.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRtorrentSimulator, RTORRENT_PASSWORD, RTORRENT_USERNAME } from '../simulators/rtorrent';
import { freePort, peakRssMb, cpuSeconds, PANEL_NODE_FLAGS } from './support/process';
import { createUtorrentSimulator, UTORRENT_PASSWORD, UTORRENT_USERNAME } from '../simulators/utorrent';

const TORRENTS = 5000;
const CLIENTS = 100;
const STREAMS = Number(process.env.BENCH_STREAMS ?? 100);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 30);
const ADMIN = { username: 'admin', password: 'bench-admin-password' };

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
  await utorrent.start();
  await rtorrent.start();
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
    // Both pollers start (the first read loads each list); rTorrent's keeps polling every 10 s meanwhile.
    for (const client of ['utorrent', 'rutorrent']) {
      const res = await fetch(`${base}/api/${client}/torrents`, { headers });
      const body = (await res.json()) as { total?: number };
      if (body.total !== TORRENTS)
        throw new Error(`${client} listed ${body.total} torrents, not ${TORRENTS}`);
    }
    for (let i = 0; i < STREAMS; i++)
      streams.push(await openStream(`${base}/api/utorrent/events`, login.access_token));
    await new Promise((r) => setTimeout(r, 2500));
    utorrent.resetCounters();
    rtorrent.resetCounters();
    const started = Date.now();
    const cpuBefore = cpuSeconds(panel.pid as number);
    const result = await autocannon({
      url: `${base}${process.env.BENCH_PATH ?? '/api/utorrent/torrents'}`,
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
    const lines = [
      `Torrent benchmark: ${TORRENTS.toLocaleString('en')} torrents per client; ${CLIENTS} clients of GET /api/utorrent/torrents ` +
        `and ${STREAMS} open event streams for ${DURATION_S} s`,
      '',
      '| figure | value |',
      '| --- | --- |',
      row('requests/s (aim ≥ 2,000)', Math.round(result.requests.average).toLocaleString('en')),
      row('latency p50 / p99 (aim p99 ≤ 50 ms)', `${result.latency.p50} ms / ${result.latency.p99} ms`),
      row(
        'requests / non-2xx / errors / timeouts',
        `${result.requests.total} / ${result.non2xx} / ${result.errors} / ${result.timeouts}`,
      ),
      row(
        'uTorrent list calls per minute (watched: 1 per 2 s)',
        (utorrent.count('list=1') / minutes).toFixed(1),
      ),
      row(
        'rTorrent d.multicall2 calls per minute (unwatched: 1 per 10 s)',
        (rtorrent.count('d.multicall2') / minutes).toFixed(1),
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
    await utorrent.stop();
    await rtorrent.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`The benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
