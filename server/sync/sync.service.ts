import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { ConfigStore } from '../config/config.store';
import { getUserSetting, setUserSetting } from '../config/user-settings';
import type { SyncTrigger } from '../database/database.schema';
import { isSeerrCsrfBlock, SeerrClient } from '../seerr/seerr.client';
import { SyncExecutor } from './sync-executor';
import { SyncPlanner } from './sync-planner.service';
import { SyncProgress } from './sync-progress';
import { RunRecorder, tally } from './run-recorder';
import { withSignIn } from './run-sign-in';
import { UserListsCache } from './user-lists.cache';
import { EMPTY_COUNTS, type NewRunUser, SyncRunStore } from './sync-run.store';
import type { SyncPlan } from './sync-plan.types';
import type { SyncApprovalPreviewDto, SyncCountsDto, SyncOptionsDto, SyncPlanDto } from './sync.dto';

interface ActiveRun {
  runId: number | null;
  done: Promise<void>;
}

/** The plan as the API shows it: no generated passwords, none of the engine-only bookkeeping. */
export function planForDisplay(plan: SyncPlan): SyncPlanDto {
  const { creates, updates, deletions, skips, unchanged, guard, server_errors } = plan;
  return {
    creates: creates.map(({ password: _password, ...rest }) => rest),
    updates,
    deletions,
    skips,
    unchanged,
    guard,
    server_errors,
  };
}

/**
 * Runs the sync: one at a time (a second trigger gets 409), each run stored with timings, counts,
 * per-server errors and per-user outcomes, and written to the audit log. Deletions above the cap wait
 * for approval; the run then finishes when approved.
 */
