import { json, type SimResponse } from '../core';
import { hasPermission, MediaRequestStatus as R, MediaStatus as M, Permission } from './seerr.constants';
import { num, type SeerrContext, type SeerrRoute } from './seerr.context';
import { handlerError } from './seerr.errors';
import { page, pageInfo, requestJson } from './seerr.json';
import type { SeerrRequest } from './seerr.model';

const ALL_REQUEST = [R.PENDING, R.APPROVED, R.DECLINED, R.FAILED, R.COMPLETED];
const NOT_AVAILABLE = [M.UNKNOWN, M.PENDING, M.PROCESSING, M.PARTIALLY_AVAILABLE];
/** Every media status except BLOCKLISTED (6). */
const ALL_MEDIA = [...NOT_AVAILABLE, M.AVAILABLE, M.DELETED];

/** GET /request `filter` → (request statuses, media statuses); Seerr checks `status4k` for 4K requests. */
function filterSets(filter: unknown): [number[], number[]] {
  switch (filter) {
    case 'pending':
      return [[R.PENDING], ALL_MEDIA];
    case 'approved':
      return [[R.APPROVED], ALL_MEDIA];
    case 'processing':
      return [[R.APPROVED], NOT_AVAILABLE];
    case 'unavailable':
      return [[R.PENDING, R.APPROVED], NOT_AVAILABLE];
    case 'failed':
      return [[R.FAILED], ALL_MEDIA];
    case 'available':
      return [[R.COMPLETED], [M.AVAILABLE]];
    case 'completed':
      return [[R.COMPLETED], ALL_MEDIA];
    case 'deleted':
      return [[R.COMPLETED], [M.DELETED]];
    default:
      return [ALL_REQUEST, ALL_MEDIA];
  }
}

const canViewAll = (ctx: SeerrContext) =>
  hasPermission([Permission.MANAGE_REQUESTS, Permission.REQUEST_VIEW], ctx.user.permissions, 'or');

function listRequests(ctx: SeerrContext): SimResponse {
  const { query, state } = ctx;
  const take = num(query.take, 10);
  const skip = num(query.skip, 0);
  let requestedBy = query.requestedBy ? Number(query.requestedBy) : null;
  const mediaType = query.mediaType || 'all';
  if (!canViewAll(ctx)) {
    if (requestedBy && requestedBy !== ctx.user.id) {
      return handlerError(403, "You do not have permission to view this user's requests.");
    }
    requestedBy = ctx.user.id;
  }
  const [statuses, mediaStatuses] = filterSets(query.filter);
  const matches = (r: SeerrRequest) => {
    const media = state.media.get(r.mediaId);
    return (
      !!media &&
      statuses.includes(r.status) &&
      mediaStatuses.includes(r.is4k ? media.status4k : media.status) &&
      (!requestedBy || r.requestedById === requestedBy) &&
      (mediaType === 'all' || r.type === mediaType)
    );
  };
  const field = query.sort === 'modified' ? 'updatedAt' : query.sort === 'added' ? 'createdAt' : 'id';
  const dir = query.sortDirection === 'asc' ? 1 : -1;
  const all = ctx.req.faults.emptyLists ? [] : [...state.requests.values()].filter(matches);
  all.sort((a, b) => (a[field] === b[field] ? a.id - b.id : a[field] < b[field] ? -1 : 1) * dir);
  const manage = hasPermission(Permission.MANAGE_REQUESTS, ctx.user.permissions);
  const results = page(all, take, skip).map((r) => withServarr(ctx, r, manage));
  const unreachable = (kind: 'radarr' | 'sonarr') =>
    state.settings[kind].filter((s) => !s.reachable).map((s) => ({ id: s.id, name: s.name }));
  return json(200, {
    pageInfo: pageInfo(all.length, take, skip),
    results,
    serviceErrors: { radarr: unreachable('radarr'), sonarr: unreachable('sonarr') },
  });
}

/**
 * profileName (omitted when the Radarr/Sonarr profile can't be resolved) and canRemove (managers only):
 * Seerr 3.1.0 answers it false for the API key whatever the request's Radarr/Sonarr server, and the
 * simulator does so for every manager.
 */
function withServarr(ctx: SeerrContext, r: SeerrRequest, manage: boolean): Record<string, unknown> {
  const servers = ctx.state.settings[r.type === 'movie' ? 'radarr' : 'sonarr'];
  const server = servers.find((s) => s.id === r.serverId);
  const profileName = server?.reachable ? server.profiles.find((p) => p.id === r.profileId)?.name : undefined;
  const out: Record<string, unknown> = { ...requestJson(ctx.state, r), profileName };
  if (manage) out.canRemove = false;
  return out;
}

