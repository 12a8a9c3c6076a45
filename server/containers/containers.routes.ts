import { applyDecorators, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Audited, type AuditContext } from '../audit/audited.decorator';
import { ErrorBodyDto } from '../common/error-body';
import { UpstreamFailures } from '../upstream/upstream-failures.decorator';
import { ContainerActionResultDto } from './containers.dto';
import type { ContainerAction } from './docker-engine.client';

const SUMMARIES: Record<ContainerAction, string> = {
  start: 'Start the container (200 with changed: false when it already runs)',
  stop: 'Stop the container, giving it t seconds (200 with changed: false when it is not running)',
  restart: 'Restart the container, giving it t seconds to stop',
};

/** Audit target: the container, and the panel service it runs. */
const target = (ctx: AuditContext) => {
  const result = ctx.result as ContainerActionResultDto | undefined;
  return result?.service ? `${ctx.params.name} (${result.service})` : ctx.params.name;
};

/** The decorators of a start, stop or restart route (operationIds are the handler names). */
export const containerActionRoute = (action: ContainerAction) =>
  applyDecorators(
    Post(`:name/${action}`),
    HttpCode(200),
    Audited(`containers.${action}`, { target }),
    ApiOperation({ summary: SUMMARIES[action] }),
    ApiOkResponse({ type: ContainerActionResultDto }),
    ApiNotFoundResponse({
      type: ErrorBodyDto,
      description: 'Docker has no container of that name, or the filter does not show it',
    }),
    UpstreamFailures('Docker'),
  );

export const containerLogsRoute = (path: string, summary: string) =>
  applyDecorators(
    Get(path),
    ApiOperation({ summary }),
    ApiNotFoundResponse({
      type: ErrorBodyDto,
      description: 'Docker has no container of that name, or the filter does not show it',
    }),
    UpstreamFailures('Docker'),
  );

/** Audit target of a filter change: the mode, and what it shows. */
export const filterTarget = (body: Record<string, unknown>): string => {
  const mode = typeof body.mode === 'string' ? body.mode : '';
  if (mode === 'named' && Array.isArray(body.names))
    return `named: ${body.names.filter((n) => typeof n === 'string').join(', ')}`.slice(0, 300);
  if (mode === 'label' && typeof body.label === 'string') return `label: ${body.label}`.slice(0, 300);
  return mode;
};
