import { Injectable, Logger } from '@nestjs/common';
import { withoutCredentials } from '../common/url-credentials';
import { ConfigStore } from '../config/config.store';
import { SeerrClient } from '../seerr/seerr.client';
import {
  SEERR_MEDIA_STATUS,
  type SeerrMediaDetails,
  type SeerrRequest,
  type SeerrRequestCounts,
} from '../seerr/seerr.types';
import { mapLimit } from '../sync/map-limit';
import { UserListsCache } from '../sync/user-lists.cache';
import {
  type RequestActionResultDto,
  type RequestCountsDto,
  TMDB_POSTER_BASE,
  type UserRequestDto,
  type UserRequestsDto,
} from './user-requests.dto';

const REQUEST_STATUS = ['', 'pending', 'approved', 'declined', 'failed', 'completed'];
const DONE = { approve: 'Approved', decline: 'Declined' } as const;

const detailsKey = (r: SeerrRequest) => `${r.type}:${r.media.tmdbId}`;

/** Seerr's `GET /request/count` as the API gives it: the Requests page and the dashboard both read it. */
export function toRequestCounts(c: SeerrRequestCounts): RequestCountsDto {
  return {
    total: c.total,
    movie: c.movie,
    tv: c.tv,
    pending: c.pending,
    approved: c.approved,
    declined: c.declined,
    processing: c.processing,
    available: c.available,
    completed: c.completed,
  };
}

/** The Requests page: Seerr's requests with titles and posters, and approving, declining, deleting them. */
@Injectable()
export class UserRequestsService {
  private readonly logger = new Logger(UserRequestsService.name);

  constructor(
    private readonly seerr: SeerrClient,
    private readonly config: ConfigStore,
    private readonly lists: UserListsCache,
  ) {}

  /**
   * Requests grouped by requester, with titles and posters (cached, so a second load asks Seerr for
   * none). Seerr's request list leaves out requests for blocklisted media while its counts
   * (totalRequests, each user's requestCount) include them: both are given, so the page can say why its
   * list is shorter.
   */
  async requests(): Promise<UserRequestsDto> {
    const [requests, about, seerrUsers, counts] = await Promise.all([
      this.seerr.listRequests({ take: 100 }),
      this.seerr.about(),
      this.lists.seerrUsers(),
      this.seerr.requestCounts(),
    ]);
    const requestCounts = new Map(seerrUsers.map((u) => [u.id, u.requestCount]));
    const details = new Map<string, SeerrMediaDetails | null>();
    const wanted = [...new Map(requests.map((r) => [detailsKey(r), r])).values()];
    await mapLimit(wanted, 5, async (r) => {
      details.set(detailsKey(r), await this.seerr.mediaDetails(r.type, r.media.tmdbId));
    });
    const groups = new Map<number, UserRequestsDto['users'][number]>();
    for (const r of requests) {
      const group = groups.get(r.requestedBy.id) ?? {
        user_id: r.requestedBy.id,
        display_name: r.requestedBy.displayName,
        requests: [],
        request_count: requestCounts.get(r.requestedBy.id) ?? 0,
      };
      group.requests.push(this.toRequest(r, details.get(detailsKey(r)) ?? null));
      groups.set(r.requestedBy.id, group);
    }
    return {
      users: [...groups.values()].sort((a, b) => a.display_name.localeCompare(b.display_name)),
      total: requests.length,
      all_requests: about.totalRequests,
      counts: toRequestCounts(counts),
    };
  }

  async setStatus(id: number, action: 'approve' | 'decline'): Promise<RequestActionResultDto> {
    const saved = await this.seerr.setRequestStatus(id, action);
    const details = await this.detailsOf(saved);
    const request = this.toRequest(saved, details);
    const title = request.title ? ` (${request.title})` : '';
    return { request, counts: await this.counts(), message: `${DONE[action]} request ${id}${title}.` };
  }

  async remove(id: number): Promise<RequestActionResultDto> {
    await this.seerr.deleteRequest(id);
    this.lists.forgetSeerrUsers();
    return { request: null, counts: await this.counts(), message: `Deleted request ${id}.` };
  }

  /** After a change that Seerr made, a failed count read must not turn the answer into a failure. */
  private async counts(): Promise<RequestCountsDto | null> {
    try {
      return toRequestCounts(await this.seerr.requestCounts());
    } catch (err) {
      this.logger.warn(`Seerr's request counts could not be read after a change: ${String(err)}`);
      return null;
    }
  }

  /** The title is cached from the list; a failed lookup leaves the row without a title, not the change. */
  private async detailsOf(r: SeerrRequest): Promise<SeerrMediaDetails | null> {
    try {
      return await this.seerr.mediaDetails(r.type, r.media.tmdbId);
    } catch {
      return null;
    }
  }

  private toRequest(r: SeerrRequest, details: SeerrMediaDetails | null): UserRequestDto {
    const mediaStatus = r.is4k ? r.media.status4k : r.media.status;
    const seerrUrl = withoutCredentials(this.seerr.connection().url.trim()).replace(/\/+$/, '');
    return {
      id: r.id,
      type: r.type,
      title: details?.title ?? null,
      tmdb_id: r.media.tmdbId,
      status: REQUEST_STATUS[r.status] ?? 'pending',
      media_deleted: mediaStatus === SEERR_MEDIA_STATUS.DELETED,
      is4k: r.is4k,
      created_at: r.createdAt,
      user_id: r.requestedBy.id,
      display_name: r.requestedBy.displayName,
      poster_url: details?.posterPath ? `${TMDB_POSTER_BASE}${details.posterPath}` : null,
      seerr_url: `${seerrUrl}/${r.type}/${r.media.tmdbId}`,
    };
  }
}
