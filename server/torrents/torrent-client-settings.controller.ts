import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited, type AuditContext } from '../audit/audited.decorator';
import { ErrorBodyDto } from '../common/error-body';
import {
  CreateTorrentClientDto,
  TestTorrentClientDto,
  TorrentClientEntryDto,
  TorrentClientTestDto,
  UpdateTorrentClientDto,
} from './torrent-client-settings.dto';
import { TorrentClientSettingsService } from './torrent-client-settings.service';

/** The entry's name: from the answer (a rename's new name, a removed entry's), else the body, else the id. */
const byName = {
  target: (ctx: AuditContext) =>
    (ctx.result as { name?: string } | undefined)?.name ??
    (ctx.body.name as string | undefined) ??
    ctx.params.id,
};
const idTaken = ApiConflictResponse({
  type: ErrorBodyDto,
  description: 'The name’s id is taken by the seed’s utorrent/rutorrent section or another entry',
});

@ApiTags('torrent-settings')
@Controller('torrents/settings')
export class TorrentClientSettingsController {
  constructor(private readonly settings: TorrentClientSettingsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listTorrentClientSettings',
    summary: 'Every torrent_clients entry of config.json; passwords are never returned',
  })
  @ApiOkResponse({ type: [TorrentClientEntryDto] })
  listTorrentClientSettings(): TorrentClientEntryDto[] {
    return this.settings.list();
  }

  @Post()
  @Audited('torrents.settings.create', byName)
  @ApiOperation({
    operationId: 'createTorrentClient',
    summary: 'Add a torrent client (a torrent_clients entry)',
  })
  @ApiCreatedResponse({ type: TorrentClientEntryDto })
  @idTaken
  createTorrentClient(@Body() dto: CreateTorrentClientDto): Promise<TorrentClientEntryDto> {
    return this.settings.create(dto);
  }

  @Post('test')
  @HttpCode(200)
  @Audited('torrents.settings.test', byName)
  @ApiOperation({
    operationId: 'testTorrentClient',
    summary:
      'Try a connection before saving it: the version, or the sentence saying why not (always 200; nothing is saved)',
  })
  @ApiOkResponse({ type: TorrentClientTestDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No stored client has the id given' })
  testTorrentClient(@Body() dto: TestTorrentClientDto): Promise<TorrentClientTestDto> {
    return this.settings.test(dto);
  }

  @Put(':id')
  @Audited('torrents.settings.update', byName)
  @ApiOperation({
    operationId: 'updateTorrentClient',
    summary:
      'Change a torrent client; omitted fields stay, an omitted or empty password keeps the stored one, null clears',
  })
  @ApiOkResponse({ type: TorrentClientEntryDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @idTaken
  updateTorrentClient(
    @Param('id') id: string,
    @Body() dto: UpdateTorrentClientDto,
  ): Promise<TorrentClientEntryDto> {
    return this.settings.update(id, dto);
  }

  @Delete(':id')
  @Audited('torrents.settings.delete', byName)
  @ApiOperation({
    operationId: 'deleteTorrentClient',
    summary: 'Remove a torrent client; answers the entry removed',
  })
  @ApiOkResponse({ type: TorrentClientEntryDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  deleteTorrentClient(@Param('id') id: string): Promise<TorrentClientEntryDto> {
    return this.settings.remove(id);
  }
}
