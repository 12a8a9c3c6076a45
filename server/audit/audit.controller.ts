import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditActionsDto, AuditFilterDto, AuditListQueryDto, AuditPageDto } from './audit.dto';
import { AuditService } from './audit.service';

const AUDIT_CSV = { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="audit-log.csv"' };

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries, newest first, filtered and paged' })
  @ApiOkResponse({ type: AuditPageDto })
  listAuditEntries(@Query() query: AuditListQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }

  @Get('actions')
  @ApiOperation({ summary: 'The distinct action names in the log, for filters' })
  @ApiOkResponse({ type: AuditActionsDto })
  listAuditActions(): Promise<AuditActionsDto> {
    return this.audit.actions();
  }

  @Get('export')
  @ApiOperation({ summary: 'The matching entries as CSV, oldest first' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'CSV with a header row' })
  exportAuditEntries(@Query() query: AuditFilterDto): StreamableFile {
    // The CSV headers go with the file, so a refused query is still answered as JSON.
    return new StreamableFile(this.audit.exportCsv(query), AUDIT_CSV);
  }
}
