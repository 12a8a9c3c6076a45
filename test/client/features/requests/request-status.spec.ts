import { convertToParamMap } from '@angular/router';

import { type UserRequestDto } from '../../../../client/src/app/api';
import {
  filtersFromParams,
  filtersToParams,
  hasFilters,
  NO_FILTERS,
  queueOf,
  SHOWN_STATUSES,
  shownStatus,
  STATUS_LOOK,
} from '../../../../client/src/app/features/requests/request-status';

const request = (fields: Partial<UserRequestDto>): UserRequestDto => ({
  id: 1,
  type: 'movie',
  title: 'Film',
  tmdb_id: 10,
  status: 'completed',
  media_deleted: false,
  is4k: false,
  created_at: '2026-01-01T00:00:00Z',
  user_id: 2,
  display_name: 'jdoe',
  poster_url: null,
  seerr_url: 'http://seerr/movie/10',
  ...fields,
});

describe('request status', () => {
  it.each([
    [{ status: 'pending' as const }, 'pending'],
    [{ status: 'completed' as const }, 'completed'],
    [{ status: 'completed' as const, media_deleted: true }, 'media_deleted'],
    [{ status: 'failed' as const, media_deleted: true }, 'media_deleted'],
  ])('%j is shown as %s', (fields, shown) => {
    expect(shownStatus(request(fields))).toBe(shown);
  });

  it('has a look with a meaning for every status it shows', () => {
    expect(SHOWN_STATUSES).toEqual([
      'pending',
      'approved',
      'declined',
      'failed',
      'completed',
      'media_deleted',
    ]);
    for (const status of SHOWN_STATUSES) {
      expect(STATUS_LOOK[status].label).not.toBe('');
      expect(STATUS_LOOK[status].meaning).not.toBe('');
    }
  });
});

describe('request filters in the URL', () => {
  it.each([
    [{}, NO_FILTERS],
    [
      { q: 'dune', status: 'media_deleted', user: '12', sort: 'oldest' },
      { q: 'dune', status: 'media_deleted', user: '12', sort: 'oldest' },
    ],
    [{ sort: 'sideways' }, NO_FILTERS],
    [{ status: 'lost', user: 'bob' }, NO_FILTERS],
    [{ user: '-1' }, NO_FILTERS],
  ])('reads %j as %j', (params, filters) => {
    expect(filtersFromParams(convertToParamMap(params))).toEqual(filters);
  });

  it('writes empty values and the default order as null', () => {
    expect(filtersToParams({ q: '', status: 'pending', user: '', sort: 'newest' })).toEqual({
      q: null,
      status: 'pending',
      user: null,
      sort: null,
    });
    expect(filtersToParams({ ...NO_FILTERS, sort: 'oldest' }).sort).toBe('oldest');
  });

  it.each([
    [NO_FILTERS, false],
    [{ ...NO_FILTERS, q: '   ' }, false],
    [{ ...NO_FILTERS, q: 'x' }, true],
    [{ ...NO_FILTERS, status: 'failed' as const }, true],
    [{ ...NO_FILTERS, user: '3' }, true],
  ])('hasFilters(%j) is %s', (filters, expected) => {
    expect(hasFilters(filters)).toBe(expected);
  });
});

describe('the request queue', () => {
  const rows = [
    request({ id: 1, created_at: '2026-01-02T00:00:00Z', status: 'pending', user_id: 2, title: 'Dune' }),
    request({ id: 2, created_at: '2026-01-03T00:00:00Z', status: 'approved', user_id: 3, title: 'Alien' }),
    request({ id: 3, created_at: '2026-01-01T00:00:00Z', status: 'pending', user_id: 3, title: null }),
  ];

  it('is newest first by default, oldest first when asked', () => {
    expect(queueOf(rows, NO_FILTERS).map((r) => r.id)).toEqual([2, 1, 3]);
    expect(queueOf(rows, { ...NO_FILTERS, sort: 'oldest' }).map((r) => r.id)).toEqual([3, 1, 2]);
  });

  it('filters by status, user and title', () => {
    expect(queueOf(rows, { ...NO_FILTERS, status: 'pending' }).map((r) => r.id)).toEqual([1, 3]);
    expect(queueOf(rows, { ...NO_FILTERS, user: '3' }).map((r) => r.id)).toEqual([2, 3]);
    expect(queueOf(rows, { ...NO_FILTERS, q: ' du ' }).map((r) => r.id)).toEqual([1]);
  });
});
