import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator';
import { UpstreamFailures } from '../upstream/upstream-failures.decorator';
import { TautulliClient } from './tautulli.client';
import {
  TautulliActivityDto,
  TautulliHealthDto,
  TautulliHistoryPageDto,
  TautulliLibraryDto,
  TautulliPlaysDto,
  TautulliRestartDto,
  TautulliRestartStatusDto,
  TautulliServerInfoDto,
  TautulliSettingsDto,
  TautulliStatsDto,
  TautulliStatusDto,
  TautulliUserDto,
} from './tautulli.dto';
import {
  TautulliHistoryQueryDto,
  TautulliPlaysQueryDto,
  TautulliStatsQueryDto,
  UpdateTautulliSettingsDto,
} from './tautulli-requests.dto';
import { TautulliSettingsService } from './tautulli-settings.service';
import { TautulliService } from './tautulli.service';

@ApiTags('tautulli')
@Controller('tautulli')
export class TautulliController {
  constructor(
    private readonly tautulli: TautulliService,
    private readonly client: TautulliClient,
    private readonly settings: TautulliSettingsService,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Whether Tautulli answers with this API key, and its version' })
  @ApiOkResponse({ type: TautulliHealthDto })
  @UpstreamFailures('Tautulli')
  getTautulliHealth(): Promise<TautulliHealthDto> {
    return this.client.health();
  }

  @Get('status')
  @ApiOperation({ summary: "Tautulli's version and install, and whether it is connected to Plex" })
  @ApiOkResponse({ type: TautulliStatusDto })
  @UpstreamFailures('Tautulli')
  getTautulliStatus(): Promise<TautulliStatusDto> {
    return this.client.status();
  }

  @Get('activity')
  @ApiOperation({ summary: 'Streams now, with total bandwidth and the number of transcodes' })
  @ApiOkResponse({ type: TautulliActivityDto })
  @UpstreamFailures('Tautulli')
  getTautulliActivity(): Promise<TautulliActivityDto> {
    return this.client.activity();
  }

  @Get('stats')
  @ApiOperation({
    summary:
      'Home statistics of a period: most watched, most active users, plays and time watched (cached 30 s)',
  })
  @ApiOkResponse({ type: TautulliStatsDto })
  @UpstreamFailures('Tautulli')
  getTautulliStats(@Query() query: TautulliStatsQueryDto): Promise<TautulliStatsDto> {
    return this.tautulli.stats(query);
  }

  @Get('users')
  @ApiOperation({
    summary: 'Every user with plays, time played and when last seen, last seen first (cached 30 s)',
  })
  @ApiOkResponse({ type: [TautulliUserDto] })
  @UpstreamFailures('Tautulli')
  listTautulliUsers(): Promise<TautulliUserDto[]> {
    return this.tautulli.users();
  }

  @Get('libraries')
  @ApiOperation({ summary: 'Every library with item counts and plays (cached 30 s)' })
  @ApiOkResponse({ type: [TautulliLibraryDto] })
  @UpstreamFailures('Tautulli')
  listTautulliLibraries(): Promise<TautulliLibraryDto[]> {
    return this.tautulli.libraries();
  }

  @Get('history')
  @ApiOperation({
    summary:
      'Play history, newest first, paged; filtered by user, library, media type and days (from after to is a 400)',
  })
  @ApiOkResponse({ type: TautulliHistoryPageDto })
  @UpstreamFailures('Tautulli')
  listTautulliHistory(@Query() query: TautulliHistoryQueryDto): Promise<TautulliHistoryPageDto> {
    return this.tautulli.history(query);
  }

  @Get('plays')
  @ApiOperation({ summary: 'Plays per day and media kind, for a chart' })
  @ApiOkResponse({ type: TautulliPlaysDto })
  @UpstreamFailures('Tautulli')
  getTautulliPlays(@Query() query: TautulliPlaysQueryDto): Promise<TautulliPlaysDto> {
    return this.client.playsByDate(query.days);
  }

  @Get('server-info')
  @ApiOperation({ summary: 'The Plex server Tautulli watches, as Tautulli sees it' })
  @ApiOkResponse({ type: TautulliServerInfoDto })
  @UpstreamFailures('Tautulli')
  getTautulliServerInfo(): Promise<TautulliServerInfoDto> {
    return this.client.serverInfo();
  }

  @Post('restart')
  @HttpCode(202)
  @Audited('tautulli.restart', { target: () => 'Tautulli' })
  @ApiOperation({
    summary:
      'Restart Tautulli (it restarts itself and is unreachable for a few seconds); GET restart follows it',
  })
  @ApiAcceptedResponse({ type: TautulliRestartDto })
  @UpstreamFailures('Tautulli')
  restartTautulli(): Promise<TautulliRestartDto> {
    return this.tautulli.restart();
  }

  @Get('restart')
  @ApiOperation({
    summary: 'Whether Tautulli came back after the last restart (the panel follows it for up to 60 s)',
  })
  @ApiOkResponse({ type: TautulliRestartStatusDto })
  getTautulliRestart(): TautulliRestartStatusDto {
    return this.tautulli.restartStatus();
  }

  @Get('settings')
  @ApiOperation({ summary: 'The Tautulli connection; the API key is never returned' })
  @ApiOkResponse({ type: TautulliSettingsDto })
  getTautulliSettings(): TautulliSettingsDto {
    return this.settings.get();
  }

  @Put('settings')
  @Audited('tautulli.settings', { target: () => 'Tautulli settings' })
  @ApiOperation({ summary: 'Change the Tautulli connection; absent fields stay, the API key is write-only' })
  @ApiOkResponse({ type: TautulliSettingsDto })
  updateTautulliSettings(@Body() dto: UpdateTautulliSettingsDto): Promise<TautulliSettingsDto> {
    return this.settings.update(dto);
  }
}
