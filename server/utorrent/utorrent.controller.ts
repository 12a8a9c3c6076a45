import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { torrentRoutes } from '../torrents/torrent-routes.decorators';
import { TorrentClientSettingsDto, UpdateTorrentClientSettingsDto } from '../torrents/torrent-settings.dto';
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
import { UtorrentService } from './utorrent.service';

const route = torrentRoutes('utorrent', 'uTorrent');

@ApiTags('utorrent')
@Controller('utorrent')
export class UtorrentController {
  constructor(private readonly torrents: UtorrentService) {}

  @route.health()
  getUtorrentHealth(): Promise<TorrentHealthDto> {
    return this.torrents.health();
  }

  @route.status()
  getUtorrentStatus(): Promise<TorrentClientStatusDto> {
    return this.torrents.status();
  }

  @route.list()
  listUtorrentTorrents(@Query() query: TorrentListQueryDto): Promise<string> {
    return this.torrents.listJson(query);
  }

  @route.stats()
  getUtorrentStats(): Promise<TorrentStatsDto> {
    return this.torrents.stats();
  }

  @route.bandwidth()
  getUtorrentBandwidth(): Promise<BandwidthDto> {
    return this.torrents.bandwidth();
  }

  @route.setBandwidth()
  setUtorrentBandwidth(@Body() dto: SetBandwidthDto): Promise<BandwidthDto> {
    return this.torrents.setBandwidth(dto);
  }

  @route.addUrl()
  addUtorrentUrl(@Body() dto: AddTorrentUrlDto): Promise<AddedTorrentDto> {
    return this.torrents.addUrl(dto);
  }

  @route.bulk()
  bulkUtorrentAction(
    @Param() params: BulkActionParamsDto,
    @Body() dto: BulkTorrentsDto,
  ): Promise<BulkResultDto> {
    return this.torrents.bulk(params.action, dto.hashes, dto.deleteData, dto.force);
  }

  @route.dataCheck()
  checkUtorrentData(@Body() dto: TorrentHashesDto): Promise<TorrentDataCheckResultDto> {
    return this.torrents.checkData(dto.hashes);
  }

  @route.action('start')
  startUtorrentTorrent(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
    return this.torrents.act('start', params.hash);
  }

  @route.action('stop')
  stopUtorrentTorrent(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
    return this.torrents.act('stop', params.hash);
  }

  @route.action('pause')
  pauseUtorrentTorrent(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
    return this.torrents.act('pause', params.hash);
  }

  @route.action('resume')
  resumeUtorrentTorrent(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
    return this.torrents.act('resume', params.hash);
  }

  @route.remove()
  removeUtorrentTorrent(
    @Param() params: HashParamsDto,
    @Body() dto: RemoveTorrentDto,
  ): Promise<TorrentRemoveResultDto> {
    return this.torrents.remove(params.hash, dto.deleteData, dto.force);
  }

  @route.events()
  utorrentEvents(@Req() req: Request, @Res() res: Response): void {
    this.torrents.subscribe(req, res);
  }

  @Get('settings')
  @ApiOperation({ summary: 'The uTorrent connection settings; the password is never returned' })
  @ApiOkResponse({ type: TorrentClientSettingsDto })
  getUtorrentSettings(): TorrentClientSettingsDto {
    return this.torrents.settings();
  }

  @Put('settings')
  @Audited('utorrent.settings', { target: () => 'uTorrent' })
  @ApiOperation({
    summary: 'Change some uTorrent connection settings; omitted fields (the password too) stay',
  })
  @ApiOkResponse({ type: TorrentClientSettingsDto })
  updateUtorrentSettings(@Body() dto: UpdateTorrentClientSettingsDto): Promise<TorrentClientSettingsDto> {
    return this.torrents.updateSettings(dto);
  }
}
