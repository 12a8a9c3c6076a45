import { Injectable } from '@nestjs/common';
import { DEFAULT_SYNC } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { SeerrClient } from '../seerr/seerr.client';
import { mapLimit } from './map-limit';
import { sameQuotas, SeerrUserCreationFailed, SeerrUserCreator } from './seerr-user.creator';
import type { NewRunUser } from './sync-run.store';
import type { PlannedCreate, PlannedDeletion, PlannedUpdate } from './sync-plan.types';
import { SyncProgress } from './sync-progress';

function failure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Carries out the writes of a plan against Seerr with bounded concurrency. A failed write is recorded
 * on that user and the run goes on; writes are never retried blindly (a retried POST /user could
 * create the account twice).
 */
@Injectable()
export class SyncExecutor {
  constructor(
    private readonly seerr: SeerrClient,
    private readonly creator: SeerrUserCreator,
    private readonly config: ConfigStore,
    private readonly progress: SyncProgress,
  ) {}

  private get concurrency(): number {
    return this.config.get().sync?.concurrency ?? DEFAULT_SYNC.concurrency;
  }

  async create(creates: PlannedCreate[], record?: (user: NewRunUser) => void): Promise<NewRunUser[]> {
    const { out, settle } = collect(record);
    await mapLimit(creates, this.concurrency, async (c) => {
      try {
        const id = await this.creator.create(c);
        const weak = c.weak_password ? ' (password shorter than 8 characters)' : '';
        settle({
          username: c.username,
          seerr_id: id,
          action: 'create',
          outcome: 'ok',
          message: `Created from ${c.settings_from}${weak}`,
        });
      } catch (err) {
        const failed = err instanceof SeerrUserCreationFailed ? err : new SeerrUserCreationFailed(null, err);
        settle({
          username: c.username,
          seerr_id: failed.seerrId,
          action: 'create',
          outcome: 'error',
          message: failed.message,
        });
      }
      this.progress.step();
    });
    return out;
  }

  async update(updates: PlannedUpdate[], record?: (user: NewRunUser) => void): Promise<NewRunUser[]> {
    const { out, settle } = collect(record);
    await mapLimit(updates, this.concurrency, async (u) => {
      try {
        await this.seerr.setQuotas(u.seerr_id, sameQuotas(u.quota_to));
        settle({
          username: u.username,
          seerr_id: u.seerr_id,
          action: 'update',
          outcome: 'ok',
          message: u.reason,
        });
      } catch (err) {
        settle({
          username: u.username,
          seerr_id: u.seerr_id,
          action: 'update',
          outcome: 'error',
          message: failure(err),
        });
      }
      this.progress.step();
    });
    return out;
  }

  async delete(deletions: PlannedDeletion[], record?: (user: NewRunUser) => void): Promise<NewRunUser[]> {
    const { out, settle } = collect(record);
    await mapLimit(deletions, this.concurrency, async (d) => {
      try {
        await this.seerr.deleteUser(d.seerr_id);
        settle({
          username: d.username,
          seerr_id: d.seerr_id,
          action: 'delete',
          outcome: 'ok',
          message: d.reason,
        });
      } catch (err) {
        settle({
          username: d.username,
          seerr_id: d.seerr_id,
          action: 'delete',
          outcome: 'error',
          message: failure(err),
        });
      }
      this.progress.step();
    });
    return out;
  }
}

/** The outcomes of one phase, each also handed to `record` as it happens. */
function collect(record?: (user: NewRunUser) => void) {
  const out: NewRunUser[] = [];
  const settle = (user: NewRunUser) => {
    out.push(user);
    record?.(user);
  };
  return { out, settle };
}
