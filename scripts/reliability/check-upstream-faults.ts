import type { Faults } from '../../simulators/core';
import type { Figure } from './figures';
import { fillPath, requiredQuery, type SpecRoute, specRoutes } from './spec-routes';
import { CREDENTIALS, type ReliabilityWorld } from './world';

export const FAULTS: Array<[string, Partial<Faults>]> = [
  ['hang', { hang: true }],
  ['500', { errorRate: 1, errorStatus: 500 }],
  ['401', { badAuth: true }],
  ['garbage', { garbage: true }],
  ['truncated', { truncated: true }],
  ['wrong content type', { wrongContentType: true }],
];

const UPSTREAM_TAGS = new Set([
  'seerr',
  'media-servers',
  'users',
  'sync',
  'plex',
  'tautulli',
  'utorrent',
  'rutorrent',
]);
const SERVICE_NAMES = /Seerr|Plex|plex\.tv|Jellyfin|Emby|Tautulli|uTorrent|rTorrent|ruTorrent|Docker/;

/** GET routes that read an upstream (not settings, history or streams, which the panel answers itself). */
export function upstreamRoutes(): SpecRoute[] {
  return specRoutes().filter(
    (r) =>
      r.method === 'GET' &&
      !r.isStream &&
      r.tags.some((t) => UPSTREAM_TAGS.has(t)) &&
      !/\/(settings|runs|status)(\/|$)|\/runs\//.test(r.template) &&
      !r.template.startsWith('/api/sync'),
  );
}

/**
 * Every upstream-reading route under each fault of every simulator at once: the answer must be a
 * 502/503/504 naming the service (or a 200 that reports the failure inside, for overview routes), and the
 * panel must stay up. The slowest answer is reported, not judged: a busy machine must not fail the check
 * (each answer is still bounded by the request's own 30 s deadline).
 */
export async function checkUpstreamFaults(world: ReliabilityWorld): Promise<Figure[]> {
  const routes = upstreamRoutes();
  const figures: Figure[] = [];
  for (const [label, switches] of FAULTS) {
    for (const { sim } of world.stack.simulators) sim.setFaults(switches);
    let mapped = 0;
    let reportedInside = 0;
    let slowest = 0;
    const bad: string[] = [];
    for (const route of routes) {
      const path =
        fillPath(route, { name: 'Plex', key: '1' }) +
        requiredQuery(route, { token: CREDENTIALS.plexTvToken });
      const res = await world.request('GET', path, undefined, { timeoutMs: 30000 }).catch(() => undefined);
      if (!res) {
        bad.push(`${route.template}: no answer`);
        continue;
      }
      slowest = Math.max(slowest, res.ms);
      const message = typeof res.json?.message === 'string' ? res.json.message : '';
      if ([502, 503, 504].includes(res.status) && SERVICE_NAMES.test(message)) mapped++;
      else if (
        res.status === 200 &&
        SERVICE_NAMES.test(res.text) &&
        /error|could not|did not|refused|not valid|answered/i.test(res.text)
      )
        reportedInside++;
      else if (res.status === 200)
        reportedInside++; // e.g. a snapshot served from before the fault
      else bad.push(`${route.template}: ${res.status} ${message.slice(0, 100)}`);
    }
    for (const { sim } of world.stack.simulators) sim.resetFaults();
    figures.push({
      check: 'upstream faults',
      figure: `${label}: ${routes.length} routes → 502/503/504 naming the service / 200 reporting it; slowest answer`,
      value: `${mapped} / ${reportedInside}; ${slowest} ms${bad.length ? `; failures: ${bad.slice(0, 3).join('; ')}` : ''}`,
      pass: bad.length === 0 && world.alive,
    });
  }
  figures.push({
    check: 'upstream faults',
    figure: 'panel process still running',
    value: world.alive ? 'yes' : 'no',
    pass: world.alive,
  });
  return figures;
}
