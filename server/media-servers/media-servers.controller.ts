import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator';
import { ErrorBodyDto } from '../common/error-body';
import { RefreshQueryDto } from '../common/refresh-query.dto';
import {
  CreateMediaServerDto,
  MediaServerDto,
  MediaServerStatusDto,
  MediaServerTestDto,
  TestMediaServerDto,
  UpdateMediaServerDto,
} from './media-servers.dto';
import { MediaServersService } from './media-servers.service';

const byName = { target: (ctx: { params: Record<string, string> }) => ctx.params.name };

@ApiTags('media-servers')
@Controller('mediaservers')
export class MediaServersController {
  constructor(private readonly servers: MediaServersService) {}

  @Get()
  @ApiOperation({
    summary:
      'Every configured media server, with its user count (cached until a sync, a config change or a refresh)',
  })
  @ApiOkResponse({ type: [MediaServerStatusDto] })
  listMediaServers(@Query() query: RefreshQueryDto): Promise<MediaServerStatusDto[]> {
    return this.servers.list(query.refresh === true);
  }

  @Post('test')
  @HttpCode(200)
  @Audited('mediaservers.test', { target: (ctx) => ctx.body.name as string | undefined })
  @ApiOperation({
    summary:
      'Try a server before saving it: reachable, credentials accepted, user count (always 200; nothing is saved)',
  })
  @ApiOkResponse({ type: MediaServerTestDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No configured server is named saved_name' })
  testUnsavedMediaServer(@Body() dto: TestMediaServerDto): Promise<MediaServerTestDto> {
    return this.servers.testUnsaved(dto);
  }

  @Get(':name')
  @ApiOperation({ summary: 'One media server, with its user count read now' })
  @ApiOkResponse({ type: MediaServerStatusDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  getMediaServer(@Param('name') name: string): Promise<MediaServerStatusDto> {
    return this.servers.get(name);
  }

  @Post()
  @Audited('mediaservers.create', { target: (ctx) => ctx.body.name as string | undefined })
  @ApiOperation({ summary: 'Add a media server' })
  @ApiCreatedResponse({ type: MediaServerDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'A server has that name (ignoring case)' })
  createMediaServer(@Body() dto: CreateMediaServerDto): Promise<MediaServerDto> {
    return this.servers.create(dto);
  }

  @Put(':name')
  @Audited('mediaservers.update', byName)
  @ApiOperation({ summary: 'Change a media server; omitted fields, the token included, stay as they are' })
  @ApiOkResponse({ type: MediaServerDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The new name is taken (ignoring case)' })
  updateMediaServer(@Param('name') name: string, @Body() dto: UpdateMediaServerDto): Promise<MediaServerDto> {
    return this.servers.update(name, dto);
  }

  @Delete(':name')
  @HttpCode(204)
  @Audited('mediaservers.delete', byName)
  @ApiOperation({ summary: 'Remove a media server' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  deleteMediaServer(@Param('name') name: string): Promise<void> {
    return this.servers.remove(name);
  }

  @Post(':name/test')
  @HttpCode(200)
  @Audited('mediaservers.test', byName)
  @ApiOperation({ summary: 'Try the server: reachable, credentials accepted, user count (always 200)' })
  @ApiOkResponse({ type: MediaServerTestDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  testMediaServer(@Param('name') name: string): Promise<MediaServerTestDto> {
    return this.servers.test(name);
  }
}
