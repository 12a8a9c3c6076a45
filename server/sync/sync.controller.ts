import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  MessageEvent,
  Param,
  Post,
  Query,
  Sse,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { Audited } from '../audit/audited.decorator';
import { type AuthUser, CurrentUser } from '../common/auth-user';
import { ErrorBodyDto } from '../common/error-body';
import { IntField } from '../common/validation.decorators';
import { UpstreamFailures } from '../upstream/upstream-failures.decorator';
import { SyncRunsService } from './sync-runs.service';
import { SyncService } from './sync.service';
import {
  RunCredentialsDto,
  StartSyncDto,
  SyncOptionsDto,
  SyncPlanDto,
  SyncRunDetailDto,
  SyncRunPageDto,
  SyncRunsQueryDto,
  SyncApprovalPreviewDto,
  SyncStartedDto,
  SyncStatusDto,
} from './sync.dto';

const CREDENTIALS_CSV = (id: number) => ({
  type: 'text/csv; charset=utf-8',
  disposition: `attachment; filename="sync-run-${id}-credentials.csv"`,
});
const credentialsTarget = { target: (ctx: { params: Record<string, string> }) => `run #${ctx.params.id}` };

class RunIdParams {
  @IntField({ min: 1, max: 2147483647, description: 'Sync run id' }) id!: number;
}

@ApiTags('sync')
@Controller('sync')
export class SyncController {
  constructor(
    private readonly sync: SyncService,
    private readonly runs: SyncRunsService,
  ) {}

  @Post('plan')
  @HttpCode(200)
  @Audited('sync.preview')
  @ApiOperation({ summary: 'Dry run: the full plan with a reason for every action; nothing is written' })
  @ApiOkResponse({ type: SyncPlanDto })
  @UpstreamFailures('Seerr or a media server')
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
  startSync(@Body() body: StartSyncDto, @CurrentUser() user: AuthUser): Promise<SyncStartedDto> {
    return this.runs.start(body, user.username);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Sync runs, newest first' })
  @ApiOkResponse({ type: SyncRunPageDto })
  listSyncRuns(@Query() query: SyncRunsQueryDto): Promise<SyncRunPageDto> {
    return this.runs.list(query);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One run with the outcome for every user' })
  @ApiOkResponse({ type: SyncRunDetailDto })
  getSyncRun(@Param() params: RunIdParams): Promise<SyncRunDetailDto> {
    return this.runs.get(params.id);
  }

  @Get('runs/:id/credentials')
  @Audited('sync.credentials', credentialsTarget)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Sign-in and first password of each account the run created, for a printable sheet (passwords are made again from the rule, never stored)',
  })
  @ApiOkResponse({ type: RunCredentialsDto })
  getSyncRunCredentials(@Param() params: RunIdParams): Promise<RunCredentialsDto> {
    return this.runs.credentials(params.id);
  }

  @Get('runs/:id/credentials.csv')
  @Audited('sync.credentials.csv', credentialsTarget)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The same credentials as CSV (cells defused against spreadsheet formulas)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'CSV with a header row' })
  async exportSyncRunCredentials(@Param() params: RunIdParams): Promise<StreamableFile> {
    return new StreamableFile(
      Buffer.from(await this.runs.credentialsCsv(params.id)),
      CREDENTIALS_CSV(params.id),
    );
  }

  @Get('runs/:id/approval')
  @ApiOperation({
    summary: 'Who approving a run stopped by the deletion cap would delete now (re-planned; nothing changes)',
  })
  @ApiOkResponse({ type: SyncApprovalPreviewDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The run is not waiting for approval' })
  @UpstreamFailures('Seerr or a media server')
  previewSyncApproval(@Param() params: RunIdParams): Promise<SyncApprovalPreviewDto> {
    return this.runs.approvalPreview(params.id);
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
  approveSyncRun(@Param() params: RunIdParams, @CurrentUser() user: AuthUser): Promise<SyncStartedDto> {
    return this.runs.approve(params.id, user.username);
  }

  @Get('status')
  @ApiOperation({ summary: 'Whether a sync is running, its progress, and the next scheduled run' })
  @ApiOkResponse({ type: SyncStatusDto })
  getSyncStatus(): Promise<SyncStatusDto> {
    return this.runs.status();
  }

  @Sse('events')
  @ApiOperation({
    summary: 'Server-sent events: sync progress as it happens (event "progress"), and a "ping" every 15 s',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'An event stream of SyncProgressDto objects' })
  syncEvents(): Observable<MessageEvent> {
    return this.runs.events();
  }
}
