import type { HistoryEntry, LiveSession, MediaUser, PlexWorld } from '../media-library';
import type { Json } from './tautulli.envelope';

type Row = { [key: string]: Json };

/**
 * Tautulli groups a play with the earlier unfinished play of the same item by the same user it resumes
 * (`reference_id`, `group_count`, `group_ids`; on by default). The Plex world has no such pairs, so the
 * simulated Tautulli tells every fifth video play as two: played to half, then resumed to the end.
 * Grouped, the row's `date` is when the second play started and `started` when the first did.
 */
export function isGrouped(e: HistoryEntry): boolean {
  return e.id % 5 === 0 && e.item.type !== 'track' && e.stopped - e.started >= 120;
}

/** `date`: when the latest play of the row started (what `order_column=date` sorts by). */
export function playedAt(e: HistoryEntry): number {
  return isGrouped(e) ? e.started + Math.floor((e.stopped - e.started) / 2) : e.started;
}

/** The first play of a group has an id below every finished play's (ids of the world start at 1). */
export function groupFields(e: HistoryEntry): Row {
  return isGrouped(e)
    ? { group_count: 2, group_ids: `${-e.id},${e.id}` }
    : { group_count: 1, group_ids: String(e.id) };
}

/**
 * A play still in progress, as Tautulli 2.17 lists it at the top of `get_history` (with
 * `include_activity`, on by default): no `row_id`/`id`/`reference_id`, its `state`, `stopped` = now.
 */
export function liveHistoryRow(
  world: PlexWorld,
  s: LiveSession,
  nowMs: number,
  name: (u: MediaUser) => string,
): Row {
  const started = Math.floor(s.startedAt / 1000);
  const stopped = Math.floor(nowMs / 1000);
  const played = Math.min(stopped - started, Math.max(0, Math.floor(s.viewOffset / 1000)));
  return {
    row_id: null,
    id: null,
    reference_id: null,
    date: started,
    started,
    stopped,
    duration: played,
    play_duration: played,
    paused_counter: Math.max(0, stopped - started - played),
    user_id: s.user.plexId,
    user: s.user.username,
    friendly_name: name(s.user),
    platform: s.device.platform,
    product: s.device.product,
    player: s.device.name,
    ip_address: s.device.address,
    location: s.location,
    live: 0,
    machine_id: s.device.clientId,
    media_type: s.item.type,
    rating_key: Number(s.item.ratingKey),
    full_title: s.item.grandparentTitle ? `${s.item.grandparentTitle} - ${s.item.title}` : s.item.title,
    title: s.item.title,
    grandparent_title: s.item.grandparentTitle ?? '',
    year: s.item.year,
    thumb: s.item.thumb,
    transcode_decision: s.decision,
    percent_complete: s.item.duration ? Math.min(100, Math.round((s.viewOffset / s.item.duration) * 100)) : 0,
    watched_status: 0,
    group_count: 1,
    group_ids: '',
    state: s.state,
    session_key: s.sessionKey,
    section_id: Number(s.item.librarySectionID),
    library_name: world.librariesByKey.get(s.item.librarySectionID)?.title ?? '',
  };
}
