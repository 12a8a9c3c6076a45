import { Injectable, type MessageEvent, NotFoundException } from '@nestjs/common';
import { filter, interval, map, merge, type Observable, skip } from 'rxjs';
import { ConfigStore } from '../config/config.store';
import { credentialsCsv, runCredentials } from './run-credentials';
import { SyncProgress } from './sync-progress';
import { SyncRunStore } from './sync-run.store';
import { SyncScheduler } from './sync.scheduler';
import { SyncService } from './sync.service';
import type {
  RunCredentialsDto,
  StartSyncDto,
  SyncRunDetailDto,
  SyncRunPageDto,
  SyncRunsQueryDto,
  SyncApprovalPreviewDto,
  SyncStartedDto,
  SyncStatusDto,
} from './sync.dto';

/** What the sync routes answer: runs started, approved and listed, the status and the progress stream. */
@Injectable()
export class SyncRunsService {
  constructor(
    private readonly sync: SyncService,
    private readonly runs: SyncRunStore,
    private readonly scheduler: SyncScheduler,
    private readonly progress: SyncProgress,
    private readonly config: ConfigStore,
  ) {}

  /** From the UI the run's trigger is "manual", from anything else "api". */
  async start({ from_ui, ...options }: StartSyncDto, actor: string): Promise<SyncStartedDto> {
    return { run_id: await this.sync.start(from_ui ? 'manual' : 'api', actor, options) };
  }

  approvalPreview(runId: number): Promise<SyncApprovalPreviewDto> {
    return this.sync.approvalPreview(runId);
  }

  async approve(runId: number, actor: string): Promise<SyncStartedDto> {
    return { run_id: await this.sync.approve(runId, actor) };
  }

  list(query: SyncRunsQueryDto): Promise<SyncRunPageDto> {
    return this.runs.list(query.page ?? 1, query.page_size ?? 20);
  }

  async get(runId: number): Promise<SyncRunDetailDto> {
    const run = await this.runs.get(runId);
    if (!run) throw new NotFoundException(`There is no sync run #${runId}.`);
    return run;
  }

  /** Sign-in and first password of each account the run created, for a printable sheet. */
  async credentials(runId: number): Promise<RunCredentialsDto> {
    const run = await this.runs.find(runId);
    if (!run) throw new NotFoundException(`There is no sync run #${runId}.`);
    const users = runCredentials(await this.runs.createdUsers(runId), this.config.get().media_servers);
    return { run_id: runId, started_at: run.started_at, users };
  }

  async credentialsCsv(runId: number): Promise<string> {
    return credentialsCsv((await this.credentials(runId)).users);
  }

  async status(): Promise<SyncStatusDto> {
    return {
      running: this.sync.running,
      progress: this.sync.running ? this.progress.current : null,
      interval_minutes: this.scheduler.intervalMinutes,
      next_run_at: this.scheduler.nextRunAt?.toISOString() ?? null,
      last_run: await this.runs.latest(),
    };
  }

  /** Progress as it happens, and a ping every 15 s. */
  events(): Observable<MessageEvent> {
    // The last progress is replayed to a new subscriber only while its run is still going.
    const updates = this.progress.changes.pipe(
      skip(this.sync.running ? 0 : 1),
      filter((p) => p !== null),
      map((data): MessageEvent => ({ type: 'progress', data })),
    );
    const pings = interval(15_000).pipe(map((): MessageEvent => ({ type: 'ping', data: {} })));
    return merge(updates, pings);
  }
}
