import {
  Body,
  Controller,
  Get,
  HttpCode,
  MessageEvent,
  NotFoundException,
  Param,
  Post,
  Query,
  Sse,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { filter, interval, map, merge, type Observable, skip } from 'rxjs';
import { Audited } from '../audit/audited.decorator';
import { type AuthUser, CurrentUser } from '../common/auth-user';
import { ErrorBodyDto } from '../common/error-body';
import { IntField } from '../common/validation.decorators';
import { SyncProgress } from './sync-progress';
import { SyncRunStore } from './sync-run.store';
import { SyncScheduler } from './sync.scheduler';
import { SyncService } from './sync.service';
import {
  StartSyncDto,
  SyncOptionsDto,
  SyncPlanDto,
  SyncRunDetailDto,
  SyncRunPageDto,
  SyncRunsQueryDto,
  SyncStartedDto,
  SyncStatusDto,
} from './sync.dto';

class RunIdParams {
  @IntField({ min: 1, max: 2147483647, description: 'Sync run id' }) id!: number;
}

@ApiTags('sync')
@Controller('sync')
export class SyncController {
  constructor(
    private readonly sync: SyncService,
    private readonly runs: SyncRunStore,
    private readonly scheduler: SyncScheduler,
    private readonly progress: SyncProgress,
  ) {}

  @Post('plan')
  @HttpCode(200)
  @Audited('sync.preview')
  @ApiOperation({ summary: 'Dry run: the full plan with a reason for every action; nothing is written' })
  @ApiOkResponse({ type: SyncPlanDto })
  previewSync(@Body() options: SyncOptionsDto): Promise<SyncPlanDto> {
    return this.sync.preview(options);
  }

  @Post()
  @HttpCode(202)
  @Audited('sync.start', {
    target: (ctx) => `run #${(ctx.result as SyncStartedDto | undefined)?.run_id ?? '?'}`,
  })
  @ApiOperation({ summary: 'Start a sync now; answers at once with the run id' })
  @ApiAcceptedResponse({ type: SyncStartedDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'A sync is already running' })
  async startSync(@Body() body: StartSyncDto, @CurrentUser() user: AuthUser): Promise<SyncStartedDto> {
    const { from_ui, ...options } = body;
    return { run_id: await this.sync.start(from_ui ? 'manual' : 'api', user.username, options) };
  }

  @Get('runs')
  @ApiOperation({ summary: 'Sync runs, newest first' })
  @ApiOkResponse({ type: SyncRunPageDto })
  listSyncRuns(@Query() query: SyncRunsQueryDto): Promise<SyncRunPageDto> {
    return this.runs.list(query.page ?? 1, query.page_size ?? 20);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One run with the outcome for every user' })
  @ApiOkResponse({ type: SyncRunDetailDto })
  async getSyncRun(@Param() params: RunIdParams): Promise<SyncRunDetailDto> {
    const run = await this.runs.get(params.id);
    if (!run) throw new NotFoundException(`There is no sync run #${params.id}.`);
    return run;
  }

  @Post('runs/:id/approve')
  @HttpCode(202)
  @Audited('sync.approve', { target: (ctx) => `run #${ctx.params.id}` })
  @ApiOperation({ summary: 'Approve the deletions of a run stopped by the deletion cap' })
  @ApiAcceptedResponse({ type: SyncStartedDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'The run is not waiting for approval, or a sync is running',
  })
  async approveSyncRun(@Param() params: RunIdParams, @CurrentUser() user: AuthUser): Promise<SyncStartedDto> {
    return { run_id: await this.sync.approve(params.id, user.username) };
  }

  @Get('status')
  @ApiOperation({ summary: 'Whether a sync is running, its progress, and the next scheduled run' })
  @ApiOkResponse({ type: SyncStatusDto })
  async getSyncStatus(): Promise<SyncStatusDto> {
    return {
      running: this.sync.running,
      progress: this.sync.running ? this.progress.current : null,
      interval_minutes: this.scheduler.intervalMinutes,
      next_run_at: this.scheduler.nextRunAt?.toISOString() ?? null,
      last_run: await this.runs.latest(),
    };
  }

  @Sse('events')
  @ApiOperation({
    summary: 'Server-sent events: sync progress as it happens (event "progress"), and a "ping" every 15 s',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'An event stream of SyncProgressDto objects' })
  syncEvents(): Observable<MessageEvent> {
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
