import { applyDecorators, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotImplementedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
} from '@nestjs/swagger';
import { Audited, type AuditContext } from '../audit/audited.decorator';
import { ErrorBodyDto } from '../common/error-body';
import { UpstreamFailures } from '../upstream/upstream-failures.decorator';
import type { TorrentAction } from './torrent.types';
import {
  AddedTorrentDto,
  BandwidthDto,
  BulkResultDto,
  RestartedDto,
  TorrentActionResultDto,
  TorrentChangesEventDto,
  TorrentClientStatusDto,
  TorrentDataCheckResultDto,
  TorrentDetailDto,
  TorrentHealthDto,
  TorrentLabelResultDto,
  TorrentPageDto,
  TorrentRemoveResultDto,
  TorrentStatsDto,
  TorrentStreamStatusDto,
} from './torrents.dto';

const MAX_TARGET = 300;
const shorten = (s: string) => (s.length > MAX_TARGET ? `${s.slice(0, MAX_TARGET - 1)}…` : s);

/** Audit target: the torrent's NAME from the handler's result; the hash when it failed before knowing it. */
const byName = (ctx: AuditContext) => (ctx.result as { name?: string } | undefined)?.name ?? ctx.params.hash;

const uploadTarget = (ctx: AuditContext) =>
  shorten((ctx.result as AddedTorrentDto | undefined)?.name ?? 'a .torrent file');

const bulkTarget = (ctx: AuditContext) => {
  const result = ctx.result as BulkResultDto | undefined;
  const names = result?.results.map((r) => r.name ?? r.hash);
  const count = names?.length ?? (Array.isArray(ctx.body.hashes) ? ctx.body.hashes.length : 0);
  return shorten(`${count} torrent${count === 1 ? '' : 's'}${names?.length ? `: ${names.join(', ')}` : ''}`);
};

/**
 * Where a set of torrent routes lives: the seed's /api/utorrent and /api/rutorrent (one fixed client
 * each), or /api/torrents/clients/{id} (any instance).
 */
export interface TorrentRouteScope {
  /** The controller path, e.g. "utorrent" or "torrents/clients/:id". */
  path: string;
  tag: string;
  /** The name summaries use, e.g. "uTorrent" or "the torrent client". */
  service: string;
  /** The middle of each operationId, e.g. "Utorrent" → getUtorrentHealth, listUtorrentTorrents. */
  stem: string;
  /** The audit action prefix, e.g. "utorrent" → utorrent.pause. */
  audit: string;
  /** Instance routes add " (in <id>)" to audit targets, so the log says which client acted. */
  auditClient: boolean;
}

/**
 * The route decorators of one torrent route set. Every set is the same routes with the same bodies;
 * only the path, the names in summaries, the operationIds and the audit names differ.
 */
