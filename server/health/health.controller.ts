import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { HealthDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: status, version and uptime (no sign-in needed)' })
  @ApiOkResponse({ type: HealthDto })
  getHealth(): HealthDto {
    return this.health.health();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database and configuration checks' })
  @ApiOkResponse({ type: ReadinessDto })
  getReadiness(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
