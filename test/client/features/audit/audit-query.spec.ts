import { convertToParamMap } from '@angular/router';

import {
  apiFilters,
  type AuditFilters,
  DEFAULT_QUERY,
  EMPTY_FILTERS,
  hasFilters,
  queryFromParams,
  queryToParams,
} from '../../../../client/src/app/features/audit/audit-query';

describe('audit query in the URL', () => {
  it.each([
    [{}, DEFAULT_QUERY],
    [
      {
        q: ' login ',
        action: 'auth.login',
        actor: 'admin',
        outcome: 'error',
        from: '2026-01-01',
        to: '2026-01-31',
        page: '2',
        page_size: '100',
        sort: 'actor',
        order: 'asc',
      },
      {
        q: 'login',
        action: 'auth.login',
        actor: 'admin',
        outcome: 'error',
        from: '2026-01-01',
        to: '2026-01-31',
        page: 2,
        pageSize: 100,
        sort: 'actor',
        order: 'asc',
      },
    ],
    [
      {
        outcome: 'maybe',
        from: '1/1/2026',
        to: '2026-1-31',
        page: '-1',
        page_size: '500',
        sort: 'ip',
        order: 'up',
      },
      DEFAULT_QUERY,
    ],
  ])('reads %j as %j', (params, query) => {
    expect(queryFromParams(convertToParamMap(params))).toEqual(query);
  });

  it('writes only non-defaults, page_size under its URL name', () => {
    expect(queryToParams({ ...DEFAULT_QUERY, outcome: 'ok', pageSize: 25 })).toEqual({
      q: null,
      action: null,
      actor: null,
      outcome: 'ok',
      from: null,
      to: null,
      page: null,
      page_size: 25,
      sort: null,
      order: null,
    });
  });

  it.each(Object.keys(EMPTY_FILTERS) as (keyof AuditFilters)[])('a set %s counts as a filter', (key) => {
    const filters = { ...EMPTY_FILTERS, [key]: key === 'outcome' ? 'ok' : 'x' };
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters(filters)).toBe(true);
  });
});

describe('apiFilters', () => {
  it('sends only the values that are set', () => {
    expect(apiFilters(EMPTY_FILTERS)).toEqual({
      q: undefined,
      action: undefined,
      actor: undefined,
      outcome: undefined,
      from: undefined,
      to: undefined,
    });
    expect(apiFilters({ ...EMPTY_FILTERS, actor: 'admin', outcome: 'error' })).toMatchObject({
      actor: 'admin',
      outcome: 'error',
    });
  });

  it('widens the dates to whole local days', () => {
    const { from, to } = apiFilters({ ...EMPTY_FILTERS, from: '2026-03-01', to: '2026-03-02' });
    expect(from).toBe(new Date(2026, 2, 1, 0, 0, 0, 0).toISOString());
    expect(to).toBe(new Date(2026, 2, 2, 23, 59, 59, 999).toISOString());
  });
});