/** GET /request/count, including Seerr's "available" = APPROVED requests whose media is AVAILABLE. */
function countRequests(ctx: SeerrContext): SimResponse {
  const rows = [...ctx.state.requests.values()].flatMap((r) => {
    const media = ctx.state.media.get(r.mediaId);
    return media ? [{ r, available: (r.is4k ? media.status4k : media.status) === M.AVAILABLE }] : [];
  });
  const count = (test: (x: (typeof rows)[number]) => boolean) => rows.filter(test).length;
  return json(200, {
    total: rows.length,
    movie: count((x) => x.r.type === 'movie'),
    tv: count((x) => x.r.type === 'tv'),
    pending: count((x) => x.r.status === R.PENDING),
    approved: count((x) => x.r.status === R.APPROVED),
    declined: count((x) => x.r.status === R.DECLINED),
    processing: count((x) => x.r.status === R.APPROVED && !x.available),
    available: count((x) => x.r.status === R.APPROVED && x.available),
    completed: count((x) => x.r.status === R.COMPLETED),
  });
}

function getRequest(ctx: SeerrContext): SimResponse {
  const request = ctx.state.requests.get(Number(ctx.params.requestId));
  if (!request) return handlerError(404, 'Request not found.');
  if (request.requestedById !== ctx.user.id && !canViewAll(ctx)) {
    return handlerError(403, 'You do not have permission to view this request.');
  }
  return json(200, requestJson(ctx.state, request));
}

/**
 * POST /request/{id}/approve|decline (MANAGE_REQUESTS). Seerr 3 answers 409 for a request that is no
 * longer pending, and 404 "Request not found." for an id it does not hold (a non-number included). Its
 * entity hook then moves the media on: approved from UNKNOWN/PENDING to PROCESSING (the simulator has
 * no Radarr/Sonarr to send it to), a declined movie back to UNKNOWN unless DELETED, a declined series
 * back to UNKNOWN when no other request of it is pending.
 */
function setRequestStatus(ctx: SeerrContext): SimResponse {
  const request = ctx.state.requests.get(Number(ctx.params.requestId));
  if (!request) return handlerError(404, 'Request not found.');
  const status = ctx.params.status === 'approve' ? R.APPROVED : R.DECLINED;
  if (request.status !== R.PENDING) {
    return handlerError(409, 'Only pending requests can be approved or declined.');
  }
  request.status = status;
  request.modifiedById = ctx.user.id;
  request.updatedAt = new Date().toISOString();
  const media = ctx.state.media.get(request.mediaId);
  const key = request.is4k ? 'status4k' : 'status';
  if (media && status === R.APPROVED) {
    if (media[key] === M.UNKNOWN || media[key] === M.PENDING) media[key] = M.PROCESSING;
    for (const season of request.seasons) season.status = R.APPROVED;
  }
  if (media && status === R.DECLINED && media[key] !== M.DELETED) {
    const otherPending = [...ctx.state.requests.values()].some(
      (r) => r.mediaId === media.id && r.is4k === request.is4k && r.status === R.PENDING,
    );
    if (request.type === 'movie' || (!otherPending && media[key] === M.PENDING)) media[key] = M.UNKNOWN;
  }
  return json(200, requestJson(ctx.state, request));
}

/** DELETE /request/{id}: managers remove any; others only their own pending ones (401, as Seerr says). */
function deleteRequest(ctx: SeerrContext): SimResponse {
  const request = ctx.state.requests.get(Number(ctx.params.requestId));
  if (!request) return handlerError(404, 'Request not found.');
  const manage = hasPermission(Permission.MANAGE_REQUESTS, ctx.user.permissions);
  if (!manage && (request.requestedById !== ctx.user.id || request.status !== R.PENDING)) {
    return handlerError(401, 'You do not have permission to delete this request.');
  }
  ctx.state.deleteRequest(request.id);
  return { status: 204 };
}

export const requestRoutes: SeerrRoute[] = [
  { method: 'GET', path: '/request', guard: 0, handler: listRequests },
  { method: 'GET', path: '/request/count', guard: 0, handler: countRequests },
  { method: 'GET', path: '/request/{requestId}', guard: 0, handler: getRequest },
  { method: 'DELETE', path: '/request/{requestId}', guard: 0, handler: deleteRequest },
  {
    method: 'POST',
    path: '/request/{requestId}/{status}',
    guard: Permission.MANAGE_REQUESTS,
    handler: setRequestStatus,
  },
];