@Injectable()
export class SyncService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SyncService.name);
  private active?: ActiveRun;

  constructor(
    private readonly planner: SyncPlanner,
    private readonly executor: SyncExecutor,
    private readonly runs: SyncRunStore,
    private readonly progress: SyncProgress,
    private readonly audit: AuditService,
    private readonly config: ConfigStore,
    private readonly lists: UserListsCache,
    private readonly seerr: SeerrClient,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runs.closeAbandoned();
  }

  /** Lets a run in flight finish its writes before the process exits. */
  async onModuleDestroy(): Promise<void> {
    await this.active?.done;
  }

  get running(): boolean {
    return this.active !== undefined;
  }

  get runningId(): number | null {
    return this.active?.runId ?? null;
  }

  async preview(options: SyncOptionsDto): Promise<SyncPlanDto> {
    return planForDisplay((await this.planner.plan(options)).plan);
  }

  /** Starts a run and returns its id at once; the run goes on in the background. */
  async start(trigger: SyncTrigger, actor: string, options: SyncOptionsDto = {}): Promise<number> {
    // Taken before the first await, so two triggers in the same tick cannot both pass.
    const active = this.claim();
    try {
      const runId = await this.runs.create(trigger, actor, { ...this.planner.options(options), trigger });
      active.runId = runId;
      // Written before any account is touched, so even a run whose process is killed is in the log.
      await this.audit.record({
        actor,
        action: 'sync.started',
        target: `run #${runId}`,
        outcome: 'ok',
        detail: { trigger, ...this.planner.options(options) },
      });
      active.done = this.execute(runId, actor, options).finally(() => this.settle(active));
      return runId;
    } catch (err) {
      this.release(active);
      throw err;
    }
  }

  /** Waits for the run in flight (the CLI and tests use it). */
  async settled(): Promise<void> {
    await this.active?.done;
  }

  /** Who approving the run would delete now: the run's held-back deletions, re-planned. */
  async approvalPreview(runId: number): Promise<SyncApprovalPreviewDto> {
    const pending = await this.pendingDeletions(runId);
    const deletions = await this.stillToDelete(pending);
    const kept = new Set(deletions.map((d) => d.seerr_id));
    return {
      run_id: runId,
      deletions,
      no_longer: pending.filter((p) => !kept.has(p.seerr_id as number)).map((p) => p.username),
    };
  }

  async approve(runId: number, actor: string): Promise<number> {
    const run = await this.awaitingApproval(runId);
    const active = this.claim();
    active.runId = runId;
    active.done = this.finishApproved(
      runId,
      actor,
      run.users.filter((u) => u.action === 'delete' && u.outcome === 'pending'),
      run.counts,
    ).finally(() => this.settle(active));
    return runId;
  }

  private async awaitingApproval(runId: number) {
    const run = await this.runs.get(runId);
    if (!run) throw new NotFoundException(`There is no sync run #${runId}.`);
    if (run.status !== 'awaiting_approval') {
      throw new ConflictException(
        `Sync run #${runId} is not waiting for approval (it is ${run.status.replace('_', ' ')}).`,
      );
    }
    return run;
  }

  private async pendingDeletions(runId: number) {
    const run = await this.awaitingApproval(runId);
    return run.users.filter((u) => u.action === 'delete' && u.outcome === 'pending');
  }

  /** Re-plans so that only people still missing (and still deletable) are removed. */
  private async stillToDelete(pending: ReadonlyArray<{ seerr_id: number | null }>) {
    const { plan } = await this.planner.plan({ remove_missing: true, force: true });
    const approved = new Set(pending.map((p) => p.seerr_id));
    return plan.deletions.filter((d) => approved.has(d.seerr_id));
  }

  private claim(): ActiveRun {
    if (this.active) {
      const which = this.active.runId === null ? '' : ` (run #${this.active.runId})`;
      throw new ConflictException(`A sync is already running${which}; wait for it to finish.`);
    }
    const active: ActiveRun = { runId: null, done: Promise.resolve() };
    this.active = active;
    return active;
  }

  /** A run changed who is in Seerr: the views' cached user lists are read anew. */
  private settle(active: ActiveRun): void {
    this.lists.invalidate();
    this.release(active);
  }

  /**
   * Seerr's CSRF protection lets every read through and refuses every write, so one harmless write
   * first: the run then fails with the fix instead of recording the same refusal on every user. Any
   * other failure is left to the writes themselves, which report it per user.
   */
  private async assertWritable(): Promise<void> {
    try {
      await this.seerr.rewriteOwnerSettings();
    } catch (err) {
      if (isSeerrCsrfBlock(err)) throw err;
    }
  }

  private release(active: ActiveRun): void {
    if (this.active === active) this.active = undefined;
  }

  private async execute(runId: number, actor: string, options: SyncOptionsDto): Promise<void> {
    const started = Date.now();
    const timings: Record<string, number> = {};
    this.progress.report({
      run_id: runId,
      phase: 'reading',
      done: 0,
      total: 0,
      message: 'Reading media servers and Seerr',
    });
    let recording: RunRecorder | undefined;
    try {
      await this.runs.supersedePending(runId);
      const { plan, readMs, seerrUsers } = await this.planner.plan(options);
      const signIn = withSignIn(plan, seerrUsers);
      timings.read_ms = readMs;
      const recorder = new RunRecorder(this.runs, runId, {
        ...EMPTY_COUNTS,
        unchanged: plan.unchanged,
        skipped: plan.skips.length,
      });
      recording = recorder;
      const skipped: NewRunUser[] = plan.skips.map((s) =>
        signIn({
          username: s.username,
          seerr_id: s.seerr_id,
          action: 'skip',
          outcome: 'skipped',
          message: s.reason,
        }),
      );
      await this.runs.update(runId, { server_errors: plan.server_errors });

      const phase = async (
        name: 'creating' | 'updating' | 'deleting',
        total: number,
        work: (record: (user: NewRunUser) => void) => Promise<unknown>,
      ) => {
        this.progress.report({ run_id: runId, phase: name, done: 0, total });
        const t = Date.now();
        await work((user) => recorder.add(signIn(user)));
        await recorder.flush();
        timings[`${name}_ms`] = Date.now() - t;
      };
      if (plan.creates.length || plan.updates.length || plan.deletions.length) await this.assertWritable();
      const gate = this.executor.gate();
      await phase('creating', plan.creates.length, (record) =>
        this.executor.create(plan.creates, record, gate),
      );
      await phase('updating', plan.updates.length, (record) =>
        this.executor.update(plan.updates, record, gate, seerrUsers),
      );
      await this.runs.addUsers(runId, skipped);
      await this.recordSourceServers(plan.source_servers);

      let status: 'completed' | 'awaiting_approval' = 'completed';
      let message: string | null = plan.guard.reason;
      if (plan.guard.needs_approval) {
        status = 'awaiting_approval';
        message = `${plan.deletions.length} deletions exceed the cap of ${plan.guard.cap}; approve the run to make them.`;
        await this.runs.addUsers(
          runId,
          plan.deletions.map((d) =>
            signIn({
              username: d.username,
              seerr_id: d.seerr_id,
              action: 'delete',
              outcome: 'pending',
              message: d.reason,
            }),
          ),
        );
        this.progress.report({
          run_id: runId,
          phase: 'awaiting_approval',
          done: 0,
          total: plan.deletions.length,
          message,
        });
      } else {
        await phase('deleting', plan.deletions.length, (record) =>
          this.executor.delete(plan.deletions, record, gate),
        );
      }
      Object.assign(timings, gate.figures());
      const counts = {
        ...recorder.totals,
        pending_deletions: status === 'completed' ? 0 : plan.deletions.length,
      };
      timings.total_ms = Date.now() - started;
      await this.runs.update(runId, { status, counts, timings, message, finished: status === 'completed' });
      if (status === 'completed') this.progress.report({ run_id: runId, phase: 'done', done: 1, total: 1 });
      await this.auditRun(runId, actor, status, counts, plan.server_errors);
    } catch (err) {
      // Whatever was done before the failure is kept on the run.
      await recording?.flush().catch(() => undefined);
      const message = `The sync stopped before writing anything more: ${(err as Error).message}`;
      this.logger.warn(`Sync run #${runId} failed: ${(err as Error).message}`);
      timings.total_ms = Date.now() - started;
      await this.runs.update(runId, { status: 'failed', timings, message, finished: true });
      this.progress.report({ run_id: runId, phase: 'failed', done: 0, total: 0, message });
      await this.audit.record({
        actor,
        action: 'sync.run',
        target: `run #${runId}`,
        outcome: 'error',
        detail: { message },
      });
    }
  }

  private async finishApproved(
    runId: number,
    actor: string,
    pending: Array<{ seerr_id: number | null; username: string }>,
    counts: SyncCountsDto,
  ): Promise<void> {
    const started = Date.now();
    try {
      const deletions = await this.stillToDelete(pending);
      this.progress.report({ run_id: runId, phase: 'deleting', done: 0, total: deletions.length });
      const results = await this.executor.delete(deletions);
      for (const r of results)
        await this.runs.settleUser(runId, r.seerr_id as number, 'delete', r.outcome, r.message ?? null);
      const stillHere = new Set<number | null>(deletions.map((d) => d.seerr_id));
      for (const p of pending.filter((p) => !stillHere.has(p.seerr_id))) {
        await this.runs.settleUser(
          runId,
          p.seerr_id as number,
          'delete',
          'skipped',
          'No longer to be deleted when the run was approved',
        );
      }
      const next = { ...tally(results, counts), pending_deletions: 0 };
      await this.runs.update(runId, {
        status: 'completed',
        counts: next,
        message: `Approved by ${actor}: ${next.deleted} deleted in ${Date.now() - started} ms.`,
        finished: true,
      });
      this.progress.report({ run_id: runId, phase: 'done', done: 1, total: 1 });
      await this.auditRun(runId, actor, 'approved', next, []);
    } catch (err) {
      const message = `Approval failed before all deletions were made: ${(err as Error).message}`;
      await this.runs.update(runId, { message });
      this.progress.report({ run_id: runId, phase: 'failed', done: 0, total: 0, message });
      await this.audit.record({
        actor,
        action: 'sync.approve',
        target: `run #${runId}`,
        outcome: 'error',
        detail: { message },
      });
    }
  }

  /** Keeps `user_settings.<name>.source_servers` as Seerrsync did; writes only when something changed. */
  private async recordSourceServers(sources: Record<string, string[]>): Promise<void> {
    const current = this.config.get().user_settings;
    const changed = Object.entries(sources).filter(
      ([key, servers]) =>
        (getUserSetting(current, key)?.source_servers ?? []).join('\n') !== servers.join('\n'),
    );
    if (!changed.length) return;
    await this.config.update((draft) => {
      for (const [key, servers] of changed)
        setUserSetting(draft.user_settings, key, {
          ...getUserSetting(draft.user_settings, key),
          source_servers: servers,
        });
    });
  }

  private auditRun(
    runId: number,
    actor: string,
    status: string,
    counts: SyncCountsDto,
    serverErrors: Array<{ server: string; error: string }>,
  ) {
    return this.audit.record({
      actor,
      action: status === 'approved' ? 'sync.approve' : 'sync.run',
      target: `run #${runId}`,
      outcome: serverErrors.length || counts.failed ? 'error' : 'ok',
      detail: { status, ...counts, server_errors: serverErrors },
    });
  }
}
