import { NAME_COLLATOR, type NameRanks } from './torrent-name-order';
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

function compare(field: TorrentSortField, rank: (row: Row) => number): (a: Row, b: Row) => number {
  switch (field) {
    case 'name':
      return (a, b) => rank(a) - rank(b);
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
 * Filter, sort (ties by name, then hash, so pages are stable) and one page. `ranks` gives each row's
 * place in name order (NameOrder), which spares the collator for names at every query.
 */
export function queryTorrents<T extends Row>(
  torrents: readonly T[],
  query: TorrentQuery,
  ranks?: NameRanks,
): { items: T[]; total: number; page: number; page_size: number } {
  const needle = query.q?.trim().toLowerCase();
  const matching = torrents.filter(
    (t) =>
      (query.state === undefined || t.state === query.state) &&
      (query.label === undefined || t.label === query.label) &&
      (!needle || t.name.toLowerCase().includes(needle) || t.hash.toLowerCase() === needle),
  );
  const ranked = ranks ?? rankByName(torrents);
  const rank = (row: Row): number => ranked.get(row) ?? 0;
  const by = compare(query.sort ?? 'name', rank);
  const sign = query.order === 'desc' ? -1 : 1;
  // Name ranks include the hash, so they settle every tie.
  matching.sort((a, b) => sign * by(a, b) || rank(a) - rank(b));
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? 50;
  return {
    items: matching.slice((page - 1) * pageSize, page * pageSize),
    total: matching.length,
    page,
    page_size: pageSize,
  };
}

function rankByName(torrents: readonly Row[]): NameRanks {
  const sorted = [...torrents].sort(
    (a, b) => collator.compare(a.name, b.name) || a.hash.localeCompare(b.hash),
  );
  return new Map(sorted.map((row, i) => [row, i]));
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