export function torrentRoutes(scope: TorrentRouteScope) {
  const { service, stem } = scope;
  const failures = UpstreamFailures(service);
  const op = (operationId: string, summary: string) => ApiOperation({ operationId, summary });
  const audited = (action: string, target: (ctx: AuditContext) => string | undefined) =>
    Audited(`${scope.audit}.${action}`, {
      target: scope.auditClient
        ? (ctx) => shorten(`${target(ctx) ?? ''} (in ${ctx.params.id ?? '?'})`)
        : target,
    });
  const actionSummaries: Record<TorrentAction, string> = {
    start: 'Start the torrent (from any state: stopped, paused or queued)',
    stop: 'Stop the torrent',
    pause: 'Pause the torrent (it stays started)',
    resume: 'Resume a paused or stopped torrent',
  };
  const notFound = ApiNotFoundResponse({
    type: ErrorBodyDto,
    description: `${service} has no torrent with that hash`,
  });
  return {
    health: () =>
      applyDecorators(
        Get('health'),
        op(`get${stem}Health`, `Ask ${service} for its version now: 200, or the 502/503/504 saying why not`),
        ApiOkResponse({ type: TorrentHealthDto }),
        failures,
      ),
    status: () =>
      applyDecorators(
        Get('status'),
        op(
          `get${stem}Status`,
          `${service}: configured, connected, version and counts (200 even when it is down)`,
        ),
        ApiOkResponse({ type: TorrentClientStatusDto }),
      ),
    list: () =>
      applyDecorators(
        Get('torrents'),
        // The handler sends the page as ready JSON (see TorrentClientService.listBody).
        op(
          `list${stem}Torrents`,
          `${service} torrents from the last poll, filtered, sorted and paged (no upstream call per request)`,
        ),
        ApiOkResponse({ type: TorrentPageDto }),
        failures,
      ),
    stats: () =>
      applyDecorators(
        Get('stats'),
        op(
          `get${stem}Stats`,
          `${service} totals from the last poll: counts by state, size, overall ratio, rates`,
        ),
        ApiOkResponse({ type: TorrentStatsDto }),
        failures,
      ),
    bandwidth: () =>
      applyDecorators(
        Get('bandwidth'),
        op(`get${stem}Bandwidth`, `${service} global download/upload rates and limits (bytes/s)`),
        ApiOkResponse({ type: BandwidthDto }),
        failures,
      ),
    setBandwidth: () =>
      applyDecorators(
        Put('bandwidth'),
        audited('bandwidth', () => (scope.auditClient ? 'global limits' : service)),
        op(`set${stem}Bandwidth`, `Set ${service}'s global rate limits (bytes/s; 0 or null = unlimited)`),
        ApiOkResponse({ type: BandwidthDto }),
        failures,
      ),
    action: (action: TorrentAction) =>
      applyDecorators(
        Post(`torrents/:hash/${action}`),
        HttpCode(200),
        audited(action, byName),
        op(`${action}${stem}Torrent`, `${actionSummaries[action]} in ${service}`),
        ApiOkResponse({ type: TorrentActionResultDto }),
        notFound,
        failures,
      ),
    remove: () =>
      applyDecorators(
        Post('torrents/:hash/remove'),
        HttpCode(200),
        audited('remove', byName),
        op(
          `remove${stem}Torrent`,
          `Remove the torrent from ${service}, and its data when asked ("data" says what became of it)`,
        ),
        ApiOkResponse({ type: TorrentRemoveResultDto }),
        notFound,
        ApiConflictResponse({
          type: ErrorBodyDto,
          description:
            'With deleteData: the data cannot be deleted safely, or other torrents use it (without force); nothing was removed',
        }),
        failures,
      ),
    detail: () =>
      applyDecorators(
        Get('torrents/:hash'),
        op(
          `get${stem}TorrentDetail`,
          `One ${service} torrent's files (with priorities), peers, trackers (with their messages) and error, asked now`,
        ),
        ApiOkResponse({ type: TorrentDetailDto }),
        notFound,
        failures,
      ),
    setLabel: () =>
      applyDecorators(
        Put('torrents/:hash/label'),
        audited('label', byName),
        op(
          `set${stem}TorrentLabel`,
          `Set or remove ("") the label of a ${service} torrent (qBittorrent: its category)`,
        ),
        ApiOkResponse({ type: TorrentLabelResultDto }),
        notFound,
        failures,
      ),
    dataCheck: () =>
      applyDecorators(
        Post('torrents/data-check'),
        HttpCode(200),
        op(
          `check${stem}Data`,
          `Whether removing these ${service} torrents with their data would delete it, and if not, why (nothing changes)`,
        ),
        ApiOkResponse({ type: TorrentDataCheckResultDto }),
        failures,
      ),
    addUrl: () =>
      applyDecorators(
        Post('torrents/add-url'),
        HttpCode(201),
        audited('add', (ctx) =>
          shorten(
            (ctx.result as AddedTorrentDto | undefined)?.name ??
              (typeof ctx.body.url === 'string' ? ctx.body.url : ''),
          ),
        ),
        op(
          `add${stem}Url`,
          `Add a torrent to ${service} by http(s) URL or magnet link, and confirm it appeared (502 when not)`,
        ),
        ApiCreatedResponse({ type: AddedTorrentDto }),
        failures,
      ),
    upload: () =>
      applyDecorators(
        Post('torrents/upload'),
        HttpCode(201),
        audited('upload', uploadTarget),
        op(
          `upload${stem}Torrent`,
          `Add a .torrent file to ${service} (multipart field "torrent"), and confirm it appeared`,
        ),
        ApiConsumes('multipart/form-data'),
        ApiBody({
          schema: {
            type: 'object',
            required: ['torrent'],
            properties: {
              torrent: {
                type: 'string',
                format: 'binary',
                description: 'The .torrent file (at most 10 MiB)',
              },
              label: { type: 'string', maxLength: 200 },
              start: { type: 'boolean', default: true, description: 'Start it at once' },
            },
          },
        }),
        ApiCreatedResponse({ type: AddedTorrentDto }),
        ApiConflictResponse({ type: ErrorBodyDto, description: `${service} already has this torrent` }),
        failures,
      ),
    bulk: () =>
      applyDecorators(
        Post('torrents/bulk/:action'),
        HttpCode(200),
        audited('bulk', bulkTarget),
        op(
          `bulk${stem}Action`,
          `Start, stop, pause, resume or remove many ${service} torrents at once; an outcome per hash`,
        ),
        ApiOkResponse({ type: BulkResultDto }),
        failures,
      ),
    restart: () =>
      applyDecorators(
        Post('restart'),
        HttpCode(200),
        audited('restart', (ctx) => (ctx.result as RestartedDto | undefined)?.restarted ?? service),
        op(`restart${stem}`, `Restart ${service}'s Docker container (torrent clients have no restart call)`),
        ApiOkResponse({ type: RestartedDto }),
        ApiNotImplementedResponse({
          type: ErrorBodyDto,
          description: 'No container is configured; the message says how',
        }),
      ),
    events: () =>
      applyDecorators(
        Get('events'),
        op(
          `${stem.charAt(0).toLowerCase()}${stem.slice(1)}Events`,
          `Server-sent events of ${service}'s list: "status" (TorrentStreamStatusDto) first and when the ` +
            'connection changes, "changes" (TorrentChangesEventDto) after each poll that found any, "ping" every 15 s',
        ),
        ApiProduces('text/event-stream'),
        ApiExtraModels(TorrentChangesEventDto, TorrentStreamStatusDto),
        ApiOkResponse({ schema: { type: 'string' }, description: 'An event stream' }),
      ),
  };
}
