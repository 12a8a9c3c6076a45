import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator';
import {
  SeerrConfigDto,
  SeerrOverviewDto,
  SeerrTestResultDto,
  TestSeerrDto,
  UpdateSeerrDto,
} from './seerr.dto';
import { SEERR_PERMISSION_TABLE, SeerrPermissionsDto } from './seerr-permissions.dto';
import { SeerrService } from './seerr.service';

@ApiTags('seerr')
@Controller('seerr')
export class SeerrController {
  constructor(private readonly seerr: SeerrService) {}

  @Get()
  @ApiOperation({
    summary:
      'The Seerr connection and sync settings, with live figures read from Seerr (200 even when it is down)',
  })
  @ApiOkResponse({ type: SeerrOverviewDto })
  getSeerr(): Promise<SeerrOverviewDto> {
    return this.seerr.overview();
  }

  @Get('permissions')
  @ApiOperation({ summary: "Seerr's permission names with their bits, and its default for new users" })
  @ApiOkResponse({ type: SeerrPermissionsDto })
  getSeerrPermissions(): SeerrPermissionsDto {
    return SEERR_PERMISSION_TABLE;
  }

  @Put()
  @Audited('seerr.update', { target: () => 'seerr' })
  @ApiOperation({
    summary: 'Change some of the Seerr connection and sync settings; the API key is write-only',
  })
  @ApiOkResponse({ type: SeerrConfigDto })
  updateSeerr(@Body() dto: UpdateSeerrDto): Promise<SeerrConfigDto> {
    return this.seerr.update(dto);
  }

  @Post('test')
  @HttpCode(200)
  @Audited('seerr.test', { target: () => 'seerr' })
  @ApiOperation({
    summary: 'Pre-flight checks against Seerr with the saved values, or with unsaved ones given in the body',
  })
  @ApiBody({ type: TestSeerrDto, required: false })
  @ApiOkResponse({ type: SeerrTestResultDto })
  testSeerr(@Body() dto: TestSeerrDto): Promise<SeerrTestResultDto> {
    return this.seerr.test(dto);
  }
}
