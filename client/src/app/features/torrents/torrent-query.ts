import { type ParamMap, type Params } from '@angular/router';

import {
  type SortOrder,
  type TorrentClientKind,
  type TorrentDto,
  type TorrentSortField,
  type TorrentState,
} from '../../api';
import { TORRENT_CLIENT_KIND } from '../../api/models/torrent-client-kind-array';
import { TORRENT_SORT_FIELD } from '../../api/models/torrent-sort-field-array';
import { TORRENT_STATE } from '../../api/models/torrent-state-array';

/** The list's view, kept in the URL: '' means "any". */
export interface TorrentQuery {
  readonly client: TorrentClientKind | '';
  readonly state: TorrentState | '';
  readonly q: string;
  readonly sort: TorrentSortField;
  readonly order: SortOrder;
}

export const DEFAULT_TORRENT_QUERY: TorrentQuery = {
  client: '',
  state: '',
  q: '',
  sort: 'name',
  order: 'asc',
};

/** Sorts whose natural reading is "largest first": a click on them starts descending. */
export const DESCENDING_FIRST: ReadonlySet<TorrentSortField> = new Set([
  'size',
  'progress',
  'down_rate',
  'up_rate',
  'ratio',
  'added',
]);

/** Reads the view from the URL, ignoring anything malformed. */
export function torrentQueryFromParams(params: ParamMap): TorrentQuery {
  const text = (key: string): string => params.get(key)?.trim() ?? '';
  const oneOf = <T extends string>(key: string, values: readonly T[], fallback: T | ''): T | '' =>
    (values as readonly string[]).includes(text(key)) ? (text(key) as T) : fallback;
  return {
    client: oneOf('client', TORRENT_CLIENT_KIND, ''),
    state: oneOf('state', TORRENT_STATE, ''),
    q: text('q'),
    sort: oneOf('sort', TORRENT_SORT_FIELD, '') || DEFAULT_TORRENT_QUERY.sort,
    order: text('order') === 'desc' ? 'desc' : 'asc',
  };
}

/** The URL form of a view; defaults become `null` so they leave the URL. */
export function torrentQueryToParams(query: TorrentQuery): Params {
  const params: Params = {};
  for (const key of Object.keys(DEFAULT_TORRENT_QUERY) as (keyof TorrentQuery)[]) {
    params[key] = query[key] === DEFAULT_TORRENT_QUERY[key] ? null : query[key];
  }
  return params;
}

/** A torrent's identity across both clients (the same info-hash may sit in each). */
export function torrentKey(torrent: Pick<TorrentDto, 'client' | 'hash'>): string {
  return `${torrent.client}:${torrent.hash}`;
}

/** Whether a torrent passes the client and text filters (the state filter is applied apart, for counts). */
export function matchesClientAndText(torrent: TorrentDto, client: string, needle: string): boolean {
  if (client && torrent.client !== client) {
    return false;
  }
  if (!needle) {
    return true;
  }
  // Like the server: part of the name, or a full hash.
  return torrent.name.toLowerCase().includes(needle) || torrent.hash === needle.toUpperCase();
}

export type StateCounts = Readonly<Record<TorrentState | 'all', number>>;

export function countStates(torrents: readonly TorrentDto[]): StateCounts {
  const counts: Record<string, number> = { all: torrents.length };
  for (const state of TORRENT_STATE) {
    counts[state] = 0;
  }
  for (const torrent of torrents) {
    counts[torrent.state]++;
  }
  return counts as StateCounts;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STATE_ORDER = new Map(TORRENT_STATE.map((state, index) => [state, index]));

function compareField(a: TorrentDto, b: TorrentDto, field: TorrentSortField): number {
  switch (field) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'label':
      // Torrents without a label go last whichever the direction reads best.
      return collator.compare(a.label || '\uffff', b.label || '\uffff');
    case 'state':
      return (STATE_ORDER.get(a.state) ?? 0) - (STATE_ORDER.get(b.state) ?? 0);
    case 'added':
      return (a.added ?? '').localeCompare(b.added ?? '');
    case 'eta':
      // Unknown ETAs sort as "forever".
      return (a.eta ?? Number.MAX_SAFE_INTEGER) - (b.eta ?? Number.MAX_SAFE_INTEGER);
    default:
      return a[field] - b[field];
  }
}

/** A new sorted array; ties fall back to the name, then the client, so rows do not jump. */
export function sortTorrents(
  torrents: readonly TorrentDto[],
  field: TorrentSortField,
  order: SortOrder,
): TorrentDto[] {
  const sign = order === 'desc' ? -1 : 1;
  return [...torrents].sort(
    (a, b) =>
      sign * compareField(a, b, field) ||
      collator.compare(a.name, b.name) ||
      a.client.localeCompare(b.client) ||
      a.hash.localeCompare(b.hash),
  );
}

/** A client's figures computed from its list (live, unlike the server's stats that the card reads too). */
export interface TorrentSummary {
  readonly total: number;
  /** Moving bytes now. */
  readonly active: number;
  readonly downloading: number;
  readonly seeding: number;
  readonly size: number;
  readonly downRate: number;
  readonly upRate: number;
}

export function summarize(torrents: readonly TorrentDto[]): TorrentSummary {
  let active = 0;
  let downloading = 0;
  let seeding = 0;
  let size = 0;
  let downRate = 0;
  let upRate = 0;
  for (const torrent of torrents) {
    if (torrent.down_rate > 0 || torrent.up_rate > 0) active++;
    if (torrent.state === 'downloading') downloading++;
    if (torrent.state === 'seeding') seeding++;
    size += torrent.size;
    downRate += torrent.down_rate;
    upRate += torrent.up_rate;
  }
  return { total: torrents.length, active, downloading, seeding, size, downRate, upRate };
}
