import { historyAt, liveSessions, type HistoryEntry } from '../media-library';
import type { CommandContext, CommandResult } from './tautulli.commands';
import { humanDuration, type Json } from './tautulli.envelope';
import { liveHistoryRow, playedAt } from './tautulli.history-rows';
import { friendlyName, fullTitle, historyRow, libraryCounts, playDuration } from './tautulli.rows';

/** `YYYY-MM-DD` of a Unix time (Tautulli uses the server's local time; the simulator uses UTC). */
export function day(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function intParam(ctx: CommandContext, name: string, fallback: number): number {
  const n = Number(ctx.params.get(name));
  return ctx.params.has(name) && Number.isFinite(n) ? Math.floor(n) : fallback;
}

/** DataTables paging (`start`, `length`, -1 = all) and the echoed `draw`. */
function page<T>(ctx: CommandContext, rows: T[]): { draw: number; rows: T[] } {
  const start = Math.max(0, intParam(ctx, 'start', 0));
  const length = intParam(ctx, 'length', 25);
  return { draw: intParam(ctx, 'draw', 1), rows: rows.slice(start, length < 0 ? undefined : start + length) };
}

const HISTORY_ORDER: Record<string, (e: HistoryEntry) => string | number> = {
  date: playedAt,
  started: (e) => e.started,
  stopped: (e) => e.stopped,
  duration: playDuration,
  paused_counter: (e) => e.pausedSeconds,
  friendly_name: (e) => friendlyName(e.user).toLowerCase(),
  ip_address: (e) => e.device.address,
  platform: (e) => e.device.platform,
  player: (e) => e.device.name,
  full_title: (e) => fullTitle(e.item).toLowerCase(),
};

const str = (v: Json | undefined) => (typeof v === 'string' ? v : '');

/** Tautulli's "Local" pseudo-user (user_id 0), which every Tautulli database has. */
function localUserTableRow(rowId: number): Record<string, Json> {
  return {
    row_id: rowId,
    user_id: 0,
    username: 'Local',
    friendly_name: 'Local',
    title: '',
    email: null,
    user_thumb: '',
    last_seen: null,
    ip_address: null,
    platform: null,
    player: null,
    last_played: null,
    rating_key: null,
    media_type: null,
    plays: 0,
    duration: 0,
    is_active: 1,
    do_notify: 1,
    keep_history: 1,
    allow_guest: 0,
  };
}

function sortable(v: Json | undefined): string | number {
  return typeof v === 'number' ? v : typeof v === 'string' ? v.toLowerCase() : '';
}

function sortBy<T>(rows: T[], key: (row: T) => string | number, desc: boolean): T[] {
  return rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return desc ? -c : c;
  });
}

export function getHistory(ctx: CommandContext): CommandResult {
  const { world } = ctx.state;
  const all = ctx.empty ? [] : historyAt(world, ctx.now);
  const p = ctx.params;
  const eq = (name: string, value: () => string) => !p.has(name) || p.get(name) === value();
  const search = (p.get('search') ?? '').toLowerCase();
  const matches = (e: Pick<HistoryEntry, 'item' | 'user' | 'decision' | 'started'>) =>
    eq('user', () => e.user.username) &&
    eq('user_id', () => String(e.user.plexId)) &&
    eq('rating_key', () => e.item.ratingKey) &&
    eq('parent_rating_key', () => e.item.parentRatingKey ?? '') &&
    eq('grandparent_rating_key', () => e.item.grandparentRatingKey ?? '') &&
    eq('section_id', () => e.item.librarySectionID) &&
    eq('media_type', () => e.item.type) &&
    eq('transcode_decision', () => e.decision) &&
    eq('start_date', () => day(e.started)) &&
    (!p.has('before') || day(e.started) <= (p.get('before') ?? '')) &&
    (!p.has('after') || day(e.started) >= (p.get('after') ?? '')) &&
    (!search ||
      `${fullTitle(e.item)} ${friendlyName(e.user)} ${e.user.username}`.toLowerCase().includes(search));
  const filtered = all.filter(matches);
  // Plays in progress come first; recordsFiltered counts them, recordsTotal does not.
  const live =
    ctx.empty || p.get('include_activity') === '0' || p.get('include_activity') === 'false'
      ? []
      : liveSessions(world, ctx.now)
          .filter((s) => matches({ ...s, started: Math.floor(s.startedAt / 1000) }))
          .map((s) => liveHistoryRow(world, s, ctx.now, friendlyName));
  const column = p.get('order_column') ?? 'date';
  const desc = p.get('order_dir') !== 'asc';
  const sorted = sortBy([...filtered], HISTORY_ORDER[column] ?? HISTORY_ORDER.date, desc);
  const sum = (list: HistoryEntry[]) => list.reduce((s, e) => s + playDuration(e), 0);
  const { draw, rows } = page(ctx, [...live, ...sorted.map((e) => historyRow(world, e))]);
  return {
    data: {
      draw,
      recordsTotal: all.length,
      recordsFiltered: live.length + filtered.length,
      total_duration: humanDuration(sum(all)),
      filter_duration: humanDuration(sum(filtered)),
      data: rows,
    },
  };
}

