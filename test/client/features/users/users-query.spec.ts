import { convertToParamMap } from '@angular/router';

import { type DetailedUserDto } from '../../../../client/src/app/api';
import {
  applyQuery,
  DEFAULT_QUERY,
  EMPTY_FILTERS,
  hasFilters,
  queryFromParams,
  queryToParams,
  type UsersQuery,
} from '../../../../client/src/app/features/users/users-query';

function user(username: string, fields: Partial<DetailedUserDto> = {}): DetailedUserDto {
  return {
    username,
    email: null,
    sources: ['Main Plex'],
    types: ['plex'],
    synced: true,
    seerr_id: null,
    request_count: 0,
    sign_in: null,
    sign_in_method: null,
    password_rule: null,
    seerr_quota: null,
    blocked: false,
    immune: false,
    added_by_hand: false,
    password_suffix: null,
    request_limit: null,
    status: 'synced',
    reason: null,
    ...fields,
  };
}

describe('users query in the URL', () => {
  it.each([
    [{}, DEFAULT_QUERY],
    [
      {
        q: ' ann ',
        show: 'blocked',
        server: 'Jelly',
        page: '3',
        page_size: '250',
        sort: 'seerr_id',
        order: 'desc',
      },
      { q: 'ann', show: 'blocked', server: 'Jelly', page: 3, pageSize: 250, sort: 'seerr_id', order: 'desc' },
    ],
    [{ show: 'admins', page: '0', page_size: '30', sort: 'email', order: 'up' }, DEFAULT_QUERY],
    [{ page: '2.5' }, DEFAULT_QUERY],
    [{ page: 'two' }, DEFAULT_QUERY],
  ])('reads %j as %j', (params, query) => {
    expect(queryFromParams(convertToParamMap(params))).toEqual(query);
  });

  it('writes page_size under its URL name and defaults as null', () => {
    expect(queryToParams({ ...DEFAULT_QUERY, pageSize: 100, show: 'immune' })).toEqual({
      q: null,
      show: 'immune',
      server: null,
      page: null,
      page_size: 100,
      sort: null,
      order: null,
    });
  });

  it.each([
    [EMPTY_FILTERS, false],
    [{ ...EMPTY_FILTERS, q: 'a' }, true],
    [{ ...EMPTY_FILTERS, show: 'synced' as const }, true],
    [{ ...EMPTY_FILTERS, server: 'Emby' }, true],
  ])('hasFilters(%j) is %s', (filters, expected) => {
    expect(hasFilters(filters)).toBe(expected);
  });
});

describe('applyQuery', () => {
  const users = [
    user('carol', { synced: false, status: 'skipped', sources: ['Jellyfin'], request_count: 2 }),
    user('Alice', { email: 'alice@example.com', seerr_id: 7, request_count: 5, request_limit: 10 }),
    user('bob', { blocked: true, status: 'blocked', synced: false, seerr_id: 3, immune: true }),
    user('dave', { email: 'd@corp.example', seerr_id: 1, request_limit: 2, status: 'create' }),
  ];
  const names = (change: Partial<UsersQuery>) =>
    applyQuery(users, { ...DEFAULT_QUERY, ...change }).map((u) => u.username);

  it.each([
    [{}, ['Alice', 'bob', 'carol', 'dave']],
    [{ order: 'desc' }, ['dave', 'carol', 'bob', 'Alice']],
    [{ show: 'synced' }, ['Alice', 'dave']],
    [{ show: 'not_synced' }, ['bob', 'carol']],
    [{ show: 'blocked' }, ['bob']],
    [{ show: 'immune' }, ['bob']],
    [{ server: 'jellyfin' }, ['carol']],
    [{ q: 'ALI' }, ['Alice']],
    [{ q: 'corp' }, ['dave']],
    [{ q: 'nobody' }, []],
  ] as const)('filters %j to %j', (change, expected) => {
    expect(names(change)).toEqual(expected);
  });

  it.each([
    [{ sort: 'seerr_id', order: 'asc' }, ['dave', 'bob', 'Alice', 'carol']],
    [{ sort: 'seerr_id', order: 'desc' }, ['Alice', 'bob', 'dave', 'carol']],
    [{ sort: 'request_limit', order: 'desc' }, ['Alice', 'dave', 'bob', 'carol']],
    [{ sort: 'request_count', order: 'desc' }, ['Alice', 'carol', 'bob', 'dave']],
    [{ sort: 'status', order: 'asc' }, ['dave', 'Alice', 'bob', 'carol']],
  ] as const)('sorts by %j, empty values last, ties by name: %j', (change, expected) => {
    expect(names(change)).toEqual(expected);
  });

  it('returns a new array', () => {
    const copy = [...users];
    applyQuery(users, { ...DEFAULT_QUERY, order: 'desc' });
    expect(users).toEqual(copy);
  });
});
