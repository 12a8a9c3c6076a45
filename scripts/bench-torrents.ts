// `npm run bench:torrents`: uTorrent, rTorrent and qBittorrent simulators with 5,000 torrents each; 100
// concurrent clients of the merged list (GET /api/torrents) and 100 open merged event streams
// (GET /api/torrents/events) for 30 s against the built panel running as its own process (so its peak RSS
// is its own), as in bench-sync.ts. The simulators and the stream readers run in a third process, so
// this one only generates load and measures. BENCH_PATH and BENCH_EVENTS pick other routes.
import autocannon from 'autocannon';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, peakRssMb, cpuSeconds, PANEL_NODE_FLAGS } from './support/process';
import type { UpstreamsAnswer, UpstreamsRequest } from './support/torrent-bench-upstreams';

const TORRENTS = 5000;
const CLIENTS = 100;
const STREAMS = Number(process.env.BENCH_STREAMS ?? 100);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 30);
const ADMIN = { username: 'admin', password: 'bench-admin-password' };
const LIST_PATH = process.env.BENCH_PATH ?? '/api/torrents';
const EVENTS_PATH = process.env.BENCH_EVENTS ?? '/api/torrents/events';
/** While a stream is open each poller reads its client every 2 s. */
const WATCHED_POLL_S = 2;

/** Sends a request to the upstreams process and waits for its answer of the given type. */
function ask<T extends UpstreamsAnswer['type']>(
  child: ChildProcess,
  type: T,
  request?: UpstreamsRequest,
): Promise<Extract<UpstreamsAnswer, { type: T }>> {
  return new Promise((done, fail) => {
    const onMessage = (msg: UpstreamsAnswer) => {
      if (msg.type === 'failed') fail(new Error(msg.message));
      else if (msg.type === type) done(msg as Extract<UpstreamsAnswer, { type: T }>);
      else return;
      child.off('message', onMessage);
    };
    child.on('message', onMessage);
    if (request) child.send(request);
  });
}

async function main(): Promise<void> {
  const upstreams = fork(resolve(__dirname, 'support/torrent-bench-upstreams.ts'), {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, BENCH_TORRENTS: String(TORRENTS) },
  });
  const { utorrent, rtorrent, qbittorrent } = await ask(upstreams, 'started');
  /** Each client and its instance id. */
  const clients = [
    { id: 'utorrent', name: 'uTorrent', key: 'utorrent' },
    { id: 'rutorrent', name: 'rTorrent', key: 'rtorrent' },
    { id: 'bench-qbit', name: 'qBittorrent', key: 'qbittorrent' },
  ] as const;
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
      utorrent,
      rutorrent: rtorrent,
      torrent_clients: [{ name: 'Bench qBit', type: 'qbittorrent', ...qbittorrent }],
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
      stdio: ['ignore', process.env.BENCH_PANEL_STDOUT ? 'inherit' : 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
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
    await ask(upstreams, 'watching', {
      type: 'watch',
      url: `${base}${EVENTS_PATH}`,
      token: login.access_token,
      streams: STREAMS,
    });
    await new Promise((r) => setTimeout(r, 2500));
    await ask(upstreams, 'reset', { type: 'reset' });
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
    const report = await ask(upstreams, 'report', { type: 'report' });
    const events = report.events;
    const megabytes = report.bytes / 1048576;
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
        'latency p90 / p97.5 / max',
        `${result.latency.p90} ms / ${result.latency.p97_5} ms / ${result.latency.max} ms`,
      ),
      row(
        'requests / non-2xx / errors / timeouts',
        `${result.requests.total} / ${result.non2xx} / ${result.errors} / ${result.timeouts}`,
      ),
      ...clients.map((client) =>
        row(
          `${client.name} list calls per refresh (aim 1, whatever the number of viewers)`,
          (report.listCalls[client.key] / refreshes).toFixed(2),
        ),
      ),
      row('events received per stream (avg)', STREAMS ? (events / STREAMS).toFixed(1) : '-'),
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
    panel.kill('SIGTERM');
    await new Promise((r) => panel.once('exit', r));
    upstreams.send({ type: 'stop' } satisfies UpstreamsRequest);
    await new Promise((r) => upstreams.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`The benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