export function getUsersTable(ctx: CommandContext): CommandResult {
  const { world } = ctx.state;
  const history = historyAt(world, ctx.now);
  const stats = new Map<number, { plays: number; duration: number; last?: HistoryEntry }>();
  for (const e of history) {
    const s = stats.get(e.user.plexId) ?? { plays: 0, duration: 0 };
    s.plays++;
    s.duration += playDuration(e);
    s.last ??= e;
    stats.set(e.user.plexId, s);
  }
  const search = (ctx.params.get('search') ?? '').toLowerCase();
  const users = ctx.empty ? [] : world.users;
  const rows: Array<Record<string, Json>> = users
    .map((u, i): Record<string, Json> => {
      const s = stats.get(u.plexId);
      const last = s?.last;
      return {
        row_id: i + 1,
        user_id: u.plexId,
        username: u.username,
        friendly_name: friendlyName(u),
        title: u.title,
        email: u.email,
        user_thumb: u.thumb,
        last_seen: last ? last.stopped : null,
        ip_address: last?.device.address ?? null,
        platform: last?.device.platform ?? null,
        player: last?.device.name ?? null,
        last_played: last ? fullTitle(last.item) : null,
        rating_key: last ? Number(last.item.ratingKey) : null,
        media_type: last?.item.type ?? null,
        plays: s?.plays ?? 0,
        duration: s?.duration ?? 0,
        // The users table has no is_admin (get_users has it).
        is_active: 1,
        do_notify: 1,
        keep_history: 1,
        allow_guest: 0,
      };
    })
    .concat(users.length ? [localUserTableRow(users.length + 1)] : [])
    .filter((r) => !search || `${str(r.username)} ${str(r.friendly_name)}`.toLowerCase().includes(search));
  const col = ctx.params.get('order_column') ?? 'friendly_name';
  const key = (r: Record<string, Json>) => sortable(r[col === 'user_thumb' ? 'friendly_name' : col]);
  sortBy(rows, key, ctx.params.get('order_dir') === 'desc');
  const { draw, rows: shown } = page(ctx, rows);
  const total = users.length ? users.length + 1 : 0;
  return { data: { draw, recordsTotal: total, recordsFiltered: rows.length, data: shown } };
}

export function getLibrariesTable(ctx: CommandContext): CommandResult {
  const { world } = ctx.state;
  const plays = new Map<string, { plays: number; duration: number; last?: HistoryEntry }>();
  for (const e of historyAt(world, ctx.now)) {
    const s = plays.get(e.item.librarySectionID) ?? { plays: 0, duration: 0 };
    s.plays++;
    s.duration += playDuration(e);
    s.last ??= e;
    plays.set(e.item.librarySectionID, s);
  }
  const libs = ctx.empty ? [] : world.libraries;
  const rows = libs.map((lib) => {
    const s = plays.get(lib.key);
    return {
      section_id: lib.key,
      section_name: lib.title,
      section_type: lib.type,
      ...libraryCounts(lib),
      plays: s?.plays ?? 0,
      duration: s?.duration ?? 0,
      last_accessed: s?.last?.stopped ?? null,
      last_played: s?.last ? fullTitle(s.last.item) : null,
      library_thumb: `/:/resources/${lib.type}.png`,
      library_art: `/:/resources/${lib.type}-fanart.jpg`,
      is_active: 1,
    } satisfies Record<string, Json>;
  });
  const col = ctx.params.get('order_column') ?? 'section_name';
  sortBy(
    rows,
    (r) => {
      const v = (r as Record<string, Json>)[col === 'library_thumb' ? 'section_name' : col];
      return sortable(v);
    },
    ctx.params.get('order_dir') === 'desc',
  );
  const { draw, rows: shown } = page(ctx, rows);
  return { data: { draw, recordsTotal: libs.length, recordsFiltered: rows.length, data: shown } };
}
