import BetterSqlite3 from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuditService } from '../../../server/audit/audit.service';
import { createPanel } from '../../../server/bootstrap';
import { PanelLogger } from '../../../server/logging/panel-logger';
import { SyncRunStore } from '../../../server/sync/sync-run.store';
import { SyncService } from '../../../server/sync/sync.service';
import { eventually } from '../../support/eventually';
import { startTestPanel } from '../support/test-panel';
import { startSyncWorld, type SyncWorld } from './sync-world';

const ROOT = resolve(__dirname, '..', '..', '..');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as `npm run sync` / `npm run add-user` run it, from the TypeScript sources. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'server/bin/cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60000 },
      (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('command line', () => {
  let world: SyncWorld;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    world = await startSyncWorld();
    dir = mkdtempSync(join(tmpdir(), 'cli-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(world.config));
    env = { ...world.env, CONFIG_FILE: join(dir, 'config.json') };
  });
  afterAll(async () => {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans without writing (--dry-run --json), then syncs with a summary and exit code 0', async () => {
    const dry = await cli(['sync', '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.creates.length).toBeGreaterThan(10);
    expect(dry.stdout).not.toMatch(/"password"/);
    expect(Object.keys(world.seerr.counters()).some((k) => k.startsWith('POST'))).toBe(false);

    const run = await cli(['sync'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`created\\s+${plan.creates.length}`));
    expect(run.stderr).not.toMatch(/\[#+/); // no progress bar when stderr is not a terminal
  }, 90000);

  it('adds a user by hand, and refuses bad arguments with exit code 2', async () => {
    const short = await cli(['add-user', 'newbie', '--password', 'short'], env);
    expect(short).toMatchObject({ code: 2, stderr: expect.stringMatching(/at least 8 characters/) });
    const added = await cli(
      ['add-user', 'newbie', '--password', 'long-enough-pass', '--request-limit', '3', '--immune'],
      env,
    );
    expect(added.code).toBe(0);
    const user = [...world.seerr.state.users.values()].find((u) => u.username === 'newbie');
    expect(user).toMatchObject({ password: 'long-enough-pass', movieQuotaLimit: 3, tvQuotaLimit: 3 });
    const again = await cli(['add-user', 'newbie', '--password', 'long-enough-pass'], env);
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Seerr already has a user for newbie/),
    });
  }, 90000);

  it('exits 1 with a sentence when Seerr is down', async () => {
    world.seerr.setFaults({ errorRate: 1, errorStatus: 503 });
    try {
      const run = await cli(['sync'], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/failed/);
      expect(run.stdout).toMatch(/Seerr answered HTTP 503/);
    } finally {
      world.seerr.resetFaults();
    }
  }, 90000);

  it('refuses to run while the panel holds the config directory, touching nothing of its run', async () => {
    const panel = await startTestPanel(world.config, world.env);
    try {
      const token = (await panel.login()).access_token;
      // A run the panel has in progress: the CLI must not close it as abandoned.
      world.seerr.setFaults({ latencyMs: 1500 });
      const started = await panel
        .http()
        .post('/api/sync')
        .auth(token, { type: 'bearer' })
        .send({})
        .expect(202);
      const run = await cli(['sync'], { ...world.env, CONFIG_FILE: panel.configFile });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^Another Seedbox Panel process is using .*: the panel \(pid \d+, since .*\)\. Stop it first, or start syncs from the panel/,
      );
      world.seerr.resetFaults();
      await panel.app.get(SyncService).settled();
      const after = await panel
        .http()
        .get(`/api/sync/runs/${started.body.run_id}`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(after.body.status).toBe('completed');
    } finally {
      world.seerr.resetFaults();
      await panel.close();
    }
  }, 90000);

  it('killed with -9 mid-run, still records what it did, and the start is in the audit log', async () => {
    const fresh = await startSyncWorld();
    const runDir = mkdtempSync(join(tmpdir(), 'cli-killed-'));
    const configFile = join(runDir, 'config.json');
    writeFileSync(configFile, JSON.stringify(fresh.config));
    const before = fresh.seerr.state.users.size;
    // Slow enough that the run is still going when it is killed.
    fresh.seerr.setFaults({ latencyMs: 400 });
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'server/bin/cli.ts', 'sync'],
      { cwd: ROOT, env: { ...process.env, ...fresh.env, CONFIG_FILE: configFile }, stdio: 'ignore' },
    );
    const exited = new Promise((done) => child.once('exit', done));
    const recordedCreates = (): number => {
      const file = join(runDir, 'seedbox-panel.db');
      if (!existsSync(file)) return 0;
      const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare('SELECT counts FROM sync_run ORDER BY id DESC LIMIT 1').get() as
          { counts: string } | undefined;
        return row ? (JSON.parse(row.counts) as { created: number }).created : 0;
      } catch {
        return 0; // not migrated yet
      } finally {
        db.close();
      }
    };
    let panel: Awaited<ReturnType<typeof createPanel>> | undefined;
    try {
      await eventually(() => recordedCreates() > 0, 'the run has recorded its first creations', 60_000);
      child.kill('SIGKILL');
      await exited;
      const createdInSeerr = fresh.seerr.state.users.size - before;
      fresh.seerr.resetFaults();

      panel = await createPanel({
        configFile,
        env: { ...fresh.env, CONFIG_FILE: configFile },
        logger: new PanelLogger('error', 'json', { write: () => undefined }),
        clientDir: join(runDir, 'no-client'),
      });
      await panel.init();
      const runs = panel.get(SyncRunStore);
      const run = (await runs.get((await runs.latest())!.id))!;
      expect(run.status).toBe('failed');
      expect(run.counts.created).toBeGreaterThan(0);
      expect(run.counts.created).toBeLessThanOrEqual(createdInSeerr);
      expect(run.users.filter((u) => u.action === 'create' && u.outcome === 'ok')).toHaveLength(
        run.counts.created,
      );
      const started = await panel.get(AuditService).list({ action: 'sync.started' });
      expect(started.items.map((e) => e.target)).toContain(`run #${run.id}`);
    } finally {
      child.kill('SIGKILL');
      await panel?.close();
      await fresh.stop();
      rmSync(runDir, { recursive: true, force: true });
    }
  }, 120000);
});
