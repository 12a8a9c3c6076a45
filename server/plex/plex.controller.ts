import {
  Body,
  Controller,
  Get,
  HttpCode,
  type MessageEvent,
  Param,
  Post,
  Put,
  Query,
  Sse,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadGatewayResponse,
  ApiNotFoundResponse,
  ApiNotImplementedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { Audited } from '../audit/audited.decorator';
import { ErrorBodyDto } from '../common/error-body';
import { UpstreamFailures } from '../upstream/upstream-failures.decorator';
import { PlexClient } from './plex.client';
import {
  PlexActionResultDto,
  PlexHealthDto,
  PlexHistoryPageDto,
  PlexLibraryDto,
  PlexLibraryStatsDto,
  PlexRestartResultDto,
  PlexRestartTargetDto,
  PlexScanResultDto,
  PlexSessionsDto,
  PlexSettingsDto,
  PlexStatusDto,
  PlexTerminateResultDto,
} from './plex.dto';
import {
  PlexHistoryQueryDto,
  PlexLibraryKeyParams,
  PlexSessionIdParams,
  ScanPlexLibraryDto,
  TerminatePlexSessionDto,
  UpdatePlexSettingsDto,
} from './plex-requests.dto';
import { PlexSessionsPoller } from './plex-sessions.poller';
import { PlexSettingsService } from './plex-settings.service';
import { PlexService } from './plex.service';

/** Plex Media Server control. `GET /api/plex/servers` (plex.tv discovery) lives in media-servers. */
@ApiTags('plex')
@Controller('plex')
export class PlexController {
  constructor(
    private readonly plex: PlexService,
    private readonly client: PlexClient,
    private readonly poller: PlexSessionsPoller,
    private readonly settings: PlexSettingsService,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Whether Plex answers, and its version (`/identity`, the cheapest call)' })
  @ApiOkResponse({ type: PlexHealthDto })
  @UpstreamFailures('Plex')
  getPlexHealth(): Promise<PlexHealthDto> {
    return this.client.health();
  }

  @Get('status')
  @ApiOperation({ summary: 'Server name, version, platform, machine id and active transcodes' })
  @ApiOkResponse({ type: PlexStatusDto })
  @UpstreamFailures('Plex')
  getPlexStatus(): Promise<PlexStatusDto> {
    return this.client.status();
  }

  @Get('libraries')
  @ApiOperation({
    summary: 'Every library with item counts, size and running time (cached 60 s; a scan clears it)',
  })
  @ApiOkResponse({ type: [PlexLibraryDto] })
  @UpstreamFailures('Plex')
  listPlexLibraries(): Promise<PlexLibraryDto[]> {
    return this.plex.libraries();
  }

  @Get('libraries/:key/stats')
  @ApiOperation({ summary: 'One library: counts at every level, size, running time and plays (cached 60 s)' })
  @ApiOkResponse({ type: PlexLibraryStatsDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Plex has no library with that key' })
  @UpstreamFailures('Plex')
  getPlexLibraryStats(@Param() params: PlexLibraryKeyParams): Promise<PlexLibraryStatsDto> {
    return this.plex.libraryStats(params.key);
  }

  @Get('sessions')
  @ApiOperation({ summary: 'What is playing now: user, title, player, state, progress, bandwidth, decision' })
  @ApiOkResponse({ type: PlexSessionsDto })
  @UpstreamFailures('Plex')
  listPlexSessions(): Promise<PlexSessionsDto> {
    return this.poller.read();
  }

  @Sse('sessions/events')
  @ApiOperation({
    summary:
      'Server-sent events: the sessions every few seconds (event "sessions", a PlexSessionsDto), or event ' +
      '"failure" ({statusCode, message}) when Plex could not be read; one shared poll serves every listener',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'An event stream of PlexSessionsDto objects' })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'Plex is not configured' })
  plexSessionEvents(): Observable<MessageEvent> {
    return this.poller.stream();
  }

  @Post('sessions/:sessionId/terminate')
  @HttpCode(200)
  @Audited('plex.terminate', {
    target: (ctx) => {
      const r = ctx.result as PlexTerminateResultDto | undefined;
      return r ? `${r.title} (${r.user})` : `session ${ctx.params.sessionId}`;
    },
  })
  @ApiOperation({
    summary:
      'Stop a stream with a message on the player: through Tautulli (terminate_session) when it is ' +
      'configured, else through Plex (Plex Pass servers only)',
  })
  @ApiOkResponse({ type: PlexTerminateResultDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such session is playing' })
  @UpstreamFailures('Plex')
  terminatePlexSession(
    @Param() params: PlexSessionIdParams,
    @Body() body: TerminatePlexSessionDto,
  ): Promise<PlexTerminateResultDto> {
    return this.plex.terminate(params.sessionId, body.message);
  }

  @Get('streams')
  @ApiOperation({ summary: 'Playback history, newest first, paged' })
  @ApiOkResponse({ type: PlexHistoryPageDto })
  @UpstreamFailures('Plex')
  listPlexStreams(@Query() query: PlexHistoryQueryDto): Promise<PlexHistoryPageDto> {
    return this.plex.history(query);
  }

  @Post('libraries/:key/scan')
  @HttpCode(202)
  @Audited('plex.scan', {
    target: (ctx) => (ctx.result as PlexScanResultDto | undefined)?.library ?? `library ${ctx.params.key}`,
  })
  @ApiOperation({ summary: 'Start a library scan; Plex scans in the background' })
  @ApiAcceptedResponse({ type: PlexScanResultDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Plex has no library with that key' })
  @UpstreamFailures('Plex')
  scanPlexLibrary(
    @Param() params: PlexLibraryKeyParams,
    @Body() body: ScanPlexLibraryDto,
  ): Promise<PlexScanResultDto> {
    return this.plex.scan(params.key, body.force);
  }

  @Post('optimize')
  @HttpCode(202)
  @Audited('plex.optimize', { target: () => 'Plex database' })
  @ApiOperation({ summary: "Optimize Plex's database; it runs in the background" })
  @ApiAcceptedResponse({ type: PlexActionResultDto })
  @UpstreamFailures('Plex')
  optimizePlex(): Promise<PlexActionResultDto> {
    return this.plex.optimize();
  }

  @Get('restart')
  @ApiOperation({
    summary: 'Whether Plex can be restarted from the panel: the container a restart would use, or why not',
  })
  @ApiOkResponse({ type: PlexRestartTargetDto })
  getPlexRestartTarget(): Promise<PlexRestartTargetDto> {
    return this.plex.restartTarget();
  }

  @Post('restart')
  @HttpCode(202)
  @Audited('plex.restart', {
    target: (ctx) =>
      `Plex container ${(ctx.result as PlexRestartResultDto | undefined)?.container ?? ''}`.trim(),
  })
  @ApiOperation({ summary: 'Restart the Plex container through the Docker socket (PMS has no restart API)' })
  @ApiAcceptedResponse({ type: PlexRestartResultDto })
  @ApiNotImplementedResponse({
    type: ErrorBodyDto,
    description: 'No container is set: how to enable restarts',
  })
  @ApiBadGatewayResponse({ type: ErrorBodyDto, description: 'Docker is unreachable or refused' })
  restartPlex(): Promise<PlexRestartResultDto> {
    return this.plex.restart();
  }

  @Get('settings')
  @ApiOperation({ summary: 'The Plex connection; the token is never returned' })
  @ApiOkResponse({ type: PlexSettingsDto })
  getPlexSettings(): PlexSettingsDto {
    return this.settings.get();
  }

  @Put('settings')
  @Audited('plex.settings', { target: () => 'Plex settings' })
  @ApiOperation({ summary: 'Change the Plex connection; absent fields stay, the token is write-only' })
  @ApiOkResponse({ type: PlexSettingsDto })
  updatePlexSettings(@Body() dto: UpdatePlexSettingsDto): Promise<PlexSettingsDto> {
    return this.settings.update(dto);
  }
}
