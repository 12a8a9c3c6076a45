import { type ParamMap, type Params } from '@angular/router';

import { type DetailedUserDto, type SortOrder } from '../../api';

export const PAGE_SIZES = [25, 50, 100, 250] as const;
export const SHOW_FILTERS = ['', 'synced', 'not_synced', 'blocked', 'immune'] as const;
export const SORT_FIELDS = ['username', 'status', 'seerr_id', 'request_count', 'request_limit'] as const;

export type ShowFilter = (typeof SHOW_FILTERS)[number];
export type UserSortField = (typeof SORT_FIELDS)[number];

/** The filters as the form shows them: '' means "any". */
export interface UserFilters {
  readonly q: string;
  readonly show: ShowFilter;
  readonly server: string;
}

export interface UsersQuery extends UserFilters {
  readonly page: number;
  readonly pageSize: number;
  readonly sort: UserSortField;
  readonly order: SortOrder;
}

export const EMPTY_FILTERS: UserFilters = { q: '', show: '', server: '' };
export const DEFAULT_QUERY: UsersQuery = {
  ...EMPTY_FILTERS,
  page: 1,
  pageSize: 50,
  sort: 'username',
  order: 'asc',
};

/** Reads the users page state from the URL, ignoring anything malformed. */
export function queryFromParams(params: ParamMap): UsersQuery {
  const text = (key: string): string => params.get(key)?.trim() ?? '';
  const oneOf = <T extends string>(key: string, values: readonly T[], fallback: T): T =>
    (values as readonly string[]).includes(text(key)) ? (text(key) as T) : fallback;
  const page = Number(text('page'));
  const pageSize = Number(text('page_size'));
  return {
    q: text('q'),
    show: oneOf('show', SHOW_FILTERS, ''),
    server: text('server'),
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_QUERY.page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_QUERY.pageSize,
    sort: oneOf('sort', SORT_FIELDS, DEFAULT_QUERY.sort),
    order: oneOf<SortOrder>('order', ['asc', 'desc'], DEFAULT_QUERY.order),
  };
}

/** The URL parameters of a query; defaults are left out (null removes them from the URL). */
export function queryToParams(query: UsersQuery): Params {
  const params: Params = {};
  for (const key of Object.keys(DEFAULT_QUERY) as (keyof UsersQuery)[]) {
    const name = key === 'pageSize' ? 'page_size' : key;
    params[name] = query[key] === DEFAULT_QUERY[key] ? null : query[key];
  }
  return params;
}

export function hasFilters(filters: UserFilters): boolean {
  return filters.q !== '' || filters.show !== '' || filters.server !== '';
}

const MATCHES: Readonly<Record<ShowFilter, (user: DetailedUserDto) => boolean>> = {
  '': () => true,
  synced: (user) => user.synced,
  not_synced: (user) => !user.synced,
  blocked: (user) => user.blocked,
  immune: (user) => user.immune,
};

/** The rows matching the filters, sorted; done in the browser because the API returns everyone at once. */
export function applyQuery(users: readonly DetailedUserDto[], query: UsersQuery): DetailedUserDto[] {
  const q = query.q.toLowerCase();
  const server = query.server.toLowerCase();
  const rows = users.filter(
    (user) =>
      MATCHES[query.show](user) &&
      (!server || user.sources.some((source) => source.toLowerCase() === server)) &&
      (!q || user.username.toLowerCase().includes(q) || (user.email ?? '').toLowerCase().includes(q)),
  );
  const direction = query.order === 'asc' ? 1 : -1;
  const key = sortKey(query.sort);
  return rows.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    // Empty values (no e-mail, no Seerr id, no limit) go last in both directions.
    const order = ka === null || kb === null ? nullsLast(ka, kb) : direction * compare(ka, kb);
    return order || compare(a.username.toLowerCase(), b.username.toLowerCase());
  });
}

type Key = string | number | null;

function sortKey(field: UserSortField): (user: DetailedUserDto) => Key {
  switch (field) {
    case 'username':
      return (user) => user.username.toLowerCase();
    case 'status':
      return (user) => (user.synced ? 'a' : 'b') + user.status;
    default:
      return (user) => user[field];
  }
}

function nullsLast(a: Key, b: Key): number {
  return a === b ? 0 : a === null ? 1 : -1;
}

function compare(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
