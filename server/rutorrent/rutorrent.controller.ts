import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiNotImplementedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { torrentRoutes } from '../torrents/torrent-routes.decorators';
import {
  AddedTorrentDto,
  AddTorrentUrlDto,
  BandwidthDto,
  BulkActionParamsDto,
  BulkResultDto,
  BulkTorrentsDto,
  HashParamsDto,
  RemoveTorrentDto,
  SetBandwidthDto,
  TorrentActionResultDto,
  TorrentClientStatusDto,
  TorrentDataCheckResultDto,
  TorrentHashesDto,
  TorrentHealthDto,
  TorrentListQueryDto,
  TorrentRemoveResultDto,
  TorrentStatsDto,
} from '../torrents/torrents.dto';
import { RestartedDto, RutorrentSettingsDto, UpdateRutorrentSettingsDto } from './rutorrent.dto';
import { RutorrentService } from './rutorrent.service';

const route = torrentRoutes('rutorrent', 'rTorrent');

@ApiTags('rutorrent')
@Controller('rutorrent')
export class RutorrentController {
  constructor(private readonly torrents: RutorrentService) {}

  @route.health()
  getRutorrentHealth(): Promise<TorrentHealthDto> {
    return this.torrents.health();
  }

  @route.status()
  getRutorrentStatus(): Promise<TorrentClientStatusDto> {
    return this.torrents.status();
  }

  @route.list()
  listRutorrentTorrents(@Query() query: TorrentListQueryDto): Promise<string> {
    return this.torrents.listJson(query);
  }

  @route.stats()
  getRutorrentStats(): Promise<TorrentStatsDto> {
    return this.torrents.stats();
  }

  @route.bandwidth()
  getRutorrentBandwidth(): Promise<BandwidthDto> {
    return this.torrents.bandwidth();
  }

  @route.setBandwidth()
  setRutorrentBandwidth(@Body() dto: SetBandwidthDto): Promise<BandwidthDto> {
    return this.torrents.setBandwidth(dto);
  }

  @route.addUrl()
  addRutorrentUrl(@Body() dto: AddTorrentUrlDto): Promise<AddedTorrentDto> {
    return this.torrents.addUrl(dto);
  }

  @route.bulk()
  bulkRutorrentAction(
    @Param() params: BulkActionParamsDto,
    @Body() dto: BulkTorrentsDto,
  ): Promise<BulkResultDto> {
    return this.torrents.bulk(params.action, dto.hashes, dto.deleteData, dto.force);
  }

  @route.dataCheck()
  checkRutorrentData(@Body() dto: TorrentHashesDto): Promise<TorrentDataCheckResultDto> {
    return this.torrents.checkData(dto.hashes);
  }

  @route.action('start')
  startRutorrentTorrent(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
    return this.torrents.act('start', params.hash);
  }

  @route.action('stop')
  stopRutorrentTorrent(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
    return this.torrents.act('stop', params.hash);
  }

  @route.action('pause')
  pauseRutorrentTorrent(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
    return this.torrents.act('pause', params.hash);
  }

  @route.action('resume')
  resumeRutorrentTorrent(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
    return this.torrents.act('resume', params.hash);
  }

  @route.remove()
  removeRutorrentTorrent(
    @Param() params: HashParamsDto,
    @Body() dto: RemoveTorrentDto,
  ): Promise<TorrentRemoveResultDto> {
    return this.torrents.remove(params.hash, dto.deleteData, dto.force);
  }

  @route.events()
  rutorrentEvents(@Req() req: Request, @Res() res: Response): void {
    this.torrents.subscribe(req, res);
  }

  @Get('settings')
  @ApiOperation({
    summary: 'The rTorrent (ruTorrent XML-RPC) connection settings; the password is never returned',
  })
  @ApiOkResponse({ type: RutorrentSettingsDto })
  getRutorrentSettings(): RutorrentSettingsDto {
    return this.torrents.settings();
  }

  @Put('settings')
  @Audited('rutorrent.settings', { target: () => 'rTorrent' })
  @ApiOperation({
    summary: 'Change some rTorrent connection settings; omitted fields (the password too) stay, null clears',
  })
  @ApiOkResponse({ type: RutorrentSettingsDto })
  updateRutorrentSettings(@Body() dto: UpdateRutorrentSettingsDto): Promise<RutorrentSettingsDto> {
    return this.torrents.updateSettings(dto);
  }

  @Post('restart')
  @HttpCode(200)
  @Audited('rutorrent.restart', {
    target: (ctx) => (ctx.result as RestartedDto | undefined)?.restarted ?? 'rTorrent',
  })
  @ApiOperation({ summary: "Restart rTorrent's Docker container (rTorrent itself can only shut down)" })
  @ApiOkResponse({ type: RestartedDto })
  @ApiNotImplementedResponse({
    type: ErrorBodyDto,
    description: 'No container is configured; the message says how',
  })
  restartRutorrent(): Promise<RestartedDto> {
    return this.torrents.restart();
  }
}
