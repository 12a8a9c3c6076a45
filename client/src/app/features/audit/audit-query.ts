import { type ParamMap, type Params } from '@angular/router';

import {
  type AuditOutcome,
  type AuditSortField,
  type ExportAuditEntries$Params,
  type SortOrder,
} from '../../api';
import { AUDIT_OUTCOME } from '../../api/models/audit-outcome-array';
import { AUDIT_SORT_FIELD } from '../../api/models/audit-sort-field-array';
import { fromAfterTo } from '../../common/date-range';

export type OutcomeFilter = AuditOutcome | '';
export const PAGE_SIZES = [25, 50, 100] as const;

/** Filter values as the form shows them: '' means "any"; dates are local `YYYY-MM-DD`. */
export interface AuditFilters {
  readonly q: string;
  readonly action: string;
  readonly actor: string;
  readonly outcome: OutcomeFilter;
  readonly from: string;
  readonly to: string;
}

export interface AuditQuery extends AuditFilters {
  readonly page: number;
  readonly pageSize: number;
  readonly sort: AuditSortField;
  readonly order: SortOrder;
}

export const EMPTY_FILTERS: AuditFilters = { q: '', action: '', actor: '', outcome: '', from: '', to: '' };
export const DEFAULT_QUERY: AuditQuery = {
  ...EMPTY_FILTERS,
  page: 1,
  pageSize: 50,
  sort: 'time',
  order: 'desc',
};

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the audit page state from the URL, ignoring anything malformed. */
export function queryFromParams(params: ParamMap): AuditQuery {
  const text = (key: string): string => params.get(key)?.trim() ?? '';
  const date = (key: string): string => (DATE_PATTERN.test(text(key)) ? text(key) : '');
  const outcome = text('outcome');
  const sort = text('sort');
  const page = Number(text('page'));
  const pageSize = Number(text('page_size'));
  return {
    q: text('q'),
    action: text('action'),
    actor: text('actor'),
    outcome: (AUDIT_OUTCOME as string[]).includes(outcome) ? (outcome as AuditOutcome) : '',
    from: date('from'),
    to: date('to'),
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_QUERY.page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_QUERY.pageSize,
    sort: (AUDIT_SORT_FIELD as string[]).includes(sort) ? (sort as AuditSortField) : DEFAULT_QUERY.sort,
    order: text('order') === 'asc' ? 'asc' : DEFAULT_QUERY.order,
  };
}

/** The URL form of a query; defaults become `null` so `queryParamsHandling: 'merge'` drops them. */
export function queryToParams(query: AuditQuery): Params {
  const params: Params = {};
  for (const key of Object.keys(DEFAULT_QUERY) as (keyof AuditQuery)[]) {
    const name = key === 'pageSize' ? 'page_size' : key;
    params[name] = query[key] === DEFAULT_QUERY[key] ? null : query[key];
  }
  return params;
}

/** Why a date range selects nothing at all (From after To), or null. */
export function dateRangeProblem(filters: AuditFilters): string | null {
  return fromAfterTo(filters)
    ? 'The From date is after the To date: no entry can match. Change one of them.'
    : null;
}

export function hasFilters(filters: AuditFilters): boolean {
  return (Object.keys(EMPTY_FILTERS) as (keyof AuditFilters)[]).some((key) => filters[key] !== '');
}

/** The API's filter parameters: only set values, dates widened to whole local days as ISO date-times. */
export function apiFilters(filters: AuditFilters): ExportAuditEntries$Params {
  return {
    q: filters.q || undefined,
    action: filters.action || undefined,
    actor: filters.actor || undefined,
    outcome: filters.outcome || undefined,
    from: filters.from ? localDayBoundary(filters.from, false) : undefined,
    to: filters.to ? localDayBoundary(filters.to, true) : undefined,
  };
}

function localDayBoundary(day: string, endOfDay: boolean): string {
  const [year, month, date] = day.split('-').map(Number);
  const boundary = endOfDay
    ? new Date(year, month - 1, date, 23, 59, 59, 999)
    : new Date(year, month - 1, date, 0, 0, 0, 0);
  return boundary.toISOString();
}
