import { UnexpectedAnswer } from '../upstream/unexpected-answer';
import type {
  TautulliActivityDto,
  TautulliDecision,
  TautulliHealthDto,
  TautulliHistoryItemDto,
  TautulliLibraryDto,
  TautulliMediaStatDto,
  TautulliPlaysDto,
  TautulliServerInfoDto,
  TautulliStatsDto,
  TautulliStatusDto,
  TautulliStreamDto,
  TautulliUserDto,
} from './tautulli.dto';

/**
 * Pure mapping of Tautulli API v2 answers (`{response: {result, message, data}}`) to the panel's shapes.
 * Tautulli sends many numbers as strings (`stream_count`, `bandwidth`, `progress_percent`, `count`…) and
 * empty strings or null where a value is missing, so every field goes through `int`/`str`.
 */
export type Row = Record<string, unknown>;

export interface TautulliEnvelope {
  result: 'success' | 'error';
  message: string | null;
  data: unknown;
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"response": {"result", "message", "data"}}`, the one envelope of every answer, success or error. */
export function envelope(body: unknown): TautulliEnvelope {
  const response = isRow(body) ? body.response : undefined;
  if (!isRow(response) || (response.result !== 'success' && response.result !== 'error'))
    throw new UnexpectedAnswer('no {"response": {"result": …}} envelope');
  const message = typeof response.message === 'string' ? response.message : null;
  return { result: response.result, message, data: response.data };
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function intOrNull(value: unknown): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.round(n) : null;
}

export function int(value: unknown): number {
  return intOrNull(value) ?? 0;
}

function numOr0(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : 0;
}

function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

function strOrNull(value: unknown): string | null {
  return str(value) || null;
}

/** Epoch seconds to an ISO date-time; null/""/0 stay null. */
export function epochIso(value: unknown): string | null {
  const n = intOrNull(value);
  return n === null || n <= 0 ? null : new Date(n * 1000).toISOString();
}

function object(data: unknown, what: string): Row {
  if (!isRow(data)) throw new UnexpectedAnswer(`${what} is not an object`);
  return data;
}

function rows(data: unknown, what: string): Row[] {
  if (!Array.isArray(data)) throw new UnexpectedAnswer(`${what} is not a list`);
  return data.filter(isRow);
}

/** Tautulli's `transcode_decision`: "direct play", "copy" (direct stream) or "transcode". */
export function decision(value: unknown): TautulliDecision {
  const d = str(value).toLowerCase();
  if (d === 'transcode') return 'transcode';
  return d === 'copy' || d === 'direct stream' ? 'direct_stream' : 'direct_play';
}

export function tautulliHealth(data: unknown, latencyMs: number): TautulliHealthDto {
  const info = object(data, 'get_tautulli_info');
  const version = str(info.tautulli_version);
  if (!version) throw new UnexpectedAnswer('get_tautulli_info has no tautulli_version');
  return { version, latency_ms: latencyMs };
}

export function tautulliStatus(info: unknown, server: unknown): TautulliStatusDto {
  const i = object(info, 'get_tautulli_info');
  return {
    version: str(i.tautulli_version),
    install_type: str(i.tautulli_install_type),
    branch: str(i.tautulli_branch),
    platform: str(i.tautulli_platform),
    python_version: str(i.tautulli_python_version),
    pms_connected: object(server, 'server_status').connected === true,
  };
}

/** Tautulli leaves `pms_version`/`pms_platform` empty until it has once reached Plex. */
export const UNKNOWN = 'unknown';

export function tautulliServerInfo(data: unknown): TautulliServerInfoDto {
  const s = object(data, 'get_server_info');
  return {
    name: str(s.pms_name),
    version: str(s.pms_version) || UNKNOWN,
    platform: str(s.pms_platform) || UNKNOWN,
    machine_identifier: str(s.pms_identifier),
    url: str(s.pms_url),
    port: int(s.pms_port),
    ssl: flag(s.pms_ssl),
    remote: flag(s.pms_is_remote),
    plex_pass: flag(s.pms_plexpass),
  };
}

function stream(s: Row): TautulliStreamDto {
  return {
    session_id: str(s.session_id),
    session_key: str(s.session_key),
    user_id: intOrNull(s.user_id),
    user: str(s.user) || str(s.username),
    friendly_name: str(s.friendly_name),
    title: str(s.full_title) || str(s.title),
    media_type: str(s.media_type),
    library: str(s.library_name),
    player: str(s.player),
    platform: str(s.platform),
    product: str(s.product),
    ip_address: str(s.ip_address),
    state: str(s.state),
    progress_percent: numOr0(s.progress_percent),
    bandwidth_kbps: intOrNull(s.bandwidth),
    location: str(s.location),
    decision: decision(s.transcode_decision),
    quality_profile: str(s.quality_profile),
  };
}

/**
 * Whether `get_activity` describes Plex's sessions at all: with Plex unreachable Tautulli 2.17 answers
 * success with `data: {}` (no `stream_count`), which is not "nothing playing".
 */
export function activityKnown(data: unknown): boolean {
  return isRow(data) && 'stream_count' in data;
}

export function tautulliActivity(data: unknown): TautulliActivityDto {
  const a = object(data, 'get_activity');
  const sessions = a.sessions === undefined ? [] : rows(a.sessions, 'get_activity sessions');
  return {
    stream_count: int(a.stream_count),
    direct_play: int(a.stream_count_direct_play),
    direct_stream: int(a.stream_count_direct_stream),
    transcodes: int(a.stream_count_transcode),
    total_bandwidth_kbps: int(a.total_bandwidth),
    lan_bandwidth_kbps: int(a.lan_bandwidth),
    wan_bandwidth_kbps: int(a.wan_bandwidth),
    streams: sessions.map(stream),
  };
}

/**
 * `get_home_stats` answers an array of cards, except that with `stat_id` it answers the one card
 * itself (datafactory: `return home_stats[0]`), or `[]` for an unknown id. Both become a list.
 */
export function homeStatCards(data: unknown): Map<string, Row[]> {
  if (!Array.isArray(data) && !isRow(data))
    throw new UnexpectedAnswer('get_home_stats is not a list of cards');
  const cards = Array.isArray(data) ? data.filter(isRow) : [data];
  return new Map(cards.map((c) => [str(c.stat_id), Array.isArray(c.rows) ? c.rows.filter(isRow) : []]));
}

function mediaStat(r: Row): TautulliMediaStatDto {
  return {
    title: str(r.title),
    year: intOrNull(r.year),
    plays: int(r.total_plays),
    duration_seconds: int(r.total_duration),
    users_watched: int(r.users_watched),
    rating_key: intOrNull(r.rating_key),
  };
}

export function tautulliStats(
  cards: Map<string, Row[]>,
  libraries: Row[],
  options: Pick<TautulliStatsDto, 'days' | 'stats_type'>,
): TautulliStatsDto {
  const card = (id: string) => cards.get(id) ?? [];
  const concurrent = card('most_concurrent')[0];
  const library = (r: Row) => ({
    section_id: str(r.section_id),
    name: str(r.section_name),
    type: str(r.section_type),
    plays: int(r.total_plays),
    duration_seconds: int(r.total_duration),
  });
  const all = libraries.map(library);
  return {
    ...options,
    // Every play belongs to one library, so the libraries card (read whole) sums to the totals.
    total_plays: all.reduce((n, l) => n + l.plays, 0),
    total_duration_seconds: all.reduce((n, l) => n + l.duration_seconds, 0),
    most_watched_movies: card('top_movies').map(mediaStat),
    most_watched_shows: card('top_tv').map(mediaStat),
    most_played_artists: card('top_music').map(mediaStat),
    most_popular_movies: card('popular_movies').map(mediaStat),
    most_popular_shows: card('popular_tv').map(mediaStat),
    most_active_users: card('top_users').map((r) => ({
      user_id: intOrNull(r.user_id),
      user: str(r.user),
      friendly_name: str(r.friendly_name) || str(r.user),
      plays: int(r.total_plays),
      duration_seconds: int(r.total_duration),
      last_play: epochIso(r.last_play),
    })),
    most_active_platforms: card('top_platforms').map((r) => ({
      platform: str(r.platform),
      plays: int(r.total_plays),
      duration_seconds: int(r.total_duration),
    })),
    most_active_libraries: card('top_libraries').map(library),
    most_concurrent: concurrent ? { count: int(concurrent.count), at: epochIso(concurrent.started) } : null,
  };
}

/** The ids of the users `get_users` marks with `is_admin` (the server owner). */
export function adminIds(data: unknown): Set<number> {
  return new Set(
    rows(data, 'get_users')
      .filter((u) => flag(u.is_admin))
      .map((u) => int(u.user_id)),
  );
}

/** A DataTables answer (`get_users_table`, `get_libraries_table`, `get_history`). */
export interface TablePage {
  recordsFiltered: number;
  rows: Row[];
  raw: Row;
}

export function tablePage(data: unknown, what: string): TablePage {
  const t = object(data, what);
  return { recordsFiltered: int(t.recordsFiltered), rows: rows(t.data, `${what} data`), raw: t };
}

/** Tautulli's "Local" pseudo-user (plays from the server itself) has user_id 0. */
export function isRealUser(r: Row): boolean {
  return int(r.user_id) !== 0;
}

/**
 * The name to show: Tautulli's `friendly_name` is the user name unless renamed in Tautulli, and the
 * Plex display name is `title`; a rename wins, then the Plex title, then the user name.
 */
export function displayName(r: Row): string {
  const username = str(r.username) || str(r.user);
  const friendly = str(r.friendly_name);
  if (friendly && friendly !== username) return friendly;
  return str(r.title) || friendly || username;
}

/** `get_users_table` has no `is_admin`; `admins` holds the user ids `get_users` marks as admins. */
export function tautulliUser(r: Row, admins: ReadonlySet<number>): TautulliUserDto {
  return {
    user_id: int(r.user_id),
    username: str(r.username),
    friendly_name: displayName(r),
    email: strOrNull(r.email),
    plays: int(r.plays),
    duration_seconds: int(r.duration),
    last_seen: epochIso(r.last_seen),
    last_played: strOrNull(r.last_played),
    platform: strOrNull(r.platform),
    player: strOrNull(r.player),
    ip_address: strOrNull(r.ip_address),
    is_active: flag(r.is_active),
    is_admin: admins.has(int(r.user_id)),
  };
}

export function tautulliLibrary(r: Row): TautulliLibraryDto {
  return {
    section_id: str(r.section_id),
    name: str(r.section_name),
    type: str(r.section_type),
    count: int(r.count),
    parent_count: intOrNull(r.parent_count),
    child_count: intOrNull(r.child_count),
    plays: int(r.plays),
    duration_seconds: int(r.duration),
    last_accessed: epochIso(r.last_accessed),
    last_played: strOrNull(r.last_played),
    is_active: flag(r.is_active),
  };
}

/**
 * A play still in progress: Tautulli 2.17 lists them first with `row_id`/`id` null and `state`
 * "playing"/"paused"/"buffering" (finished plays have `state: null`). The activity route shows them.
 */
export function inProgress(r: Row): boolean {
  return (r.row_id ?? r.id ?? null) === null || !!str(r.state);
}

/**
 * A finished play, or a group of resumed plays (`group_count` > 1): `date` is when the latest play of
 * the group started, and the list is sorted by it, so `started` is `date`; `first_started` is the
 * group's first play (Tautulli's `started`).
 */
export function tautulliHistoryItem(r: Row): TautulliHistoryItemDto {
  return {
    id: int(r.row_id ?? r.id),
    started: epochIso(r.date ?? r.started),
    first_started: epochIso(r.started ?? r.date),
    group_count: Math.max(1, int(r.group_count)),
    stopped: epochIso(r.stopped),
    duration_seconds: int(r.play_duration ?? r.duration),
    paused_seconds: int(r.paused_counter),
    user_id: intOrNull(r.user_id),
    user: str(r.user),
    friendly_name: str(r.friendly_name) || str(r.user),
    title: str(r.full_title) || str(r.title),
    media_type: str(r.media_type),
    platform: str(r.platform),
    player: str(r.player),
    ip_address: str(r.ip_address),
    decision: decision(r.transcode_decision),
    percent_complete: int(r.percent_complete),
    // watched_status is 0, 0.5 (half watched) or 1.
    watched: numOr0(r.watched_status) >= 1,
  };
}

/**
 * `get_plays_by_date`: `categories` (dates) and one series per media kind (TV, Movies, Music, Live TV).
 * Tautulli 2.17 adds a "Total" series, the sum of the others: it is dropped, or every play counts twice.
 */
export function tautulliPlays(data: unknown, days: number): TautulliPlaysDto {
  const d = object(data, 'get_plays_by_date');
  if (!Array.isArray(d.categories)) throw new UnexpectedAnswer('get_plays_by_date has no categories');
  const kinds = rows(d.series ?? [], 'get_plays_by_date series').filter(
    (s) => str(s.name).trim().toLowerCase() !== 'total',
  );
  const series = kinds.map((s) => {
    const values = (Array.isArray(s.data) ? s.data : []).map(int);
    return { name: str(s.name), data: values, total: values.reduce((n, v) => n + v, 0) };
  });
  return { days, dates: d.categories.map(str), series, total: series.reduce((n, s) => n + s.total, 0) };
}
