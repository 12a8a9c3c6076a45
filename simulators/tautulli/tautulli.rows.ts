import type { HistoryEntry, Library, LiveSession, MediaItem, MediaUser, PlexWorld } from '../media-library';
import type { Json } from './tautulli.envelope';
import { groupFields, playedAt } from './tautulli.history-rows';

type Row = { [key: string]: Json };

export function fullTitle(item: MediaItem): string {
  return item.grandparentTitle ? `${item.grandparentTitle} - ${item.title}` : item.title;
}

/**
 * Tautulli's `friendly_name`: the Plex user name unless renamed in Tautulli. The simulated Tautulli has
 * renamed the users with an odd id to their display name; the others keep their user name.
 */
export function friendlyName(u: MediaUser): string {
  return u.plexId % 2 === 1 ? u.displayName : u.username;
}

export function playDuration(e: HistoryEntry): number {
  return Math.max(0, e.stopped - e.started - e.pausedSeconds);
}

export function percentComplete(e: HistoryEntry): number {
  return e.item.duration ? Math.min(100, Math.round((e.viewOffset / e.item.duration) * 100)) : 0;
}

/** One `get_activity` session. Tautulli sends most numbers of a live session as strings. */
export function activityRow(world: PlexWorld, s: LiveSession): Row {
  const { item, user, device } = s;
  const video = item.type !== 'track';
  const decision = s.decision;
  return {
    session_key: s.sessionKey,
    session_id: s.sessionId,
    media_type: item.type,
    state: s.state,
    view_offset: String(s.viewOffset),
    duration: String(item.duration),
    progress_percent: String(Math.round((s.viewOffset / item.duration) * 100)),
    user: user.username,
    user_id: user.plexId,
    username: user.username,
    friendly_name: friendlyName(user),
    email: user.email,
    user_thumb: user.thumb,
    ip_address: device.address,
    ip_address_public: device.publicAddress,
    player: device.name,
    platform: device.platform,
    platform_version: device.platformVersion,
    product: device.product,
    product_version: device.version,
    device: device.device,
    machine_id: device.clientId,
    location: s.location,
    local: device.local ? '1' : '0',
    relayed: 0,
    secure: '1',
    title: item.title,
    full_title: fullTitle(item),
    parent_title: item.parentTitle ?? '',
    grandparent_title: item.grandparentTitle ?? '',
    year: String(item.year),
    media_index: item.index === undefined ? '' : String(item.index),
    parent_media_index: item.parentIndex === undefined ? '' : String(item.parentIndex),
    rating_key: item.ratingKey,
    parent_rating_key: item.parentRatingKey ?? '',
    grandparent_rating_key: item.grandparentRatingKey ?? '',
    section_id: item.librarySectionID,
    library_name: world.librariesByKey.get(item.librarySectionID)?.title ?? '',
    thumb: item.thumb,
    container: item.media?.container ?? '',
    bitrate: String(item.media?.bitrate ?? ''),
    video_codec: item.media?.videoCodec ?? '',
    audio_codec: item.media?.audioCodec ?? '',
    video_resolution: item.media?.videoResolution ?? '',
    transcode_decision: decision,
    video_decision: video ? decision : '',
    audio_decision: decision === 'transcode' ? 'transcode' : decision,
    quality_profile: decision === 'transcode' ? `${s.bandwidth / 1000} Mbps` : 'Original',
    stream_bitrate: String(s.bandwidth),
    bandwidth: String(s.bandwidth),
    transcode_progress: decision === 'direct play' ? 0 : Math.round(s.transcodeProgress),
    live: 0,
  };
}

/** A finished play, or a group of two resumed plays (see tautulli.history-rows). */
export function historyRow(world: PlexWorld, e: HistoryEntry): Row {
  const { item, user, device } = e;
  const pct = percentComplete(e);
  const toInt = (v: string | undefined) => (v === undefined ? '' : Number(v));
  return {
    row_id: e.id,
    reference_id: e.id,
    date: playedAt(e),
    started: e.started,
    stopped: e.stopped,
    duration: playDuration(e),
    play_duration: playDuration(e),
    paused_counter: e.pausedSeconds,
    user_id: user.plexId,
    user: user.username,
    friendly_name: friendlyName(user),
    platform: device.platform,
    product: device.product,
    player: device.name,
    ip_address: device.address,
    location: device.local ? 'lan' : 'wan',
    live: 0,
    machine_id: device.clientId,
    media_type: item.type,
    rating_key: Number(item.ratingKey),
    parent_rating_key: toInt(item.parentRatingKey),
    grandparent_rating_key: toInt(item.grandparentRatingKey),
    full_title: fullTitle(item),
    title: item.title,
    parent_title: item.parentTitle ?? '',
    grandparent_title: item.grandparentTitle ?? '',
    original_title: '',
    year: item.year,
    media_index: item.index ?? '',
    parent_media_index: item.parentIndex ?? '',
    thumb: item.thumb,
    originally_available_at: item.originallyAvailableAt,
    guid: item.guid,
    transcode_decision: e.decision,
    percent_complete: pct,
    watched_status: pct >= 85 ? 1 : pct >= 50 ? 0.5 : 0,
    ...groupFields(e),
    state: null,
    session_key: null,
    section_id: Number(item.librarySectionID),
    relayed: 0,
    secure: 1,
  };
}

export function userRow(world: PlexWorld, u: MediaUser, rowId: number): Row {
  return {
    row_id: rowId,
    user_id: String(u.plexId),
    username: u.username,
    friendly_name: friendlyName(u),
    email: u.email,
    thumb: u.thumb,
    is_active: 1,
    is_admin: u.isOwner ? 1 : 0,
    is_home_user: u.isOwner ? 1 : 0,
    is_allow_sync: 1,
    is_restricted: 0,
    do_notify: 1,
    keep_history: 1,
    allow_guest: 0,
    shared_libraries: world.libraries.map((l) => l.key),
    filter_all: '',
    filter_movies: '',
    filter_tv: '',
    filter_music: '',
    filter_photos: '',
  };
}

/** Tautulli's "Local" pseudo-user in `get_users`: user_id 0, never an admin. */
export function localUserRow(rowId: number): Row {
  return {
    row_id: rowId,
    user_id: '0',
    username: 'Local',
    friendly_name: 'Local',
    email: null,
    thumb: '',
    is_active: 1,
    is_admin: 0,
    is_home_user: 0,
    is_allow_sync: 0,
    is_restricted: 0,
    do_notify: 1,
    keep_history: 1,
    allow_guest: 0,
    shared_libraries: [],
  };
}

/** count = movies/shows/artists, parent_count = seasons/albums, child_count = episodes/tracks. */
export function libraryCounts(lib: Library): { count: string; parent_count: Json; child_count: Json } {
  const n = (t: Parameters<Library['itemsByType']['get']>[0]) => String(lib.itemsByType.get(t)?.length ?? 0);
  if (lib.type === 'show') return { count: n('show'), parent_count: n('season'), child_count: n('episode') };
  if (lib.type === 'artist') return { count: n('artist'), parent_count: n('album'), child_count: n('track') };
  return { count: n(lib.type), parent_count: null, child_count: null };
}

export function libraryRow(lib: Library): Row {
  return {
    section_id: lib.key,
    section_name: lib.title,
    section_type: lib.type,
    agent: lib.agent,
    thumb: `/:/resources/${lib.type}.png`,
    art: `/:/resources/${lib.type}-fanart.jpg`,
    ...libraryCounts(lib),
    is_active: 1,
  };
}
