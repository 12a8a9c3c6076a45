import { type ParamMap, type Params } from '@angular/router';

import { type MergedTorrentDto, type SortOrder, type TorrentSortField, type TorrentState } from '../../api';
import { TORRENT_SORT_FIELD } from '../../api/models/torrent-sort-field-array';
import { TORRENT_STATE } from '../../api/models/torrent-state-array';

/** One row of the Torrents page: a torrent, the client instance holding it, and whether it is stale. */
export type TorrentRow = MergedTorrentDto;

/** A client instance id as the server makes them (lower case, digits, single dashes). */
const CLIENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The list's view, kept in the URL: '' means "any". */
export interface TorrentQuery {
  /** A client instance id. */
  readonly client: string;
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
    client: CLIENT_ID.test(text('client')) ? text('client') : '',
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

/** A torrent's identity across the clients (the same info-hash may sit in several). */
export function torrentKey(torrent: Pick<TorrentRow, 'client_id' | 'hash'>): string {
  return `${torrent.client_id}:${torrent.hash}`;
}

/** Whether a torrent passes the client and text filters (the state filter is applied apart, for counts). */
export function matchesClientAndText(torrent: TorrentRow, client: string, needle: string): boolean {
  if (client && torrent.client_id !== client) {
    return false;
  }
  if (!needle) {
    return true;
  }
  // Like the server: part of the name, or a full hash.
  return torrent.name.toLowerCase().includes(needle) || torrent.hash === needle.toUpperCase();
}

export type StateCounts = Readonly<Record<TorrentState | 'all', number>>;

export function countStates(torrents: readonly TorrentRow[]): StateCounts {
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

function compareField(a: TorrentRow, b: TorrentRow, field: TorrentSortField): number {
  switch (field) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'label':
      // Torrents without a label go last whichever the direction reads best.
      return collator.compare(a.label || '\uffff', b.label || '\uffff');
    case 'state':
      return (STATE_ORDER.get(a.state) ?? 0) - (STATE_ORDER.get(b.state) ?? 0);
    case 'tracker':
      return collator.compare(a.tracker || '\uffff', b.tracker || '\uffff');
    case 'client':
      return collator.compare(a.client_name, b.client_name);
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
  torrents: readonly TorrentRow[],
  field: TorrentSortField,
  order: SortOrder,
): TorrentRow[] {
  const sign = order === 'desc' ? -1 : 1;
  return [...torrents].sort(
    (a, b) =>
      sign * compareField(a, b, field) ||
      collator.compare(a.name, b.name) ||
      a.client_id.localeCompare(b.client_id) ||
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

export function summarize(torrents: readonly TorrentRow[]): TorrentSummary {
  let active = 0;
  let downloading = 0;
  let seeding = 0;
  let size = 0;
  let downRate = 0;
  let upRate = 0;
  for (const torrent of torrents) {
    size += torrent.size;
    // A stale row's rates are from before its client stopped answering: they are not moving now.
    if (torrent.stale) continue;
    if (torrent.down_rate > 0 || torrent.up_rate > 0) active++;
    if (torrent.state === 'downloading') downloading++;
    if (torrent.state === 'seeding') seeding++;
    downRate += torrent.down_rate;
    upRate += torrent.up_rate;
  }
  return { total: torrents.length, active, downloading, seeding, size, downRate, upRate };
}

/** The hashes of each client instance, in the order the instances first appear. */
export function hashesByClient(
  torrents: readonly Pick<TorrentRow, 'client_id' | 'hash'>[],
): Map<string, string[]> {
  const byClient = new Map<string, string[]>();
  for (const torrent of torrents) {
    const hashes = byClient.get(torrent.client_id);
    if (hashes) hashes.push(torrent.hash);
    else byClient.set(torrent.client_id, [torrent.hash]);
  }
  return byClient;
}
