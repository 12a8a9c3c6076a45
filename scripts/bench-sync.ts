// `npm run bench:sync`: 10,000 people over Plex (plex.tv), Jellyfin and Emby simulators (overlapping)
// synced into a Seerr simulator holding 2,000 users, with 10 ms added to every upstream request. The
// panel runs as its own process (the built server), so its peak RSS is its own. A second, smaller run
// then makes the Seerr simulator hash passwords the way a small real Seerr does (a cost per create on a
// few workers), to show the write limit stops growing where Seerr saturates.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Simulator } from '../simulators/core';
import { createEmbySimulator, DEFAULT_EMBY_API_KEY } from '../simulators/emby';
import { createJellyfinSimulator, DEFAULT_JELLYFIN_API_KEY } from '../simulators/jellyfin';
import { createPlexTvSimulator, DEFAULT_PLEXTV_TOKEN } from '../simulators/plextv';
import { createSeerrSimulator, SEERR_API_KEY } from '../simulators/seerr';
import { people } from '../simulators/world';
import { freePort, peakRssMb, PANEL_NODE_FLAGS } from './support/process';

const LATENCY_MS = 10;
/** `sync.concurrency`: the most writes in flight; the panel picks how many from Seerr's answer times. */
const CEILING = 32;
/** The second run: this many created users are removed from Seerr again, and each create then costs… */
const REHASHED = 1000;
/** …this long on one of HASH_WORKERS workers (real Seerr: about 300 ms of bcrypt on its thread pool). */
const HASH_MS = 30;
const HASH_WORKERS = 4;
const ADMIN = { username: 'admin', password: 'bench-admin-password' };

interface StoredRun {
  status: string;
  counts: Record<string, number>;
  timings: Record<string, number>;
}

