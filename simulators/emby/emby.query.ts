import { parseBool, queryValue } from '../mediabrowser';
import type { EmbyUser } from './emby.state';

const baseCollator = new Intl.Collator('en', { sensitivity: 'base' });

export interface ListFilters {
  /** Cache key of the filter combination. */
  key: string;
  apply(sorted: readonly EmbyUser[]): EmbyUser[];
}

/**
 * Filters of `/Users/Query` (`IsHidden`, `IsDisabled`, `NameStartsWithOrGreater`, `SortOrder`) or, with
 * `query = false`, of the bare `/Users` list (the two flags only). Names bind ignoring case; a value
 * that is not a bool is ignored.
 */
export function listFilters(params: URLSearchParams, query = true): ListFilters {
  const flag = (name: string) => {
    const value = parseBool(queryValue(params, name));
    return value === 'invalid' ? undefined : value;
  };
  const isHidden = flag('IsHidden');
  const isDisabled = flag('IsDisabled');
  const nameFrom = query ? queryValue(params, 'NameStartsWithOrGreater') || undefined : undefined;
  const descending = query && queryValue(params, 'SortOrder')?.toLowerCase() === 'descending';
  return {
    key: `${isHidden}:${isDisabled}:${nameFrom ?? ''}:${descending}`,
    apply(sorted) {
      const out = sorted.filter(
        (u) =>
          (isHidden === undefined || u.Policy.IsHidden === isHidden) &&
          (isDisabled === undefined || u.Policy.IsDisabled === isDisabled) &&
          (nameFrom === undefined || baseCollator.compare(u.Name, nameFrom) >= 0),
      );
      return descending ? out.reverse() : out;
    },
  };
}

/** `StartIndex` / `Limit` as a slice of `total` items; missing or unparsable values mean "from 0" / "all". */
export function pageOf(params: URLSearchParams, total: number): { start: number; end: number } {
  const int = (name: string) => {
    const raw = queryValue(params, name);
    const value = raw === undefined ? NaN : Number(raw);
    return Number.isInteger(value) && value >= 0 ? value : undefined;
  };
  const start = Math.min(int('StartIndex') ?? 0, total);
  const limit = int('Limit');
  return { start, end: limit === undefined ? total : Math.min(total, start + limit) };
}
