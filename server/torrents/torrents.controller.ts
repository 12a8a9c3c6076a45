import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { sendJson } from '../common/send-json';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  MergedChangesEventDto,
  MergedClientsEventDto,
  MergedTorrentListQueryDto,
  MergedTorrentPageDto,
  MergedTorrentStatsDto,
  TorrentClientSummaryDto,
} from './merged-torrents.dto';
import { MergedTorrentsService } from './merged-torrents.service';

@ApiTags('torrents')
@Controller('torrents')
export class TorrentsController {
  constructor(private readonly merged: MergedTorrentsService) {}

  @Get()
  @ApiOperation({
    summary:
      "Every active client's torrents in one list, filtered, sorted and paged; a client that is down keeps its last rows, marked stale",
  })
  @ApiOkResponse({ type: MergedTorrentPageDto })
  async listTorrents(@Query() query: MergedTorrentListQueryDto, @Res() res: Response): Promise<void> {
    sendJson(res, await this.merged.listBody(query));
  }

  @Get('stats')
  @ApiOperation({ summary: 'Totals over every active client, and the state of each' })
  @ApiOkResponse({ type: MergedTorrentStatsDto })
  getTorrentStats(): Promise<MergedTorrentStatsDto> {
    return this.merged.stats();
  }

  @Get('clients')
  @ApiOperation({
    summary: 'Every torrent client instance, configured or not (ids for /api/torrents/clients/{id})',
  })
  @ApiOkResponse({ type: [TorrentClientSummaryDto] })
  listTorrentClients(): TorrentClientSummaryDto[] {
    return this.merged.clients();
  }

  @Get('events')
  @ApiOperation({
    summary:
      'Server-sent events of the merged list: "clients" (MergedClientsEventDto) first and when a client connects or fails, ' +
      '"changes" (MergedChangesEventDto, one client\'s changes) after each poll that found any, "ping" every 15 s',
  })
  @ApiProduces('text/event-stream')
  @ApiExtraModels(MergedChangesEventDto, MergedClientsEventDto)
  @ApiOkResponse({ schema: { type: 'string' }, description: 'An event stream' })
  torrentEvents(@Req() req: Request, @Res() res: Response): void {
    this.merged.subscribe(req, res);
  }
}
