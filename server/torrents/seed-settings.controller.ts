import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator';
import { RutorrentSettingsDto, UpdateRutorrentSettingsDto } from './seed-settings.dto';
import { SeedSettingsService } from './seed-settings.service';
import { TorrentClientSettingsDto, UpdateTorrentClientSettingsDto } from './torrent-settings.dto';

@ApiTags('utorrent')
@Controller('utorrent/settings')
export class UtorrentSettingsController {
  constructor(private readonly settings: SeedSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The uTorrent connection settings; the password is never returned' })
  @ApiOkResponse({ type: TorrentClientSettingsDto })
  getUtorrentSettings(): TorrentClientSettingsDto {
    return this.settings.utorrent();
  }

  @Put()
  @Audited('utorrent.settings', { target: () => 'uTorrent' })
  @ApiOperation({
    summary: 'Change some uTorrent connection settings; omitted fields (the password too) stay',
  })
  @ApiOkResponse({ type: TorrentClientSettingsDto })
  updateUtorrentSettings(@Body() dto: UpdateTorrentClientSettingsDto): Promise<TorrentClientSettingsDto> {
    return this.settings.updateUtorrent(dto);
  }
}

@ApiTags('rutorrent')
@Controller('rutorrent/settings')
export class RutorrentSettingsController {
  constructor(private readonly settings: SeedSettingsService) {}

  @Get()
  @ApiOperation({
    summary: 'The rTorrent (ruTorrent XML-RPC) connection settings; the password is never returned',
  })
  @ApiOkResponse({ type: RutorrentSettingsDto })
  getRutorrentSettings(): RutorrentSettingsDto {
    return this.settings.rutorrent();
  }

  @Put()
  @Audited('rutorrent.settings', { target: () => 'rTorrent' })
  @ApiOperation({
    summary: 'Change some rTorrent connection settings; omitted fields (the password too) stay, null clears',
  })
  @ApiOkResponse({ type: RutorrentSettingsDto })
  updateRutorrentSettings(@Body() dto: UpdateRutorrentSettingsDto): Promise<RutorrentSettingsDto> {
    return this.settings.updateRutorrent(dto);
  }
}
