import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Simulator } from '../../simulators/core';
import type { Figure } from './figures';
import { FAULTS } from './check-upstream-faults';
import type { ReliabilityWorld } from './world';

async function settle(world: ReliabilityWorld): Promise<void> {
  for (;;) {
    const status = await world.request('GET', '/api/sync/status');
    if (status.json?.running !== true) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Many syncs with removal on, each under a random fault schedule: nobody on a server may be deleted. */
async function syncUnderFaults(world: ReliabilityWorld, runs: number): Promise<Figure[]> {
  await world.request('PUT', '/api/seerr', { remove_missing: true });
  await world.request('POST', '/api/sync', {});
  await settle(world);
  const before = new Set(world.stack.seerr.state.users.keys());
  const runsBefore = Number((await world.request('GET', '/api/sync/runs?page_size=1')).json?.total ?? 0);
  const auditBefore = Number(
    (await world.request('GET', '/api/audit?action=sync.run&page_size=1')).json?.total ?? 0,
  );
  const sims: Simulator[] = [
    world.stack.seerr,
    world.stack.plexTv.sim,
    world.stack.jellyfin,
    world.stack.emby,
  ];
  let faulted = 0;
  for (let i = 0; i < runs; i++) {
    for (const sim of sims) {
      sim.resetFaults();
      if (Math.random() < 0.3) {
        sim.setFaults({
          ...FAULTS[Math.floor(Math.random() * FAULTS.length)][1],
          emptyLists: Math.random() < 0.15,
        });
        faulted++;
      }
    }
    const started = await world.request('POST', '/api/sync', {});
    if (started.status === 202) await settle(world);
  }
  for (const sim of sims) sim.resetFaults();
  const after = new Set(world.stack.seerr.state.users.keys());
  const deleted = [...before].filter((id) => !after.has(id)).length;
  const runsAfter = Number((await world.request('GET', '/api/sync/runs?page_size=1')).json?.total ?? 0);
  const auditAfter = Number(
    (await world.request('GET', '/api/audit?action=sync.run&page_size=1')).json?.total ?? 0,
  );
  await world.request('PUT', '/api/seerr', { remove_missing: false });
  return [
    {
      check: 'no data lost',
      figure: `syncs with removal on under random faults (${faulted} faults injected)`,
      value: runs,
      pass: true,
    },
    {
      check: 'no data lost',
      figure: 'Seerr users on a media server deleted (must be 0)',
      value: deleted,
      pass: deleted === 0,
    },
    {
      check: 'no data lost',
      figure: 'runs recorded / audit entries',
      value: `${runsAfter - runsBefore} / ${auditAfter - auditBefore}`,
      pass: runsAfter - runsBefore === runs && auditAfter - auditBefore === runs,
    },
  ];
}

/** A child writes config versions in a loop and is killed with SIGKILL; the file must always be one of them. */
async function killDuringWrites(kills: number): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-kill-'));
  const file = join(dir, 'config.json');
  const writer = join(dir, 'writer.js');
  const atomic = resolve(__dirname, '..', '..', 'dist', 'server', 'config', 'atomic-file.js');
  writeFileSync(
    writer,
    `const { writeFileAtomic } = require(${JSON.stringify(atomic)});
let v = Number(process.argv[2]);
process.stdout.write('go\\n');
for (;;) { v++; writeFileAtomic(${JSON.stringify(file)}, JSON.stringify({ version: v, check: 'c' + v, padding: 'p'.repeat(4096 + (v % 97)) }), { backup: true }); }`,
  );
  writeFileSync(file, JSON.stringify({ version: 0, check: 'c0', padding: 'p'.repeat(4096) }));
  let good = 0;
  let version = 0;
  for (let i = 0; i < kills; i++) {
    const child = spawn(process.execPath, [writer, String(version)], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 25));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
        version: number;
        check: string;
        padding: string;
      };
      const expectedPadding = parsed.version === 0 ? 4096 : 4096 + (parsed.version % 97);
      if (parsed.check === `c${parsed.version}` && parsed.padding.length === expectedPadding) good++;
      version = parsed.version + 1_000_000;
    } catch {
      /* counted as not good */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    check: 'no data lost',
    figure: `config after ${kills} × kill -9 during writes: parseable and one of the written versions`,
    value: `${good} / ${kills}`,
    pass: good === kills,
  };
}

/** 50 concurrent edits through the API: none lost, each audited. */
async function concurrentEdits(world: ReliabilityWorld): Promise<Figure[]> {
  const names = Array.from({ length: 50 }, (_, i) => `concurrent-${i}`);
  const auditBefore = Number(
    (await world.request('GET', '/api/audit?action=users.settings&page_size=1')).json?.total ?? 0,
  );
  const statuses = await Promise.all(
    names.map((n) =>
      world.request('PUT', `/api/users/${n}/settings`, { immune: true }).then((r) => r.status),
    ),
  );
  const file = JSON.parse(readFileSync(join(world.dir, 'config.json'), 'utf8')) as {
    user_settings: Record<string, { immune?: boolean }>;
  };
  const kept = names.filter((n) => file.user_settings[n]?.immune === true).length;
  await new Promise((r) => setTimeout(r, 200));
  const auditAfter = Number(
    (await world.request('GET', '/api/audit?action=users.settings&page_size=1')).json?.total ?? 0,
  );
  return [
    {
      check: 'no data lost',
      figure: '50 concurrent edits kept in config.json',
      value: `${kept} / 50 (${statuses.filter((s) => s === 200).length} answered 200)`,
      pass: kept === 50,
    },
    {
      check: 'no data lost',
      figure: 'audit entries for those writes',
      value: auditAfter - auditBefore,
      pass: auditAfter - auditBefore === 50,
    },
  ];
}

export async function checkDataLoss(
  world: ReliabilityWorld,
  syncRuns: number,
  kills: number,
): Promise<Figure[]> {
  return [
    ...(await syncUnderFaults(world, syncRuns)),
    await killDuringWrites(kills),
    ...(await concurrentEdits(world)),
  ];
}
