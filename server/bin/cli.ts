import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { config as loadDotenv } from 'dotenv';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { EnvironmentError, envFileOf, readEnvironment } from '../config/panel-environment';
import { ConfigError, loadConfig } from '../config/config.loader';
import { DirectoryLock, DirectoryLockedError } from '../config/directory-lock';
import { PanelLogger } from '../logging/panel-logger';
import { SyncPlanner } from '../sync/sync-planner.service';
import { SyncProgress } from '../sync/sync-progress';
import { SyncRunStore } from '../sync/sync-run.store';
import { planForDisplay, SyncService } from '../sync/sync.service';
import { AuditService } from '../audit/audit.service';
import type { CreateUserDto } from '../users/users.dto';
import { UsersService } from '../users/users.service';
import { renderProgress } from './cli-progress';
import { formatPlan, formatRun } from './cli-format';

const USAGE = `Usage:
  npm run sync -- [--remove-missing] [--permissions N] [--force] [--dry-run] [--json] [--config FILE]
  npm run add-user -- USERNAME --password P [--email E] [--permissions N] [--request-limit N] [--blocked] [--immune]

Exit codes: 0 done, 1 failed (or a user or server failed), 2 bad arguments, 3 deletions wait for approval.`;

export const EXIT = { ok: 0, failed: 1, usage: 2, approval: 3 } as const;

function fail(message: string, code: number = EXIT.usage): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(argv: string[]): Promise<number> {
  loadDotenv({ path: envFileOf(process.env), quiet: true });
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'remove-missing': { type: 'boolean' },
        permissions: { type: 'string' },
        force: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        password: { type: 'string' },
        email: { type: 'string' },
        'request-limit': { type: 'string' },
        blocked: { type: 'boolean' },
        immune: { type: 'boolean' },
      },
    });
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return fail(USAGE, EXIT.ok);
  const command = positionals[0] ?? 'sync';
  if (command !== 'sync' && command !== 'add-user') fail(`Unknown command "${command}".\n\n${USAGE}`);
  const permissions = wholeNumber(
    values.permissions,
    '--permissions must be a whole number of Seerr permission bits, e.g. 32 for REQUEST.',
  );
  const requestLimit = wholeNumber(
    values['request-limit'],
    '--request-limit must be a whole number (0 means unlimited).',
  );
  if (command === 'add-user') {
    if (!positionals[1]) fail(`add-user needs a user name.\n\n${USAGE}`);
    if (!values.blocked && (values.password ?? '').length < 8) {
      fail(
        '--password is required and must be at least 8 characters (the length Seerr requires whenever a password is changed later).',
      );
    }
  }

  let environment;
  try {
    environment = readEnvironment(process.env);
  } catch (err) {
    if (err instanceof EnvironmentError) fail(err.message, EXIT.failed);
    throw err;
  }
  const file = resolve(values.config ?? environment.configFile);
  const env = { ...process.env, CONFIG_FILE: file, SYNC_SCHEDULE: 'off' };
  // Never beside a running panel: it would close the panel's run as abandoned and sync over it.
  const lock = new DirectoryLock(dirname(file), 'a command-line run');
  try {
    lock.acquire();
  } catch (err) {
    if (err instanceof DirectoryLockedError) fail(err.message, EXIT.failed);
    throw err;
  }
  let loaded;
  try {
    loaded = await loadConfig(file);
  } catch (err) {
    lock.release();
    if (err instanceof ConfigError) fail(err.message, EXIT.failed);
    throw err;
  }
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ file, initial: loaded.config, env, lock }),
    {
      logger: new PanelLogger(process.env.LOG_LEVEL ? environment.logLevel : 'warn', 'text', process.stderr),
    },
  );
  try {
    if (command === 'add-user') {
      const dto = {
        username: positionals[1],
        password: values.password ?? '',
        email: values.email,
        permissions,
        request_limit: requestLimit,
        blocked: values.blocked,
        immune: values.immune,
      };
      return await addUser(app.get(UsersService), app.get(AuditService), dto, values.json === true);
    }
    const options = { remove_missing: values['remove-missing'], permissions, force: values.force };
    if (values['dry-run']) {
      const { plan } = await app.get(SyncPlanner).plan(options);
      process.stdout.write(
        values.json ? `${JSON.stringify(planForDisplay(plan), null, 2)}\n` : formatPlan(plan),
      );
      return plan.server_errors.length ? EXIT.failed : EXIT.ok;
    }
    const sync = app.get(SyncService);
    const subscription = app
      .get(SyncProgress)
      .changes.subscribe((p) => p && !values.json && renderProgress(p));
    const runId = await sync.start('cli', 'cli', options);
    await sync.settled();
    subscription.unsubscribe();
    const run = await app.get(SyncRunStore).get(runId);
    if (!run) return EXIT.failed;
    process.stdout.write(values.json ? `${JSON.stringify(run, null, 2)}\n` : formatRun(run));
    if (run.status === 'failed' || run.counts.failed > 0 || run.server_errors.length > 0) return EXIT.failed;
    return run.status === 'awaiting_approval' ? EXIT.approval : EXIT.ok;
  } finally {
    await app.close();
  }
}

function wholeNumber(value: string | undefined, problem: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(problem);
  return n;
}

async function addUser(
  users: UsersService,
  audit: AuditService,
  dto: CreateUserDto,
  json: boolean,
): Promise<number> {
  try {
    const created = await users.addUser(dto);
    await audit.record({
      actor: 'cli',
      action: 'users.create',
      target: dto.username,
      outcome: 'ok',
      detail: { seerr_id: created.seerr_id },
    });
    process.stdout.write(json ? `${JSON.stringify(created, null, 2)}\n` : `${created.message}\n`);
    return EXIT.ok;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await audit.record({
      actor: 'cli',
      action: 'users.create',
      target: dto.username,
      outcome: 'error',
      detail: { error: message },
    });
    process.stderr.write(`Could not add ${dto.username}: ${message}\n`);
    return EXIT.failed;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) =>
    fail(`The sync could not run: ${err instanceof Error ? err.message : String(err)}`, EXIT.failed),
);
