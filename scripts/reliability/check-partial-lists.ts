import type { Faults, Simulator } from '../../simulators/core';
import type { Figure } from './figures';
import type { ReliabilityWorld } from './world';

interface Scenario {
  name: string;
  sim: (world: ReliabilityWorld) => Simulator;
  faults: Partial<Faults>;
  /** Plex lists its owner on top of what plex.tv returned. */
  includeOwner?: boolean;
}

/** Lists that are valid JSON and answer 200, yet are not the whole list. */
const SCENARIOS: Scenario[] = [
  { name: 'Emby pages short', sim: (w) => w.stack.emby, faults: { shortPages: true } },
  { name: 'Seerr pages short', sim: (w) => w.stack.seerr, faults: { shortPages: true } },
  { name: 'plex.tv lists nobody', sim: (w) => w.stack.plexTv.sim, faults: { emptyLists: true } },
  { name: 'Jellyfin lists nobody', sim: (w) => w.stack.jellyfin, faults: { emptyLists: true } },
  { name: 'Emby lists nobody', sim: (w) => w.stack.emby, faults: { emptyLists: true } },
  {
    name: 'plex.tv lists only the owner',
    sim: (w) => w.stack.plexTv.sim,
    faults: { emptyLists: true },
    includeOwner: true,
  },
];

async function syncOnce(world: ReliabilityWorld): Promise<void> {
  const started = await world.request('POST', '/api/sync', {});
  if (started.status !== 202) throw new Error(`the sync did not start (${started.status})`);
  for (;;) {
    const status = await world.request('GET', '/api/sync/status');
    if (status.json?.running !== true) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Syncs with removal on while one upstream answers a partial list (short pages, empty but valid, only
 * the owner). The world is in line before each run, so any deletion is one the partial list caused.
 */
export async function checkPartialLists(world: ReliabilityWorld): Promise<Figure[]> {
  await world.request('PUT', '/api/seerr', { remove_missing: true });
  let deleted = 0;
  const failures: string[] = [];
  try {
    await syncOnce(world);
    for (const scenario of SCENARIOS) {
      if (scenario.includeOwner)
        await world.request('PUT', '/api/mediaservers/Plex', { include_owner: true });
      const before = new Set(world.stack.seerr.state.users.keys());
      scenario.sim(world).setFaults(scenario.faults);
      try {
        await syncOnce(world);
      } finally {
        scenario.sim(world).resetFaults();
        if (scenario.includeOwner)
          await world.request('PUT', '/api/mediaservers/Plex', { include_owner: false });
      }
      const gone = [...before].filter((id) => !world.stack.seerr.state.users.has(id)).length;
      if (gone > 0) failures.push(`${scenario.name}: ${gone}`);
      deleted += gone;
    }
  } finally {
    await world.request('PUT', '/api/seerr', { remove_missing: false });
  }
  return [
    {
      check: 'partial lists',
      figure: `syncs with removal on while one list is partial (${SCENARIOS.map((s) => s.name).join('; ')})`,
      value: SCENARIOS.length,
      pass: true,
    },
    {
      check: 'partial lists',
      figure: 'Seerr users deleted across them (must be 0)',
      value: failures.length ? `${deleted} (${failures.join(', ')})` : deleted,
      pass: deleted === 0,
    },
  ];
}
