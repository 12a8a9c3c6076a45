import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { AboutDto, DiskUsageDto, HealthDto, ReadinessDto, ServiceHealthListDto } from './health.dto';
import { ServiceHealthService } from './service-health.service';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly services: ServiceHealthService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: status, version and uptime (no sign-in needed)' })
  @ApiOkResponse({ type: HealthDto })
  getHealth(): HealthDto {
    return this.health.health();
  }

  @Get('about')
  @ApiOperation({ summary: 'The About page: version, uptime, where the configuration and database are' })
  @ApiOkResponse({ type: AboutDto })
  getAbout(): AboutDto {
    return this.health.about();
  }

  @Get('disks')
  @ApiOperation({
    summary:
      'Free and used space of each `disk_paths` entry (default: the config directory and the download directories), with a level',
  })
  @ApiOkResponse({ type: [DiskUsageDto] })
  getDisks(): DiskUsageDto[] {
    return this.health.disks();
  }

  @Get('services')
  @ApiOperation({
    summary:
      'Every upstream (Seerr, each media server, Plex, Tautulli, each torrent client, Docker): up, down or off, with why',
  })
  @ApiOkResponse({ type: ServiceHealthListDto })
  getServiceHealth(): Promise<ServiceHealthListDto> {
    return this.services.check();
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: database, configuration, free space, and every configured upstream answering',
  })
  @ApiOkResponse({ type: ReadinessDto, description: 'Every check passes' })
  @ApiServiceUnavailableResponse({
    type: ReadinessDto,
    description: 'At least one check fails; see `checks`',
  })
  async getReadiness(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return readiness;
  }
}
