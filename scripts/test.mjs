// `npm test`: every check the project has, then one summary line "N passed, N failed".
// Each non-jest stage (lint, format, build, …) counts as one test; jest contributes its own counts.
// With CI=true it also checks that the committed OpenAPI spec and generated client are up to date.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages } from './support/system-packages.mjs';

const npx = (args) => ['npx', ['--no-install', ...args]];
const tally = { passed: 0, failed: 0 };
const failures = [];

ensureSystemPackages();

const banner = (name, [cmd, args]) => `\n=== ${name}: ${cmd} ${args.join(' ')}\n`;
const verdict = (name, ok, started) =>
  `=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`;

function run(name, command) {
  process.stdout.write(banner(name, command));
  const started = Date.now();
  const ok = spawnSync(command[0], command[1], { stdio: 'inherit', env: process.env }).status === 0;
  process.stdout.write(verdict(name, ok, started));
  return ok;
}

function record(name, ok) {
  if (ok) tally.passed++;
  else {
    tally.failed++;
    failures.push(name);
  }
}

const stage = (name, command) => record(name, run(name, command));

if (process.env.CI === 'true') {
  stage('generated API is up to date', [
    'bash',
    [
      '-c',
      'npm run --silent gen:api >/dev/null && git diff --exit-code --stat -- openapi client/src/app/api && test -z "$(git status --porcelain -- openapi client/src/app/api)"',
    ],
  ]);
}
// The static checks and the build in two lanes at once (they read the tree and write only dist/ and
// .angular/, which the checks ignore); each stage's output is printed whole when it ends.
function runBuffered(name, command) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(command[0], command[1], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const ok = code === 0;
      process.stdout.write(banner(name, command) + Buffer.concat(output) + verdict(name, ok, started));
      done(ok);
    });
  });
}

async function lane(stages) {
  for (const [name, command] of stages) record(name, await runBuffered(name, command));
}

await Promise.all([
  lane([
    ['typecheck (server, simulators, scripts, tests)', npx(['tsc', '-p', 'tsconfig.json', '--noEmit'])],
    ['typecheck (client specs)', npx(['tsc', '-p', 'test/client/tsconfig.json'])],
    ['build', ['npm', ['run', '--silent', 'build']]],
  ]),
  lane([
    ['lint', npx(['eslint', '--max-warnings', '0', '.'])],
    ['format', npx(['prettier', '--check', '.'])],
  ]),
]);

const dir = mkdtempSync(join(tmpdir(), 'jest-results-'));
const resultsFile = join(dir, 'results.json');
const jestOk = run('jest', npx(['jest', '--ci', '--forceExit', '--json', `--outputFile=${resultsFile}`]));
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  tally.passed += results.numPassedTests;
  tally.failed += results.numFailedTests;
  // A suite that fails to load has no failed tests; count it so it cannot pass silently.
  const brokenSuites = results.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.length === 0,
  );
  tally.failed += brokenSuites.length;
  for (const s of results.testResults.filter((s) => s.status === 'failed')) failures.push(`jest: ${s.name}`);
  if (!jestOk && results.numFailedTests === 0 && brokenSuites.length === 0) {
    tally.failed++;
    failures.push('jest exited with an error');
  }
} catch {
  tally.failed++;
  failures.push('jest produced no results');
}
rmSync(dir, { recursive: true, force: true });

// The reliability suite (docs/reliability.md): one test per figure, counted from its last line.
process.stdout.write('\n=== reliability: npm run test:reliability (built server)\n');
const reliability = spawnSync(
  process.execPath,
  ['-r', 'ts-node/register/transpile-only', 'scripts/reliability/run.ts'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
    encoding: 'utf8',
  },
);
process.stdout.write(reliability.stdout ?? '');
const counts = /^(\d+) passed, (\d+) failed$/m.exec(reliability.stdout ?? '');
if (counts) {
  tally.passed += Number(counts[1]);
  tally.failed += Number(counts[2]);
  if (Number(counts[2]) > 0) failures.push('reliability');
} else {
  tally.failed++;
  failures.push('reliability suite did not report');
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join('; ')}\n`);
process.stdout.write(`\n${tally.passed} passed, ${tally.failed} failed\n`);
process.exit(tally.failed ? 1 : 0);
