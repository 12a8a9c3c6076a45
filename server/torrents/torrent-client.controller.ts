import {
  BadRequestException,
  Body,
  Controller,
  Param,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
  applyDecorators,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendJson } from '../common/send-json';
import { TorrentClientRegistry } from './torrent-client.registry';
import type { TorrentClientService } from './torrent-client.service';
import type { SeedClientKind } from './torrent-client-connections';
import { readTorrentFile } from './torrent-file';
import { torrentRoutes, type TorrentRouteScope } from './torrent-routes.decorators';
import {
  AddedTorrentDto,
  AddTorrentUrlDto,
  BandwidthDto,
  BulkActionParamsDto,
  BulkResultDto,
  BulkTorrentsDto,
  ClientParamsDto,
  HashParamsDto,
  RemoveTorrentDto,
  RestartedDto,
  SetBandwidthDto,
  SetTorrentLabelDto,
  TorrentActionResultDto,
  TorrentClientStatusDto,
  TorrentDataCheckResultDto,
  TorrentDetailDto,
  TorrentHashesDto,
  TorrentHealthDto,
  TorrentLabelResultDto,
  TorrentListQueryDto,
  TorrentRemoveResultDto,
  TorrentStatsDto,
  UploadTorrentFieldsDto,
} from './torrents.dto';

/** The largest .torrent accepted (a 100 GB torrent with 16 KiB pieces has ~130 MB of hashes; few exceed a few MB). */
export const MAX_TORRENT_FILE_BYTES = 10 * 1024 * 1024;

