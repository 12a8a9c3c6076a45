import { historyAt, type HistoryEntry } from '../media-library';
import type { CommandContext, CommandResult } from './tautulli.commands';
import type { Json } from './tautulli.envelope';
import { day } from './tautulli.history';
import { friendlyName, fullTitle, playDuration } from './tautulli.rows';

type Row = { [key: string]: Json };

interface Group {
  first: HistoryEntry;
  plays: number;
  duration: number;
  users: Set<number>;
  last: number;
}

function groupBy(entries: readonly HistoryEntry[], key: (e: HistoryEntry) => string | undefined): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    const k = key(e);
    if (k === undefined) continue;
    const g = groups.get(k) ?? { first: e, plays: 0, duration: 0, users: new Set(), last: 0 };
    g.plays++;
    g.duration += playDuration(e);
    g.users.add(e.user.plexId);
    g.last = Math.max(g.last, e.started);
    groups.set(k, g);
  }
  return [...groups.values()];
}

function mediaRow(g: Group, level: 'item' | 'grandparent'): Row {
  const item = g.first.item;
  const top = level === 'grandparent';
  return {
    title: top ? (item.grandparentTitle ?? item.title) : item.title,
    year: item.year,
    total_plays: g.plays,
    total_duration: g.duration,
    users_watched: g.users.size,
    rating_key: Number(top ? item.grandparentRatingKey : item.ratingKey),
    grandparent_rating_key: top ? Number(item.grandparentRatingKey) : '',
    last_play: g.last,
    thumb: item.thumb,
    section_id: Number(item.librarySectionID),
    media_type: item.type,
    user: '',
    friendly_name: '',
    platform: '',
    live: 0,
    guid: item.guid,
    row_id: g.first.id,
  };
}

const TITLES: Record<string, string> = {
  top_movies: 'Most Watched Movies',
  popular_movies: 'Most Popular Movies',
  top_tv: 'Most Watched TV Shows',
  popular_tv: 'Most Popular TV Shows',
  top_music: 'Most Played Artists',
  popular_music: 'Most Popular Artists',
  top_libraries: 'Most Active Libraries',
  top_users: 'Most Active Users',
  top_platforms: 'Most Active Platforms',
  last_watched: 'Recently Watched',
  most_concurrent: 'Most Concurrent Streams',
};

