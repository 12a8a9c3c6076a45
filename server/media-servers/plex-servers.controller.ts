import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body';
import { PlexServerDto, PlexServersQueryDto } from './media-servers.dto';
import { PlexDiscoveryService } from './plex-discovery.service';

@ApiTags('media-servers')
@Controller('plex/servers')
export class PlexServersController {
  constructor(private readonly discovery: PlexDiscoveryService) {}

  @Get()
  @ApiOperation({
    summary: 'The Plex Media Servers of a plex.tv account, with their addresses (the token is not kept)',
  })
  @ApiOkResponse({ type: [PlexServerDto] })
  @ApiBadGatewayResponse({
    type: ErrorBodyDto,
    description: 'plex.tv refused the token or could not be read',
  })
  discoverPlexServers(@Query() query: PlexServersQueryDto): Promise<PlexServerDto[]> {
    return this.discovery.servers(query.token);
  }
}