/** What multer (memory storage) hands over of the "torrent" field. */
interface UploadedTorrent {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/** Which instance a route set acts on: the one of the path's id, or the seed kind's alias. */
type Pick = (registry: TorrentClientRegistry, params: ClientParamsDto) => TorrentClientService;

/**
 * The controller of one torrent route set (see TorrentRouteScope). The seed's /api/utorrent and
 * /api/rutorrent and the instances' /api/torrents/clients/{id} are the same class body, so they cannot
 * drift apart; each handler finds its instance and hands over.
 */
function torrentClientController(scope: TorrentRouteScope, pick: Pick, extra: ClassDecorator[] = []): Type {
  const route = torrentRoutes(scope);

  @applyDecorators(ApiTags(scope.tag), Controller(scope.path), ...extra)
  class TorrentClientController {
    constructor(readonly registry: TorrentClientRegistry) {}

    private of(params: ClientParamsDto): TorrentClientService {
      return pick(this.registry, params);
    }

    @route.health()
    health(@Param() params: ClientParamsDto): Promise<TorrentHealthDto> {
      return this.of(params).health();
    }

    @route.status()
    status(@Param() params: ClientParamsDto): Promise<TorrentClientStatusDto> {
      return this.of(params).status();
    }

    @route.list()
    async list(
      @Param() params: ClientParamsDto,
      @Query() query: TorrentListQueryDto,
      @Res() res: Response,
    ): Promise<void> {
      sendJson(res, await this.of(params).listBody(query));
    }

    @route.stats()
    stats(@Param() params: ClientParamsDto): Promise<TorrentStatsDto> {
      return this.of(params).stats();
    }

    @route.bandwidth()
    bandwidth(@Param() params: ClientParamsDto): Promise<BandwidthDto> {
      return this.of(params).bandwidth();
    }

    @route.setBandwidth()
    setBandwidth(@Param() params: ClientParamsDto, @Body() dto: SetBandwidthDto): Promise<BandwidthDto> {
      return this.of(params).setBandwidth(dto);
    }

    @route.addUrl()
    addUrl(@Param() params: ClientParamsDto, @Body() dto: AddTorrentUrlDto): Promise<AddedTorrentDto> {
      return this.of(params).addUrl(dto);
    }

    @route.upload()
    @UseInterceptors(FileInterceptor('torrent', { limits: { fileSize: MAX_TORRENT_FILE_BYTES, files: 1 } }))
    upload(
      @Param() params: ClientParamsDto,
      @UploadedFile() file: UploadedTorrent | undefined,
      @Body() dto: UploadTorrentFieldsDto,
    ): Promise<AddedTorrentDto> {
      if (!file)
        throw new BadRequestException(
          'torrent must be a .torrent file sent as the multipart field "torrent"',
        );
      readTorrentFile(file.buffer);
      return this.of(params).addFile(file.buffer, { label: dto.label, start: dto.start });
    }

    @route.bulk()
    bulk(@Param() params: BulkActionParamsDto, @Body() dto: BulkTorrentsDto): Promise<BulkResultDto> {
      return this.of(params).bulk(params.action, dto.hashes, dto.deleteData, dto.force);
    }

    @route.dataCheck()
    checkData(
      @Param() params: ClientParamsDto,
      @Body() dto: TorrentHashesDto,
    ): Promise<TorrentDataCheckResultDto> {
      return this.of(params).checkData(dto.hashes);
    }

    @route.detail()
    detail(@Param() params: HashParamsDto): Promise<TorrentDetailDto> {
      return this.of(params).detail(params.hash);
    }

    @route.setLabel()
    setLabel(
      @Param() params: HashParamsDto,
      @Body() dto: SetTorrentLabelDto,
    ): Promise<TorrentLabelResultDto> {
      return this.of(params).setLabel(params.hash, dto.label);
    }

    @route.action('start')
    start(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
      return this.of(params).act('start', params.hash);
    }

    @route.action('stop')
    stop(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
      return this.of(params).act('stop', params.hash);
    }

    @route.action('pause')
    pause(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
      return this.of(params).act('pause', params.hash);
    }

    @route.action('resume')
    resume(@Param() params: HashParamsDto): Promise<TorrentActionResultDto> {
      return this.of(params).act('resume', params.hash);
    }

    @route.remove()
    remove(@Param() params: HashParamsDto, @Body() dto: RemoveTorrentDto): Promise<TorrentRemoveResultDto> {
      return this.of(params).remove(params.hash, dto.deleteData, dto.force);
    }

    @route.restart()
    async restart(@Param() params: ClientParamsDto): Promise<RestartedDto> {
      return { restarted: await this.registry.restart(this.of(params)) };
    }

    @route.events()
    events(@Param() params: ClientParamsDto, @Req() req: Request, @Res() res: Response): void {
      this.of(params).subscribe(req, res);
    }
  }
  Object.defineProperty(TorrentClientController, 'name', { value: `${scope.stem}Controller` });
  return TorrentClientController;
}

/** /api/torrents/clients/{id}/…: any configured instance. */
export const TorrentInstanceController = torrentClientController(
  {
    path: 'torrents/clients/:id',
    tag: 'torrents',
    service: 'the torrent client',
    stem: 'TorrentClient',
    audit: 'torrents',
    auditClient: true,
  },
  (registry, params) => registry.get(params.id ?? ''),
  [
    ApiParam({
      name: 'id',
      type: String,
      description:
        'The torrent client instance (GET /api/torrents/clients lists them), e.g. "utorrent" or "seedbox-qbit"',
      example: 'utorrent',
    }),
  ],
);

function seedController(kind: SeedClientKind, service: string, stem: string): Type {
  return torrentClientController(
    { path: kind, tag: kind, service, stem, audit: kind, auditClient: false },
    (registry) => registry.seedAlias(kind),
  );
}

/** The seed's /api/utorrent/…: the uTorrent section, else the first uTorrent of torrent_clients. */
export const UtorrentController = seedController('utorrent', 'uTorrent', 'Utorrent');
/** The seed's /api/rutorrent/…: the rutorrent section, else the first rTorrent of torrent_clients. */
export const RutorrentController = seedController('rutorrent', 'rTorrent', 'Rutorrent');
