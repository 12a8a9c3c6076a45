import { applyDecorators, Get, Header, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
} from '@nestjs/swagger';
import { Audited, type AuditContext } from '../audit/audited.decorator';
import { ErrorBodyDto } from '../common/error-body';
import { UpstreamFailures } from '../upstream/upstream-failures.decorator';
import type { TorrentAction, TorrentClientKind } from './torrent.types';
import {
  AddedTorrentDto,
  BandwidthDto,
  BulkResultDto,
  TorrentActionResultDto,
  TorrentChangesEventDto,
  TorrentClientStatusDto,
  TorrentDataCheckResultDto,
  TorrentHealthDto,
  TorrentPageDto,
  TorrentRemoveResultDto,
  TorrentStatsDto,
  TorrentStreamStatusDto,
} from './torrents.dto';

const MAX_TARGET = 300;
const shorten = (s: string) => (s.length > MAX_TARGET ? `${s.slice(0, MAX_TARGET - 1)}…` : s);

/** Audit target: the torrent's NAME from the handler's result; the hash when it failed before knowing it. */
const byName = (ctx: AuditContext) => (ctx.result as { name?: string } | undefined)?.name ?? ctx.params.hash;

const bulkTarget = (ctx: AuditContext) => {
  const result = ctx.result as BulkResultDto | undefined;
  const names = result?.results.map((r) => r.name ?? r.hash);
  const count = names?.length ?? (Array.isArray(ctx.body.hashes) ? ctx.body.hashes.length : 0);
  return shorten(`${count} torrent${count === 1 ? '' : 's'}${names?.length ? `: ${names.join(', ')}` : ''}`);
};

/**
 * The route decorators both torrent controllers share, so /api/utorrent and /api/rutorrent stay the same
 * set while each handler keeps its own name (operationIds are handler names and must be unique).
 */
export function torrentRoutes(kind: TorrentClientKind, service: string) {
  const failures = UpstreamFailures(service);
  const actionSummaries: Record<TorrentAction, string> = {
    start: 'Start the torrent (from any state: stopped, paused or queued)',
    stop: 'Stop the torrent',
    pause: 'Pause the torrent (it stays started)',
    resume: 'Resume a paused or stopped torrent',
  };
  return {
    health: () =>
      applyDecorators(
        Get('health'),
        ApiOperation({
          summary: `Ask ${service} for its version now: 200, or the 502/503/504 saying why not`,
        }),
        ApiOkResponse({ type: TorrentHealthDto }),
        failures,
      ),
    status: () =>
      applyDecorators(
        Get('status'),
        ApiOperation({
          summary: `${service}: configured, connected, version and counts (200 even when it is down)`,
        }),
        ApiOkResponse({ type: TorrentClientStatusDto }),
      ),
    list: () =>
      applyDecorators(
        Get('torrents'),
        // The handler returns the page as ready JSON text (see TorrentsService.listJson).
        Header('Content-Type', 'application/json; charset=utf-8'),
        ApiOperation({
          summary: `${service} torrents from the last poll, filtered, sorted and paged (no upstream call per request)`,
        }),
        ApiOkResponse({ type: TorrentPageDto }),
        failures,
      ),
    stats: () =>
      applyDecorators(
        Get('stats'),
        ApiOperation({
          summary: `${service} totals from the last poll: counts by state, size, overall ratio, rates`,
        }),
        ApiOkResponse({ type: TorrentStatsDto }),
        failures,
      ),
    bandwidth: () =>
      applyDecorators(
        Get('bandwidth'),
        ApiOperation({ summary: `${service} global download/upload rates and limits (bytes/s)` }),
        ApiOkResponse({ type: BandwidthDto }),
        failures,
      ),
    setBandwidth: () =>
      applyDecorators(
        Put('bandwidth'),
        Audited(`${kind}.bandwidth`, { target: () => service }),
        ApiOperation({ summary: `Set ${service}'s global rate limits (bytes/s; 0 or null = unlimited)` }),
        ApiOkResponse({ type: BandwidthDto }),
        failures,
      ),
    action: (action: TorrentAction) =>
      applyDecorators(
        Post(`torrents/:hash/${action}`),
        HttpCode(200),
        Audited(`${kind}.${action}`, { target: byName }),
        ApiOperation({ summary: `${actionSummaries[action]} in ${service}` }),
        ApiOkResponse({ type: TorrentActionResultDto }),
        ApiNotFoundResponse({ type: ErrorBodyDto, description: `${service} has no torrent with that hash` }),
        failures,
      ),
    remove: () =>
      applyDecorators(
        Post('torrents/:hash/remove'),
        HttpCode(200),
        Audited(`${kind}.remove`, { target: byName }),
        ApiOperation({
          summary: `Remove the torrent from ${service}, and its data when asked ("data" says what became of it)`,
        }),
        ApiOkResponse({ type: TorrentRemoveResultDto }),
        ApiNotFoundResponse({ type: ErrorBodyDto, description: `${service} has no torrent with that hash` }),
        ApiConflictResponse({
          type: ErrorBodyDto,
          description:
            'With deleteData: the data cannot be deleted safely, or other torrents use it (without force); nothing was removed',
        }),
        failures,
      ),
    dataCheck: () =>
      applyDecorators(
        Post('torrents/data-check'),
        HttpCode(200),
        ApiOperation({
          summary: `Whether removing these ${service} torrents with their data would delete it, and if not, why (nothing changes)`,
        }),
        ApiOkResponse({ type: TorrentDataCheckResultDto }),
        failures,
      ),
    addUrl: () =>
      applyDecorators(
        Post('torrents/add-url'),
        HttpCode(201),
        Audited(`${kind}.add`, {
          target: (ctx) =>
            shorten(
              (ctx.result as AddedTorrentDto | undefined)?.name ??
                (typeof ctx.body.url === 'string' ? ctx.body.url : ''),
            ),
        }),
        ApiOperation({
          summary: `Add a torrent to ${service} by http(s) URL or magnet link, and confirm it appeared (502 when not)`,
        }),
        ApiCreatedResponse({ type: AddedTorrentDto }),
        failures,
      ),
    bulk: () =>
      applyDecorators(
        Post('torrents/bulk/:action'),
        HttpCode(200),
        Audited(`${kind}.bulk`, { target: bulkTarget }),
        ApiOperation({
          summary: `Start, stop, pause, resume or remove many ${service} torrents at once; an outcome per hash`,
        }),
        ApiOkResponse({ type: BulkResultDto }),
        failures,
      ),
    events: () =>
      applyDecorators(
        Get('events'),
        ApiOperation({
          summary:
            `Server-sent events of ${service}'s list: "status" (TorrentStreamStatusDto) first and when the ` +
            'connection changes, "changes" (TorrentChangesEventDto) after each poll that found any, "ping" every 15 s',
        }),
        ApiProduces('text/event-stream'),
        ApiExtraModels(TorrentChangesEventDto, TorrentStreamStatusDto),
        ApiOkResponse({ schema: { type: 'string' }, description: 'An event stream' }),
      ),
  };
}
