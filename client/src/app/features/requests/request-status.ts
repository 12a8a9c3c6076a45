import { type ParamMap, type Params } from '@angular/router';

import { type RequestStatus, type UserRequestDto } from '../../api';
import { REQUEST_STATUS } from '../../api/models/request-status-array';
import { type ChipLook } from '../../common/status-chip.component';

/** What a request's chip shows: Seerr's request status, or "media deleted" (media status 7). */
export type ShownStatus = RequestStatus | 'media_deleted';

export const SHOWN_STATUSES: readonly ShownStatus[] = [...REQUEST_STATUS, 'media_deleted'];

export const STATUS_LOOK: Readonly<Record<ShownStatus, ChipLook & { readonly meaning: string }>> = {
  pending: { label: 'Pending', tone: 'warning', icon: 'hourglass_top', meaning: 'Waiting for approval' },
  approved: { label: 'Approved', tone: 'info', icon: 'thumb_up', meaning: 'Approved, not yet available' },
  declined: { label: 'Declined', tone: 'neutral', icon: 'thumb_down', meaning: 'Declined by an admin' },
  failed: { label: 'Failed', tone: 'error', icon: 'error', meaning: 'Sending it to the downloader failed' },
  completed: { label: 'Completed', tone: 'success', icon: 'check_circle', meaning: 'Available to watch' },
  media_deleted: {
    label: 'Media deleted',
    tone: 'removed',
    icon: 'delete',
    meaning: 'Was available, then removed from the library',
  },
};

export function shownStatus(request: UserRequestDto): ShownStatus {
  return request.media_deleted ? 'media_deleted' : request.status;
}

/** By request date: newest first unless `oldest` is chosen. */
export type RequestSort = 'newest' | 'oldest';

export interface RequestFilters {
  readonly q: string;
  readonly status: ShownStatus | '';
  /** A Seerr user id, as text; '' for everyone. */
  readonly user: string;
  readonly sort: RequestSort;
}

export const NO_FILTERS: RequestFilters = { q: '', status: '', user: '', sort: 'newest' };

export function filtersFromParams(params: ParamMap): RequestFilters {
  const status = params.get('status') ?? '';
  const user = params.get('user') ?? '';
  return {
    q: params.get('q') ?? '',
    status: (SHOWN_STATUSES as string[]).includes(status) ? (status as ShownStatus) : '',
    user: /^\d+$/.test(user) ? user : '',
    sort: params.get('sort') === 'oldest' ? 'oldest' : 'newest',
  };
}

/** The default sort stays out of the URL. */
export function filtersToParams(filters: RequestFilters): Params {
  return {
    q: filters.q || null,
    status: filters.status || null,
    user: filters.user || null,
    sort: filters.sort === 'oldest' ? 'oldest' : null,
  };
}

/** The queue as shown: the requests matching the filters, by request date in the chosen order. */
export function queueOf(requests: readonly UserRequestDto[], filters: RequestFilters): UserRequestDto[] {
  const needle = filters.q.trim().toLowerCase();
  const direction = filters.sort === 'oldest' ? 1 : -1;
  return requests
    .filter(
      (request) =>
        (filters.status === '' || shownStatus(request) === filters.status) &&
        (filters.user === '' || String(request.user_id) === filters.user) &&
        (needle === '' || (request.title ?? '').toLowerCase().includes(needle)),
    )
    .sort((a, b) => direction * a.created_at.localeCompare(b.created_at) || b.id - a.id);
}

/** Whether the list is narrowed (the sort only orders it). */
export function hasFilters(filters: RequestFilters): boolean {
  return filters.q.trim() !== '' || filters.status !== '' || filters.user !== '';
}
