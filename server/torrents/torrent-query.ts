import { NAME_COLLATOR } from './torrent-name-order';
import { TORRENT_STATES, type Torrent, type TorrentState } from './torrent.types';

export const TORRENT_SORT_FIELDS = [
  'name',
  'size',
  'progress',
  'state',
  'down_rate',
  'up_rate',
  'ratio',
  'eta',
  'added',
  'label',
  'tracker',
  'client',
] as const;
export type TorrentSortField = (typeof TORRENT_SORT_FIELDS)[number];

export interface TorrentQuery {
  state?: TorrentState;
  /** Exact label; "" selects torrents without one. */
  label?: string;
  /** Case-insensitive substring of the name (or the hash). */
  q?: string;
  sort?: TorrentSortField;
  order?: 'asc' | 'desc';
  page?: number;
  page_size?: number;
}

const collator = NAME_COLLATOR;

/** A row of a list: a torrent, and in the merged list also the name of its client instance. */
type Row = Torrent & { client_name?: string };

/** How a field orders rows; ties are left to the sort's stability (the rows come in name order). */
function compare(field: Exclude<TorrentSortField, 'name'>): (a: Row, b: Row) => number {
  switch (field) {
    case 'label':
    case 'state':
    case 'tracker':
      return (a, b) => collator.compare(a[field], b[field]);
    case 'client':
      return (a, b) => collator.compare(a.client_name ?? a.client, b.client_name ?? b.client);
    case 'added':
      return (a, b) => (a.added ?? '').localeCompare(b.added ?? '');
    case 'eta':
      // Unknown (null) sorts after every known ETA.
      return (a, b) => (a.eta ?? Number.MAX_SAFE_INTEGER) - (b.eta ?? Number.MAX_SAFE_INTEGER);
    default:
      return (a, b) => a[field] - b[field];
  }
}

/**
 * Filter, sort and one page of rows given in name order (see NameIndex). Name order
 * needs no sort at all; any other field sorts stably, so its ties stay in name order and pages are
 * stable.
 */
export function queryTorrents<T extends Row>(
  inNameOrder: readonly T[],
  query: TorrentQuery,
): { items: T[]; total: number; page: number; page_size: number } {
  const needle = query.q?.trim().toLowerCase();
  const matches = (t: T): boolean =>
    (query.state === undefined || t.state === query.state) &&
    (query.label === undefined || t.label === query.label) &&
    (!needle || t.name.toLowerCase().includes(needle) || t.hash.toLowerCase() === needle);
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? 50;
  const from = (page - 1) * pageSize;
  const desc = query.order === 'desc';
  const sort = query.sort ?? 'name';
  if (sort === 'name') {
    // One walk in name order (backwards for desc): count the matches, keep the page's.
    const items: T[] = [];
    let total = 0;
    const n = inNameOrder.length;
    for (let k = 0; k < n; k++) {
      const t = inNameOrder[desc ? n - 1 - k : k];
      if (!matches(t)) continue;
      if (total >= from && total < from + pageSize) items.push(t);
      total++;
    }
    return { items, total, page, page_size: pageSize };
  }
  const by = compare(sort);
  const matching = inNameOrder.filter(matches).sort(desc ? (a, b) => by(b, a) : by);
  return { items: matching.slice(from, from + pageSize), total: matching.length, page, page_size: pageSize };
}

export type StateCounts = Record<TorrentState, number>;

export interface TorrentTotals {
  total: number;
  /** Torrents moving bytes now (a rate above 0). */
  active: number;
  by_state: StateCounts;
  total_size: number;
  /** Uploaded / downloaded over all torrents (each ratio weighted by the bytes it has). */
  overall_ratio: number;
  down_rate: number;
  up_rate: number;
}

export function torrentTotals(torrents: readonly Torrent[]): TorrentTotals {
  const byState = Object.fromEntries(TORRENT_STATES.map((s) => [s, 0])) as StateCounts;
  let active = 0;
  let size = 0;
  let have = 0;
  let uploaded = 0;
  let down = 0;
  let up = 0;
  for (const t of torrents) {
    byState[t.state]++;
    if (t.down_rate > 0 || t.up_rate > 0) active++;
    size += t.size;
    const bytes = t.size * t.progress;
    have += bytes;
    uploaded += bytes * t.ratio;
    down += t.down_rate;
    up += t.up_rate;
  }
  return {
    total: torrents.length,
    active,
    by_state: byState,
    total_size: size,
    overall_ratio: have > 0 ? Math.round((uploaded / have) * 1000) / 1000 : 0,
    down_rate: down,
    up_rate: up,
  };
}
