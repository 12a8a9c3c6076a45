import { Injectable } from '@nestjs/common';
import type { Insertable, Selectable } from 'kysely';
import { DatabaseService } from '../database/database.service';
import type { SyncRunStatus, SyncRunTable, SyncRunUserTable, SyncTrigger } from '../database/database.schema';
import type { SyncCountsDto, SyncRunDetailDto, SyncRunDto, SyncRunPageDto } from './sync.dto';

export const EMPTY_COUNTS: SyncCountsDto = {
  created: 0,
  updated: 0,
  deleted: 0,
  skipped: 0,
  failed: 0,
  unchanged: 0,
  pending_deletions: 0,
};

/** Sign-in columns are optional: the executor records outcomes, the run adds who signs in how. */
export type NewRunUser = Omit<Insertable<SyncRunUserTable>, 'id' | 'run_id'>;

function toRun(row: Selectable<SyncRunTable>): SyncRunDto {
  return {
    ...row,
    options: JSON.parse(row.options) as Record<string, unknown>,
    counts: { ...EMPTY_COUNTS, ...(JSON.parse(row.counts) as Partial<SyncCountsDto>) },
    server_errors: JSON.parse(row.server_errors) as SyncRunDto['server_errors'],
    timings: JSON.parse(row.timings) as Record<string, number>,
  };
}

/** Sync runs and their per-user outcomes in SQLite: the run history survives restarts. */
@Injectable()
export class SyncRunStore {
  constructor(private readonly database: DatabaseService) {}

  async create(trigger: SyncTrigger, actor: string, options: Record<string, unknown>): Promise<number> {
    const row = await this.database.db
      .insertInto('sync_run')
      .values({
        trigger,
        actor,
        status: 'running',
        started_at: new Date().toISOString(),
        finished_at: null,
        options: JSON.stringify(options),
        counts: JSON.stringify(EMPTY_COUNTS),
        server_errors: '[]',
        timings: '{}',
        message: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async addUsers(runId: number, users: NewRunUser[]): Promise<void> {
    // SQLite caps bound parameters per statement; insert in slices.
    for (let i = 0; i < users.length; i += 100) {
      await this.database.db
        .insertInto('sync_run_user')
        .values(users.slice(i, i + 100).map((u) => ({ ...u, run_id: runId })))
        .execute();
    }
  }

  /** Replaces the outcome of a user's pending action (deletions resumed after approval). */
  async settleUser(
    runId: number,
    seerrId: number,
    action: SyncRunUserTable['action'],
    outcome: SyncRunUserTable['outcome'],
    message: string | null,
  ): Promise<void> {
    await this.database.db
      .updateTable('sync_run_user')
      .set({ outcome, message })
      .where('run_id', '=', runId)
      .where('seerr_id', '=', seerrId)
      .where('action', '=', action)
      .execute();
  }

  async update(
    runId: number,
    fields: Partial<{
      status: SyncRunStatus;
      counts: SyncCountsDto;
      server_errors: SyncRunDto['server_errors'];
      timings: Record<string, number>;
      message: string | null;
      finished: boolean;
    }>,
  ): Promise<void> {
    await this.database.db
      .updateTable('sync_run')
      .set({
        ...(fields.status ? { status: fields.status } : {}),
        ...(fields.counts ? { counts: JSON.stringify(fields.counts) } : {}),
        ...(fields.server_errors ? { server_errors: JSON.stringify(fields.server_errors) } : {}),
        ...(fields.timings ? { timings: JSON.stringify(fields.timings) } : {}),
        ...(fields.message !== undefined ? { message: fields.message } : {}),
        ...(fields.finished ? { finished_at: new Date().toISOString() } : {}),
      })
      .where('id', '=', runId)
      .execute();
  }

  /** The run without its users. */
  async find(runId: number): Promise<SyncRunDto | undefined> {
    const row = await this.database.db
      .selectFrom('sync_run')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirst();
    return row ? toRun(row) : undefined;
  }

  async get(runId: number): Promise<SyncRunDetailDto | undefined> {
    const row = await this.database.db
      .selectFrom('sync_run')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirst();
    if (!row) return undefined;
    const users = await this.database.db
      .selectFrom('sync_run_user')
      .select(['username', 'seerr_id', 'action', 'outcome', 'message', 'sign_in', 'sign_in_method'])
      .where('run_id', '=', runId)
      .orderBy('id')
      .execute();
    return { ...toRun(row), users };
  }

  /** The accounts a run created (also those created but not finished), for its credentials sheet. */
  createdUsers(runId: number) {
    return this.database.db
      .selectFrom('sync_run_user')
      .select(['username', 'seerr_id', 'sign_in', 'sign_in_method', 'settings_from'])
      .where('run_id', '=', runId)
      .where('action', '=', 'create')
      .where('seerr_id', 'is not', null)
      .orderBy('id')
      .execute();
  }

  async list(page: number, pageSize: number): Promise<SyncRunPageDto> {
    const db = this.database.db;
    const { total } = await db
      .selectFrom('sync_run')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom('sync_run')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toRun), total: Number(total) };
  }

  async latest(): Promise<SyncRunDto | null> {
    const row = await this.database.db
      .selectFrom('sync_run')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toRun(row) : null;
  }

  /** A new run makes older runs' pending deletions moot: they are closed, their deletions not made. */
  async supersedePending(newRunId: number): Promise<void> {
    const db = this.database.db;
    const waiting = await db
      .selectFrom('sync_run')
      .select('id')
      .where('status', '=', 'awaiting_approval')
      .where('id', '<', newRunId)
      .execute();
    for (const { id } of waiting) {
      await db
        .updateTable('sync_run_user')
        .set({ outcome: 'skipped', message: `Not deleted: superseded by run #${newRunId}` })
        .where('run_id', '=', id)
        .where('outcome', '=', 'pending')
        .execute();
      await db
        .updateTable('sync_run')
        .set({
          status: 'completed',
          finished_at: new Date().toISOString(),
          message: `Superseded by run #${newRunId}; its deletions were not made.`,
        })
        .where('id', '=', id)
        .execute();
    }
  }

  /** Runs left `running` by a process that died mid-run are closed as failed at start-up. */
  async closeAbandoned(): Promise<void> {
    await this.database.db
      .updateTable('sync_run')
      .set({
        status: 'failed',
        finished_at: new Date().toISOString(),
        message: 'The panel stopped while this run was in progress.',
      })
      .where('status', '=', 'running')
      .execute();
  }
}
