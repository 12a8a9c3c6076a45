// `npm run test:reliability`: proves with figures that the panel keeps working under bad input,
// upstream faults and load, loses nothing, and lets no one in. Prints a table (the README shows the
// latest) and a last line "N passed, N failed" (one per figure). Needs the built server (dist/).
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkAuthCoverage } from './check-auth';
import { checkAuditSecrets } from './check-audit-secrets';
import { checkBadInput } from './check-bad-input';
import { checkCsv } from './check-csv';
import { checkDeepJson } from './check-deep-json';
import { checkBruteForce } from './check-brute-force';
import { checkDataLoss } from './check-data-loss';
import { checkLoadSoak } from './check-load-soak';
import { checkSecrets } from './check-secrets';
import { checkSessions } from './check-sessions';
import { checkPartialLists } from './check-partial-lists';
import { checkUpstreamFaults } from './check-upstream-faults';
import { checkUpstreamLimits } from './check-upstream-limits';
import { type Figure, table } from './figures';
import { ReliabilityWorld } from './world';

const SOAK_SECONDS = Number(process.env.RELIABILITY_SOAK_SECONDS ?? 120);
const SYNC_RUNS = Number(process.env.RELIABILITY_SYNC_RUNS ?? 200);
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 200);
const LIMITS_TIMEOUT_MS = 15_000;

async function main(): Promise<number> {
  const root = resolve(__dirname, '..', '..');
  if (!existsSync(join(root, 'dist', 'server', 'main.js'))) {
    process.stderr.write('dist/server/main.js is missing: run `npm run build:server` first.\n');
    return 1;
  }
  const world = new ReliabilityWorld();
  const figures: Figure[] = [];
  const started = Date.now();
  const step = async (name: string, run: () => Promise<Figure[]>) => {
    const t = Date.now();
    process.stdout.write(`… ${name}\n`);
    try {
      figures.push(...(await run()));
    } catch (err) {
      figures.push({
        check: name,
        figure: 'the check itself',
        value: err instanceof Error ? err.message : String(err),
        pass: false,
      });
    }
    process.stdout.write(`  ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  };
  try {
    await world.start();
    await step('auth coverage', () => checkAuthCoverage(world));
    // A panel of its own with a generous upstream timeout, so only the size limits can end its reads:
    // with the shared world's 0.8 s, a busy machine times the 50 MB answers out first.
    await step('upstream limits', async () => {
      const roomy = new ReliabilityWorld(LIMITS_TIMEOUT_MS);
      try {
        await roomy.start();
        return await checkUpstreamLimits(roomy);
      } finally {
        await roomy.stop();
      }
    });
    await step('audit secrets', () => checkAuditSecrets(world));
    await step('deep JSON', () => checkDeepJson(world));
    await step('CSV export', () => checkCsv(world));
    await step('bad input', () => checkBadInput(world));
    await step('upstream faults', () => checkUpstreamFaults(world));
    await step('no data lost', () => checkDataLoss(world, SYNC_RUNS, KILLS));
    await step('partial lists', () => checkPartialLists(world));
    await step('brute force', () => checkBruteForce(world));
    await step('sessions', () => checkSessions(world));
    await step('load and soak', () => checkLoadSoak(world, SOAK_SECONDS));
    await step('secrets', () => checkSecrets(world));
  } finally {
    await world.stop();
  }
  const passed = figures.filter((f) => f.pass).length;
  const failed = figures.length - passed;
  const report = `${table(figures)}\n\nTook ${((Date.now() - started) / 1000).toFixed(0)} s on ${new Date().toISOString().slice(0, 10)}.`;
  writeFileSync(
    join(root, 'docs', 'reliability.md'),
    `# Reliability figures\n\nProduced by \`npm run test:reliability\`.\n\n${report}\n`,
  );
  process.stdout.write(`\n${report}\n\n${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `The reliability suite could not run: ${err instanceof Error ? err.stack : String(err)}\n`,
    );
    process.exit(1);
  },
);
