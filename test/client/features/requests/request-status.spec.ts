import { convertToParamMap } from '@angular/router';

import { type UserRequestDto } from '../../../../client/src/app/api';
import {
  filtersFromParams,
  filtersToParams,
  hasFilters,
  NO_FILTERS,
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
      { q: 'dune', status: 'media_deleted', user: '12' },
      { q: 'dune', status: 'media_deleted', user: '12' },
    ],
    [{ status: 'lost', user: 'bob' }, NO_FILTERS],
    [{ user: '-1' }, NO_FILTERS],
  ])('reads %j as %j', (params, filters) => {
    expect(filtersFromParams(convertToParamMap(params))).toEqual(filters);
  });

  it('writes empty values as null', () => {
    expect(filtersToParams({ q: '', status: 'pending', user: '' })).toEqual({
      q: null,
      status: 'pending',
      user: null,
    });
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
