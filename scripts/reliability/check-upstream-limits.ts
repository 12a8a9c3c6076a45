import { hugeJsonBody, json, Simulator, type SimRequest } from '../../simulators/core';
import { upstreamRoutes } from './check-upstream-faults';
import type { Figure } from './figures';
import { fillPath, requiredQuery } from './spec-routes';
import { ALL_SECRETS, CREDENTIALS, type Reply, type ReliabilityWorld } from './world';

const MB = 2 ** 20;
/** UPSTREAM_MAX_BODY_MB's default: the world does not set it. */
const CAP_MB = 64;
/** What socket and stream buffers may hold beyond what the panel read before it closed the socket. */
const BUFFER_MARGIN_MB = 16;
/**
 * The panel's memory while it refuses huge answers (it reached 1.6 GB when it buffered them): its 192 MB
 * heap, the shared budget of a quarter of it held as buffers and once more when they are joined, and
 * the code and everything else.
 */
const RSS_LIMIT_MB = 512;
const PLEX_ROUTES = ['/api/plex/libraries', '/api/plex/sessions', '/api/plex/status', '/api/plex/health'];
const TOO_LARGE = /^Plex\b.* (sent an answer larger than|sent more than the panel has room for)/;

const message = (res: Reply | undefined) => (typeof res?.json?.message === 'string' ? res.json.message : '');

/** The panel's peak resident memory while `work` runs, sampled every 20 ms. */
async function peakRss<T>(world: ReliabilityWorld, work: () => Promise<T>): Promise<[T, number]> {
  let peak = world.rssMb();
  const timer = setInterval(() => {
    if (world.alive) peak = Math.max(peak, world.rssMb());
  }, 20);
  try {
    return [await work(), peak];
  } finally {
    clearInterval(timer);
  }
}

async function until(condition: () => boolean, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

/**
 * Answers the panel must not hold whole, and redirects it must not follow with credentials: four
 * concurrent 50 MB answers (more than the 192 MB heap holds), an endless answer, and every upstream
 * redirecting to another origin that records what reaches it.
 */
export async function checkUpstreamLimits(world: ReliabilityWorld): Promise<Figure[]> {
  const figures: Figure[] = [];
  const plex = world.stack.plex.sim;
  const get = (path: string) =>
    world.request('GET', path, undefined, { timeoutMs: 30000 }).catch(() => undefined);

  hugeJsonBody(50); // built before the clock runs: building it is the simulator's cost, not the panel's
  plex.setFaults({ hugeBodyMb: 50 });
  const [huge, hugePeak] = await peakRss(world, () => Promise.all(PLEX_ROUTES.map(get)));
  plex.resetFaults();
  const refused = huge.filter((r) => r?.status === 502 && TOO_LARGE.test(message(r))).length;
  // The others may be refused for what they hold once read: answers the budget has room for (one
  // 50 MB answer, after the others were stopped) are parsed and judged like any other. A 504 naming
  // Plex is a right answer too, on a machine too busy to read 50 MB within the world's timeout.
  const namingPlex = huge.filter(
    (r) => (r?.status === 502 || r?.status === 504) && /^Plex\b/.test(message(r)),
  );
  const other = huge.filter((r) => !namingPlex.includes(r));
  figures.push({
    check: 'upstream limits',
    figure: `${PLEX_ROUTES.length} concurrent 50 MB answers from a media server (Plex): 502 too large / other 502 or 504 naming Plex; panel alive; peak RSS (< ${RSS_LIMIT_MB} MB)`,
    value: `${refused} / ${namingPlex.length - refused}; ${world.alive ? 'alive' : 'DEAD'}; ${Math.round(hugePeak)} MB${
      other.length
        ? `; other answers: ${other.map((r) => `${r?.status} ${message(r).slice(0, 80)}`).join(' | ')}`
        : ''
    }`,
    pass: refused > 0 && other.length === 0 && world.alive && hugePeak < RSS_LIMIT_MB,
  });

  plex.resetCounters();
  plex.setFaults({ endlessBody: true });
  const [endless, endlessPeak] = await peakRss(world, () => get('/api/plex/libraries'));
  const closed = await until(() => plex.endlessSent.length > 0, 5000);
  plex.resetFaults();
  const sentMb = Math.max(0, ...plex.endlessSent) / MB;
  figures.push({
    check: 'upstream limits',
    figure: `endless answer from Plex: MB sent before the panel closed the socket (≤ cap ${CAP_MB} + ${BUFFER_MARGIN_MB} buffered); 502 naming it; peak RSS (< ${RSS_LIMIT_MB} MB)`,
    value: `${closed ? sentMb.toFixed(1) : 'never closed'}; ${endless?.status ?? 'no answer'} ${message(endless).slice(0, 90)}; ${Math.round(endlessPeak)} MB`,
    pass:
      closed &&
      sentMb <= CAP_MB + BUFFER_MARGIN_MB &&
      endless?.status === 502 &&
      TOO_LARGE.test(message(endless)) &&
      endlessPeak < RSS_LIMIT_MB,
  });

  figures.push(await crossOriginRedirects(world));
  figures.push({
    check: 'upstream limits',
    figure: 'panel process still running',
    value: world.alive ? 'yes' : 'no',
    pass: world.alive,
  });
  return figures;
}

/** Every upstream-reading route while every simulator redirects to another origin. */
async function crossOriginRedirects(world: ReliabilityWorld): Promise<Figure> {
  const seen: SimRequest[] = [];
  const other = new Simulator({
    name: 'other origin',
    notFound: (req) => {
      seen.push(req);
      return json(200, {});
    },
  });
  const otherUrl = await other.start();
  const host = new URL(otherUrl).host;
  const routes = upstreamRoutes();
  let named = 0;
  let reportedInside = 0;
  const bad: string[] = [];
  try {
    for (const { sim } of world.stack.simulators) sim.setFaults({ redirectTo: otherUrl });
    for (const route of routes) {
      const path =
        fillPath(route, { name: 'Plex', key: '1' }) +
        requiredQuery(route, { token: CREDENTIALS.plexTvToken });
      const res = await world.request('GET', path, undefined, { timeoutMs: 30000 }).catch(() => undefined);
      if (res?.status === 502 && message(res).includes(`redirected the panel to ${host};`)) named++;
      else if (res?.status === 200)
        reportedInside++; // an overview naming it inside, or a snapshot
      else bad.push(`${route.template}: ${res?.status ?? 'no answer'} ${message(res).slice(0, 80)}`);
    }
  } finally {
    for (const { sim } of world.stack.simulators) sim.resetFaults();
    await other.stop();
  }
  const leaked = seen.filter((req) => {
    const sent = JSON.stringify([req.headers, req.query.toString(), req.body.toString()]);
    return ALL_SECRETS.some((s) => sent.includes(s) || sent.includes(encodeURIComponent(s)));
  }).length;
  return {
    check: 'upstream limits',
    figure: `cross-origin redirect from every upstream (${routes.length} routes): requests reaching the other origin / carrying a credential (must be 0 / 0); 502 naming its host / 200 reporting it`,
    value: `${seen.length} / ${leaked}; ${named} / ${reportedInside}${bad.length ? `; failures: ${bad.slice(0, 3).join('; ')}` : ''}`,
    pass: seen.length === 0 && leaked === 0 && bad.length === 0 && named > 0,
  };
}