function mostConcurrent(entries: readonly HistoryEntry[]): Row[] {
  const edges = entries.flatMap((e) => [
    [e.started, 1],
    [e.stopped, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let best = 0;
  let at = 0;
  for (const [t, d] of edges) {
    current += d;
    if (current > best) [best, at] = [current, t];
  }
  return best ? [{ title: 'Concurrent Streams', count: best, started: at, stopped: at }] : [];
}

/** `get_home_stats`: an array of stat cards, or the single card when `stat_id` is given. */
export function getHomeStats(ctx: CommandContext): CommandResult {
  const p = ctx.params;
  const days = Number(p.get('time_range') ?? 30) || 30;
  const byDuration = p.get('stats_type') === 'duration' || p.get('stats_type') === '1';
  const start = Number(p.get('stats_start') ?? 0) || 0;
  const count = Number(p.get('stats_count') ?? 10) || 10;
  const since = Math.floor(ctx.now / 1000) - days * 86_400;
  const entries = (ctx.empty ? [] : historyAt(ctx.state.world, ctx.now)).filter(
    (e) =>
      e.started >= since &&
      (!p.has('section_id') || e.item.librarySectionID === p.get('section_id')) &&
      (!p.has('user_id') || String(e.user.plexId) === p.get('user_id')),
  );
  const of = (type: string) => entries.filter((e) => e.item.type === type);
  const top = (groups: Group[]) =>
    groups.sort((a, b) => (byDuration ? b.duration - a.duration : b.plays - a.plays) || b.last - a.last);
  const popular = (groups: Group[]) =>
    groups.sort((a, b) => b.users.size - a.users.size || b.plays - a.plays);
  const slice = (rows: Row[]) => rows.slice(start, start + count);
  const cards: Record<string, () => Row[]> = {
    top_movies: () => top(groupBy(of('movie'), (e) => e.item.ratingKey)).map((g) => mediaRow(g, 'item')),
    popular_movies: () =>
      popular(groupBy(of('movie'), (e) => e.item.ratingKey)).map((g) => mediaRow(g, 'item')),
    top_tv: () =>
      top(groupBy(of('episode'), (e) => e.item.grandparentRatingKey)).map((g) => mediaRow(g, 'grandparent')),
    popular_tv: () =>
      popular(groupBy(of('episode'), (e) => e.item.grandparentRatingKey)).map((g) =>
        mediaRow(g, 'grandparent'),
      ),
    top_music: () =>
      top(groupBy(of('track'), (e) => e.item.grandparentRatingKey)).map((g) => mediaRow(g, 'grandparent')),
    popular_music: () =>
      popular(groupBy(of('track'), (e) => e.item.grandparentRatingKey)).map((g) =>
        mediaRow(g, 'grandparent'),
      ),
    top_libraries: () =>
      top(groupBy(entries, (e) => e.item.librarySectionID)).map((g) => {
        const lib = ctx.state.world.librariesByKey.get(g.first.item.librarySectionID);
        return {
          section_id: Number(lib?.key),
          section_name: lib?.title ?? '',
          section_type: lib?.type ?? '',
          total_plays: g.plays,
          total_duration: g.duration,
          last_play: g.last,
          title: fullTitle(g.first.item),
          rating_key: Number(g.first.item.ratingKey),
          row_id: g.first.id,
        };
      }),
    top_users: () =>
      top(groupBy(entries, (e) => String(e.user.plexId))).map((g) => {
        const u = g.first.user;
        return {
          user: u.username,
          user_id: u.plexId,
          friendly_name: friendlyName(u),
          user_thumb: u.thumb,
          total_plays: g.plays,
          total_duration: g.duration,
          last_play: g.last,
          title: fullTitle(g.first.item),
          rating_key: Number(g.first.item.ratingKey),
          row_id: g.first.id,
        };
      }),
    top_platforms: () =>
      top(groupBy(entries, (e) => e.device.platform)).map((g) => ({
        platform: g.first.device.platform,
        platform_name: g.first.device.platform.toLowerCase(),
        total_plays: g.plays,
        total_duration: g.duration,
        last_play: g.last,
        row_id: g.first.id,
      })),
    last_watched: () =>
      entries
        .filter((e) => e.item.type === 'movie' || e.item.type === 'episode')
        .map((e) => ({
          row_id: e.id,
          user: e.user.username,
          user_id: e.user.plexId,
          friendly_name: friendlyName(e.user),
          title: fullTitle(e.item),
          rating_key: Number(e.item.ratingKey),
          thumb: e.item.thumb,
          last_watch: e.stopped,
          player: e.device.name,
          section_id: Number(e.item.librarySectionID),
          media_type: e.item.type,
        })),
    most_concurrent: () => mostConcurrent(entries),
  };
  const wanted = p.get('stat_id');
  const ids = wanted ? [wanted].filter((id) => id in cards) : Object.keys(cards);
  const stats: Row[] = ids.map((id) => ({
    stat_id: id,
    ...(id.startsWith('top_') ? { stat_type: byDuration ? 'total_duration' : 'total_plays' } : {}),
    stat_title: TITLES[id],
    rows: slice(cards[id]()),
  }));
  // datafactory.get_home_stats: `if stat_id and home_stats: return home_stats[0]`.
  return { data: wanted ? (stats[0] ?? []) : stats };
}

/** `get_plays_by_date`: one category per day of `time_range`, series TV, Movies, Music and Total. */
export function getPlaysByDate(ctx: CommandContext): CommandResult {
  const p = ctx.params;
  const days = Number(p.get('time_range') ?? 30) || 30;
  const byDuration = p.get('y_axis') === 'duration';
  const today = Math.floor(ctx.now / 1000);
  const categories = Array.from({ length: days }, (_, i) => day(today - (days - 1 - i) * 86_400));
  const index = new Map(categories.map((c, i) => [c, i]));
  const series = {
    episode: new Array<number>(days).fill(0),
    movie: new Array<number>(days).fill(0),
    track: new Array<number>(days).fill(0),
  };
  for (const e of ctx.empty ? [] : historyAt(ctx.state.world, ctx.now)) {
    if (p.has('user_id') && String(e.user.plexId) !== p.get('user_id')) continue;
    const i = index.get(day(e.started));
    const list = series[e.item.type as keyof typeof series];
    if (i !== undefined && list) list[i] += byDuration ? playDuration(e) : 1;
  }
  return {
    data: {
      categories,
      series: [
        { name: 'TV', data: series.episode },
        { name: 'Movies', data: series.movie },
        { name: 'Music', data: series.track },
        // Tautulli 2.17 adds the sum of the others as a last series.
        { name: 'Total', data: series.episode.map((n, i) => n + series.movie[i] + series.track[i]) },
      ],
    },
  };
}
