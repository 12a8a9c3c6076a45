import type { NewRunUser, SyncRunStore } from './sync-run.store';
import type { SyncCountsDto } from './sync.dto';

/** Outcomes per write batch, and the longest an outcome waits before it is written. */
const BATCH = 20;
const MAX_DELAY_MS = 500;

export function tally(users: readonly NewRunUser[], counts: SyncCountsDto): SyncCountsDto {
  const out = { ...counts };
  for (const u of users) {
    if (u.outcome === 'error') out.failed++;
    else if (u.outcome === 'ok' && u.action === 'create') out.created++;
    else if (u.outcome === 'ok' && u.action === 'update') out.updated++;
    else if (u.outcome === 'ok' && u.action === 'delete') out.deleted++;
  }
  return out;
}

/**
 * Writes a run's per-user outcomes and its counts as they happen, in small batches, so a run whose
 * process is killed still records every account it created or deleted (all but the last batch at most,
 * and the new users whose bulk permission write, PERMISSION_CHUNK at a time, had not answered yet).
 */
export class RunRecorder {
  private pending: NewRunUser[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runs: SyncRunStore,
    private readonly runId: number,
    private counts: SyncCountsDto,
  ) {}

  get totals(): SyncCountsDto {
    return this.counts;
  }

  add(user: NewRunUser): void {
    this.pending.push(user);
    if (this.pending.length >= BATCH) void this.flush().catch(() => undefined);
    else this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), MAX_DELAY_MS);
  }

  /** Writes what is waiting; resolves once every outcome so far is in the database. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const users = this.pending.splice(0);
    if (users.length) {
      this.counts = tally(users, this.counts);
      const counts = this.counts;
      this.writing = this.writing
        .catch(() => undefined)
        .then(async () => {
          await this.runs.addUsers(this.runId, users);
          await this.runs.update(this.runId, { counts });
        });
    }
    return this.writing;
  }
}
