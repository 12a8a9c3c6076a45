import { Body, Controller, Get, Header, Param, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audited.decorator';
import { UpstreamFailures } from '../upstream/upstream-failures.decorator';
import { ContainerFilterService } from './container-filter.service';
import { ContainerLogsService } from './container-logs.service';
import {
  ContainerActionResultDto,
  ContainerFilterDto,
  ContainerListDto,
  ContainerLogBatchDto,
  ContainerLogsDto,
} from './containers.dto';
import {
  ContainerLogDownloadQueryDto,
  ContainerLogEventsQueryDto,
  ContainerLogsQueryDto,
  ContainerNameParamsDto,
  ContainerStopQueryDto,
  UpdateContainerFilterDto,
} from './containers-requests.dto';
import { containerActionRoute, containerLogsRoute, filterTarget } from './containers.routes';
import { writeEventStream } from './log-event-stream';
import { ContainersService } from './containers.service';

@ApiTags('containers')
@Controller('containers')
export class ContainersController {
  constructor(
    private readonly containers: ContainersService,
    private readonly logs: ContainerLogsService,
    private readonly filters: ContainerFilterService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "The stack's containers as Docker reports them, with stats and the panel service each runs; one read " +
      'every few seconds serves every viewer',
  })
  @ApiOkResponse({ type: ContainerListDto })
  @UpstreamFailures('Docker')
  listContainers(): Promise<ContainerListDto> {
    return this.containers.list();
  }

  @Put('filter')
  @Audited('containers.filter', { target: (ctx) => filterTarget(ctx.body) })
  @ApiOperation({ summary: 'Which containers the panel shows and may act on; saved to config.json' })
  @ApiOkResponse({ type: ContainerFilterDto })
  updateContainerFilter(@Body() dto: UpdateContainerFilterDto): Promise<ContainerFilterDto> {
    return this.filters.update(dto);
  }

  @containerActionRoute('start')
  startContainer(@Param() params: ContainerNameParamsDto): Promise<ContainerActionResultDto> {
    return this.containers.act(params.name, 'start');
  }

  @containerActionRoute('stop')
  stopContainer(
    @Param() params: ContainerNameParamsDto,
    @Query() query: ContainerStopQueryDto,
  ): Promise<ContainerActionResultDto> {
    return this.containers.act(params.name, 'stop', query.t);
  }

  @containerActionRoute('restart')
  restartContainer(
    @Param() params: ContainerNameParamsDto,
    @Query() query: ContainerStopQueryDto,
  ): Promise<ContainerActionResultDto> {
    return this.containers.act(params.name, 'restart', query.t);
  }

  @containerLogsRoute(
    ':name/logs',
    'The last lines of the log (stdout and stderr, with times), optionally searched',
  )
  @ApiOkResponse({ type: ContainerLogsDto })
  getContainerLogs(
    @Param() params: ContainerNameParamsDto,
    @Query() query: ContainerLogsQueryDto,
  ): Promise<ContainerLogsDto> {
    return this.logs.tail(params.name, query.tail, query.search, query.since);
  }

  @containerLogsRoute(
    ':name/logs/download',
    'The log as a text file NAME.log (the whole log, or the last tail lines)',
  )
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({
    schema: { type: 'string' },
    description: 'The log, one line each, as docker logs -t prints it',
  })
  async downloadContainerLogs(
    @Param() params: ContainerNameParamsDto,
    @Query() query: ContainerLogDownloadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const text = await this.logs.download(params.name, query.tail);
    res.setHeader('Content-Disposition', `attachment; filename="${params.name}.log"`);
    return text;
  }

  @Get(':name/logs/events')
  @ApiOperation({
    summary:
      'Server-sent events of the log as it grows: "lines" (ContainerLogBatchDto) per chunk, the last tail lines ' +
      'first; "failure" ({statusCode, message}) when Docker breaks off; the Docker request ends with the stream',
  })
  @ApiProduces('text/event-stream')
  @ApiExtraModels(ContainerLogBatchDto)
  @ApiOkResponse({ schema: { type: 'string' }, description: 'An event stream' })
  @ApiNotFoundResponse({
    type: ErrorBodyDto,
    description: 'Docker has no container of that name, or the filter does not show it',
  })
  @UpstreamFailures('Docker')
  async containerLogEvents(
    @Param() params: ContainerNameParamsDto,
    @Query() query: ContainerLogEventsQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    writeEventStream(req, res, await this.logs.follow(params.name, query.tail));
  }
}
