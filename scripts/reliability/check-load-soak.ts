import type { Figure } from './figures';
import { FAULTS } from './check-upstream-faults';
import { specRoutes } from './spec-routes';
import type { ReliabilityWorld } from './world';

/** Reads an event stream until aborted, counting events. */
async function countEvents(
  world: ReliabilityWorld,
  path: string,
  token: string,
  signal: AbortSignal,
): Promise<number> {
  let events = 0;
  try {
    const res = await fetch(`${world.base}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (chunk.done) break;
      events += (decoder.decode(chunk.value).match(/^event: /gm) ?? []).length;
    }
  } catch {
    /* aborted at the end */
  }
  return events;
}

/**
 * 50 concurrent clients reading the dashboard, users and torrents for a while, with faults switching
 * on and off; only mapped 502/503/504 may be 5xx, RSS must level off, and event streams keep delivering.
 */
export async function checkLoadSoak(world: ReliabilityWorld, seconds: number): Promise<Figure[]> {
  const available = new Set(specRoutes().map((r) => `${r.method} ${r.template}`));
  const mix = [
    '/api/seerr',
    '/api/mediaservers',
    '/api/users/detailed',
    '/api/health',
    '/api/audit?page_size=20',
    '/api/utorrent/torrents',
    '/api/rutorrent/torrents',
    '/api/plex/sessions',
  ].filter((p) => available.has(`GET ${p.split('?')[0]}`));
  const streams = ['/api/sync/events', '/api/utorrent/events', '/api/plex/sessions/events'].filter((p) =>
    available.has(`GET ${p}`),
  );
  const token = await world.login();
  const stopAt = Date.now() + seconds * 1000;
  const rssStart = world.rssMb();
  let rssMax = rssStart;
  const counts: Record<string, number> = {};
  let unexpected = 0;
  let total = 0;
  const abort = new AbortController();
  const streamCounts = Promise.all(
    streams.flatMap((p) => [0, 1].map(() => countEvents(world, p, token, abort.signal))),
  );

  const faults = (async () => {
    const sims = world.stack.simulators.map((s) => s.sim);
    while (Date.now() < stopAt) {
      for (const sim of sims) sim.resetFaults();
      const victim = sims[Math.floor(Math.random() * sims.length)];
      victim.setFaults(
        Math.random() < 0.5 ? FAULTS[Math.floor(Math.random() * FAULTS.length)][1] : { latencyMs: 200 },
      );
      await new Promise((r) => setTimeout(r, 5000));
    }
    for (const sim of sims) sim.resetFaults();
  })();
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, world.rssMb())), 1000);
  const worker = async () => {
    while (Date.now() < stopAt) {
      const path = mix[Math.floor(Math.random() * mix.length)];
      const res = await world
        .request('GET', path, undefined, { auth: token, timeoutMs: 30000 })
        .catch(() => undefined);
      total++;
      const status = res?.status ?? 0;
      counts[status] = (counts[status] ?? 0) + 1;
      if (!res || (status >= 500 && ![502, 503, 504].includes(status))) unexpected++;
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  await faults;
  clearInterval(sampler);
  abort.abort();
  const perStream = await streamCounts;
  const rssEnd = world.rssMb();
  // The quietest stream (sync) only pings every 15 s; short development runs expect nothing of it.
  const minEvents = Math.max(0, Math.floor(seconds / 15) - 1);
  return [
    {
      check: 'load and soak',
      figure: `requests by 50 clients over ${seconds} s (statuses)`,
      value: `${total} (${Object.entries(counts)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ')})`,
      pass: total > 0,
    },
    {
      check: 'load and soak',
      figure: '5xx other than mapped 502/503/504, or no answer (must be 0)',
      value: unexpected,
      pass: unexpected === 0,
    },
    {
      check: 'load and soak',
      figure: 'panel RSS start → end (max)',
      value: `${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)} MB (${rssMax.toFixed(0)} MB)`,
      pass: rssEnd <= Math.max(rssStart * 1.6, rssStart + 120),
    },
    {
      check: 'load and soak',
      figure: `events received per stream (${streams.join(', ')}; at least ${minEvents})`,
      value: perStream.join(', '),
      pass: perStream.every((n) => n >= minEvents) && world.alive,
    },
  ];
}
