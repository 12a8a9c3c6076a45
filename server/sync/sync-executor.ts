import { Injectable } from '@nestjs/common';
import { DEFAULT_SYNC } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { SeerrClient } from '../seerr/seerr.client';
import { AdaptiveLimit } from './adaptive-limit';
import { mapLimit } from './map-limit';
import { PermissionBatch } from './permission-batch';
import { sameQuotas, SeerrUserCreationFailed, SeerrUserCreator } from './seerr-user.creator';
import type { SeerrUser } from '../seerr/seerr.types';
import type { NewRunUser } from './sync-run.store';
import type { PlannedCreate, PlannedDeletion, PlannedUpdate } from './sync-plan.types';
import { SyncProgress } from './sync-progress';
import { WriteGate } from './write-gate';

function failure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Carries out the writes of a plan against Seerr, as many in flight as Seerr answers promptly (a
 * `WriteGate` per run, at most `sync.concurrency`). A failed write is recorded on that user and the run
 * goes on; writes are never retried blindly (a retried POST /user could create the account twice).
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

  /** A run's gate: its writes share one limit, which starts low and finds Seerr's pace. */
  gate(): WriteGate {
    return new WriteGate(new AdaptiveLimit({ max: this.concurrency }));
  }

  /** Accounts and quotas one by one, then the new users' permissions in bulk writes. */
  async create(
    creates: PlannedCreate[],
    record?: (user: NewRunUser) => void,
    gate = this.gate(),
  ): Promise<NewRunUser[]> {
    const { out, settle } = collect(record);
    const done = (c: PlannedCreate, id: number | null, failed: SeerrUserCreationFailed | null) => {
      const weak = c.weak_password ? ' (password shorter than 8 characters)' : '';
      settle({
        username: c.username,
        seerr_id: failed ? failed.seerrId : id,
        action: 'create',
        outcome: failed ? 'error' : 'ok',
        message: failed ? failed.message : `Created from ${c.settings_from}${weak}`,
      });
      this.progress.step();
    };
    const permissions = new PermissionBatch<PlannedCreate>(this.seerr, gate, done);
    await mapLimit(creates, this.concurrency, async (c) => {
      let id: number;
      try {
        id = await this.creator.createAccount(c, gate);
      } catch (err) {
        const failed = err instanceof SeerrUserCreationFailed ? err : new SeerrUserCreationFailed(null, err);
        done(c, null, failed);
        return;
      }
      if (c.permissions === null || c.permissions === undefined) done(c, id, null);
      else permissions.add(c, id, c.permissions);
    });
    await permissions.flush();
    return out;
  }

  /**
   * Quota writes of existing users. `listed` is the Seerr user list the plan was made from: a user's
   * e-mail found there is echoed as is; any other user's settings are read before they are written.
   */
  async update(
    updates: PlannedUpdate[],
    record?: (user: NewRunUser) => void,
    gate = this.gate(),
    listed: readonly SeerrUser[] = [],
  ): Promise<NewRunUser[]> {
    const { out, settle } = collect(record);
    const emails = new Map(listed.map((user) => [user.id, user.email]));
    await mapLimit(updates, this.concurrency, async (u) => {
      try {
        const email = emails.get(u.seerr_id);
        // A list without the e-mail (a key that may not see it) is no answer: read it then.
        const known = email ? { email } : undefined;
        const write = () => this.seerr.setQuotas(u.seerr_id, sameQuotas(u.quota_to), known);
        await gate.run('update', write, known ? 1 : 2);
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

  async delete(
    deletions: PlannedDeletion[],
    record?: (user: NewRunUser) => void,
    gate = this.gate(),
  ): Promise<NewRunUser[]> {
    const { out, settle } = collect(record);
    await mapLimit(deletions, this.concurrency, async (d) => {
      try {
        await gate.run('delete', () => this.seerr.deleteUser(d.seerr_id));
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