/** Starts a sync over the API and waits for it to finish. */
async function syncToEnd(
  base: string,
  auth: Record<string, string>,
): Promise<{ run_id: number; run: StoredRun; wallMs: number }> {
  const started = Date.now();
  const { run_id } = (await (
    await fetch(`${base}/api/sync`, { method: 'POST', headers: auth, body: '{}' })
  ).json()) as { run_id: number };
  for (;;) {
    const status = (await (await fetch(`${base}/api/sync/status`, { headers: auth })).json()) as {
      running: boolean;
    };
    if (!status.running) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const wallMs = Date.now() - started;
  const run = (await (await fetch(`${base}/api/sync/runs/${run_id}`, { headers: auth })).json()) as StoredRun;
  return { run_id, run, wallMs };
}

async function main(): Promise<void> {
  const population = people(11_000);
  const seerr = createSeerrSimulator({
    // 800 Plex-linked and 400 Jellyfin-linked accounts of people on the servers, 799 locals on none.
    people: [
      ...population.slice(0, 800),
      ...population.slice(3000, 3400),
      ...population.slice(10_000, 10_799),
    ],
    plexUsers: 800,
    jellyfinUsers: 400,
    localUsers: 799,
    requests: 300,
  });
  const plexTv = createPlexTvSimulator({ people: population.slice(0, 4000), managedUsers: 3 });
  const jellyfin = createJellyfinSimulator({ people: population.slice(3000, 7000) });
  const emby = createEmbySimulator({ people: population.slice(6000, 10_000) });
  const sims: Array<[string, Simulator]> = [
    ['seerr', seerr],
    ['plex.tv', plexTv.sim],
    ['jellyfin', jellyfin],
    ['emby', emby],
  ];
  for (const [, sim] of sims) await sim.start();

  const dir = mkdtempSync(join(tmpdir(), 'seedbox-bench-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      admin: ADMIN,
      seerr: { url: seerr.url, api_key: SEERR_API_KEY },
      media_servers: [
        {
          name: 'Plex',
          type: 'plex',
          url: 'http://127.0.0.1:9',
          token: DEFAULT_PLEXTV_TOKEN,
          enabled: true,
          password_suffix: '!Plex1',
          request_limit: 10,
        },
        {
          name: 'Jellyfin',
          type: 'jellyfin',
          url: jellyfin.url,
          token: DEFAULT_JELLYFIN_API_KEY,
          enabled: true,
          password_suffix: '!Jelly1',
          request_limit: 5,
        },
        {
          name: 'Emby',
          type: 'emby',
          url: emby.url,
          token: DEFAULT_EMBY_API_KEY,
          enabled: true,
          password_suffix: '!Emby1',
          request_limit: 3,
        },
      ],
      user_settings: {},
      sync_interval_minutes: 0,
      sync: { concurrency: CEILING, default_permissions: 32 },
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
        PLEX_TV_URL: plexTv.sim.url,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
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
    const auth = { Authorization: `Bearer ${login.access_token}`, 'Content-Type': 'application/json' };
    for (const [, sim] of sims) {
      sim.resetCounters();
      sim.setFaults({ latencyMs: LATENCY_MS });
    }

    const firstNewId = seerr.state.nextUserId;
    const { run_id, run, wallMs } = await syncToEnd(base, auth);
    const rss = peakRssMb(panel.pid as number);

    const byKind: Record<string, number> = {};
    let writes = 0;
    let listReads = 0;
    for (const [name, sim] of sims) {
      for (const [route, count] of Object.entries(sim.counters())) {
        byKind[`${name} ${route}`] = count;
        if (name === 'seerr' && /^(POST|PUT|DELETE) /.test(route)) writes += count;
        if (route.startsWith('GET ') && !route.endsWith('/settings/main')) listReads += count;
      }
    }
    const t = run.timings;
    const rounds = t.write_rounds ?? 0;
    const lowerBound = LATENCY_MS * rounds;
    const ratio = wallMs / lowerBound;
    const writePhases = (t.creating_ms ?? 0) + (t.updating_ms ?? 0) + (t.deleting_ms ?? 0);
    // Seerrsync's own pattern, one request at a time: the lists, then per created user POST /user,
    // its quota and its permissions, per updated user one quota write.
    const serialRequests = listReads + 3 * run.counts.created + run.counts.updated;
    const serialMs = LATENCY_MS * serialRequests;
    const row = (k: string, v: string | number) => `| ${k} | ${v} |`;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const lines = [
      `Sync benchmark: 10,000 people on 3 servers into Seerr with 2,000 users, ${LATENCY_MS} ms per upstream request, sync.concurrency (ceiling) ${CEILING}`,
      '',
      '| figure | value |',
      '| --- | --- |',
      row('run', `#${run_id} ${run.status}`),
      row(
        'created / updated / failed',
        `${run.counts.created} / ${run.counts.updated} / ${run.counts.failed}`,
      ),
      row('wall time', s(wallMs)),
      row('reading servers and Seerr', s(t.read_ms ?? 0)),
      row('writing (create, update and delete phases)', s(writePhases)),
      row('Seerr writes (POST, PUT, DELETE)', writes),
      row('Seerr requests of the write phases', t.write_requests ?? 0),
      row('writes in flight: settled on / peak', `${t.write_limit ?? '?'} / ${t.write_limit_peak ?? '?'}`),
      row('writes in flight on average (requests / rounds)', ((t.write_requests ?? 0) / rounds).toFixed(1)),
      row('rounds = Σ over those requests of 1 / (requests in flight as it started)', rounds),
      row(`lower bound L = ${LATENCY_MS} ms × rounds`, s(lowerBound)),
      row('**ratio wall / L** (aim ≤ 1.2)', ratio.toFixed(3)),
      row('ratio writing / L', (writePhases / lowerBound).toFixed(3)),
      row(
        `Seerrsync's serial pattern: ${LATENCY_MS} ms × (${listReads} list reads + 3 × created + updated)`,
        s(serialMs),
      ),
      row(
        '**times faster than Seerrsync’s serial pattern** (aim ≥ 20)',
        `${(serialMs / wallMs).toFixed(1)}×`,
      ),
      row('panel peak RSS (aim ≤ 200 MB)', `${rss.toFixed(1)} MB`),
      '',
      'Upstream requests by kind:',
      '',
      '| upstream request | count |',
      '| --- | --- |',
      ...Object.entries(byKind)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => row(k, v)),
    ];
    lines.push('', `${(serialMs / wallMs).toFixed(1)} times faster than Seerrsync's serial pattern.`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (run.status !== 'completed' || run.counts.failed > 0) process.exitCode = 1;

    // A Seerr that hashes: remove some of the new users again and let the panel create them anew.
    const again = [...seerr.state.users.keys()].filter((id) => id >= firstNewId).slice(0, REHASHED);
    for (const id of again) seerr.state.deleteUser(id);
    seerr.passwordHashing.configure({ costMs: HASH_MS, workers: HASH_WORKERS });
    for (const [, sim] of sims) sim.resetCounters();
    const hashed = await syncToEnd(base, auth);
    const ht = hashed.run.timings;
    const hashBound = (hashed.run.counts.created * HASH_MS) / HASH_WORKERS;
    const hashLines = [
      '',
      `A Seerr that hashes each new password for ${HASH_MS} ms on ${HASH_WORKERS} workers: ${again.length} users created anew`,
      '',
      '| figure | value |',
      '| --- | --- |',
      row('run', `#${hashed.run_id} ${hashed.run.status}`),
      row('created / failed', `${hashed.run.counts.created} / ${hashed.run.counts.failed}`),
      row('wall time (creating)', `${s(hashed.wallMs)} (${s(ht.creating_ms ?? 0)})`),
      row('writes in flight: settled on / peak', `${ht.write_limit ?? '?'} / ${ht.write_limit_peak ?? '?'}`),
      row(
        'writes in flight on average',
        ((ht.write_requests ?? 0) / Math.max(1, ht.write_rounds ?? 0)).toFixed(1),
      ),
      row(`hashing bound = created × ${HASH_MS} ms / ${HASH_WORKERS} workers`, s(hashBound)),
      row('ratio creating / hashing bound', ((ht.creating_ms ?? 0) / hashBound).toFixed(3)),
    ];
    process.stdout.write(`${hashLines.join('\n')}\n`);
    if (hashed.run.status !== 'completed' || hashed.run.counts.failed > 0) process.exitCode = 1;
  } finally {
    panel.kill('SIGTERM');
    await new Promise((r) => panel.once('exit', r));
    for (const [, sim] of sims) await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`The benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
