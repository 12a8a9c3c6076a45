import { UnexpectedAnswer } from '../upstream/unexpected-answer';
import type {
  PlexDecision,
  PlexHealthDto,
  PlexHistoryItemDto,
  PlexLibraryDto,
  PlexSessionDto,
  PlexSessionsDto,
  PlexStatusDto,
} from './plex.dto';
import {
  attrs,
  child,
  children,
  epochIso,
  flag,
  mediaContainer,
  num,
  text,
  textOrNull,
  type PlexNode,
} from '../plex-common/plex.node';
import { streamDetails } from './plex-stream.wire';

/** Pure mapping of PMS answers (XML by default, JSON on `Accept: application/json`) to the panel's shapes. */

/** Item elements: JSON calls them all `Metadata`; XML names them by kind. */
const ITEM_TAGS = ['Metadata', 'Video', 'Track', 'Photo'];

/** Library section types (`Directory.type`) to the `type=N` levels counted in them, top level first. */
export const LIBRARY_LEVELS: Readonly<Record<string, ReadonlyArray<{ level: string; type: number }>>> = {
  movie: [{ level: 'movie', type: 1 }],
  show: [
    { level: 'show', type: 2 },
    { level: 'season', type: 3 },
    { level: 'episode', type: 4 },
  ],
  artist: [
    { level: 'artist', type: 8 },
    { level: 'album', type: 9 },
    { level: 'track', type: 10 },
  ],
  photo: [{ level: 'photo', type: 13 }],
};

/** `GET /identity` (no token needed). */
export function plexIdentity(body: unknown, latencyMs: number): PlexHealthDto {
  const a = attrs(mediaContainer(body));
  const version = text(a.version);
  if (!version) throw new UnexpectedAnswer('no version in /identity');
  return {
    version,
    machine_identifier: text(a.machineIdentifier),
    claimed: flag(a.claimed),
    latency_ms: latencyMs,
  };
}

/** `GET /`: the server's own attributes. */
export function plexStatus(body: unknown): PlexStatusDto {
  const a = attrs(mediaContainer(body));
  const version = text(a.version);
  if (!version) throw new UnexpectedAnswer('no version in the root container');
  return {
    name: text(a.friendlyName),
    version,
    platform: text(a.platform),
    platform_version: text(a.platformVersion),
    machine_identifier: text(a.machineIdentifier),
    plex_pass: flag(a.myPlexSubscription),
    my_plex_username: textOrNull(a.myPlexUsername),
    active_transcodes: num(a.transcoderActiveVideoSessions) ?? 0,
    updated_at: epochIso(a.updatedAt),
  };
}

/** A section of `GET /library/sections`, before its counts are read. */
export type PlexSection = Omit<PlexLibraryDto, 'item_count' | 'child_count' | 'size_bytes' | 'duration_ms'>;

export function plexSections(body: unknown): PlexSection[] {
  return children(mediaContainer(body), 'Directory').map((node) => {
    const a = attrs(node);
    const key = text(a.key);
    if (!key) throw new UnexpectedAnswer('a library without a key');
    return {
      key,
      title: text(a.title),
      type: text(a.type),
      agent: text(a.agent),
      scanner: text(a.scanner),
      refreshing: flag(a.refreshing),
      scanned_at: epochIso(a.scannedAt),
      locations: children(node, 'Location')
        .map((l) => text(attrs(l).path))
        .filter(Boolean),
    };
  });
}

/**
 * The item count of a list asked for with `X-Plex-Container-Size=0`: `totalSize` of the container, or
 * the `X-Plex-Container-Total-Size` response header some builds send instead.
 */
export function plexTotalSize(body: unknown, headers: Record<string, string>): number {
  const total = num(attrs(mediaContainer(body)).totalSize) ?? num(headers['x-plex-container-total-size']);
  if (total === null) throw new UnexpectedAnswer('a paged list without totalSize');
  return total;
}

export interface PlexStorage {
  size_bytes: number | null;
  duration_ms: number | null;
}

/**
 * `GET /media/providers?includeStorage=1`: the library provider's content feature lists every section
 * with `storageTotal` (bytes) and `durationTotal` (ms). Older PMS builds have neither; then nothing.
 */
export function plexStorage(body: unknown): Map<string, PlexStorage> {
  const out = new Map<string, PlexStorage>();
  const providers = children(mediaContainer(body), 'MediaProvider').filter(
    (p) => text(attrs(p).identifier) === 'com.plexapp.plugins.library',
  );
  for (const provider of providers)
    for (const feature of children(provider, 'Feature')) {
      if (text(attrs(feature).type) !== 'content') continue;
      for (const dir of children(feature, 'Directory')) {
        const a = attrs(dir);
        const id = text(a.id);
        if (id) out.set(id, { size_bytes: num(a.storageTotal), duration_ms: num(a.durationTotal) });
      }
    }
  return out;
}

/** "Show - S01E02 - Title" for episodes, "Artist - Title" for tracks, the title otherwise. */
export function displayTitle(a: PlexNode): string {
  const title = text(a.title);
  const show = text(a.grandparentTitle);
  if (!show) return title;
  const season = num(a.parentIndex);
  const episode = num(a.index);
  if (text(a.type) === 'episode' && season !== null && episode !== null) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${show} - S${pad(season)}E${pad(episode)} - ${title}`;
  }
  return `${show} - ${title}`;
}

/**
 * PMS has no one "decision" field: a session without `TranscodeSession` plays directly; with one, any
 * `transcode` decision means transcoding, otherwise the streams are copied (direct stream).
 */
function decisionOf(transcode: PlexNode | undefined): PlexDecision {
  if (!transcode) return 'direct_play';
  const t = attrs(transcode);
  return [t.videoDecision, t.audioDecision].some((d) => text(d) === 'transcode')
    ? 'transcode'
    : 'direct_stream';
}

function session(node: PlexNode): PlexSessionDto {
  const a = attrs(node);
  const user = child(node, 'User');
  const player = child(node, 'Player');
  const sess = child(node, 'Session');
  const transcode = child(node, 'TranscodeSession');
  const p = player ? attrs(player) : {};
  const s = sess ? attrs(sess) : {};
  const t = transcode ? attrs(transcode) : {};
  const duration = num(a.duration) ?? 0;
  const offset = num(a.viewOffset) ?? 0;
  return {
    session_id: text(s.id),
    session_key: text(a.sessionKey),
    user: user ? text(attrs(user).title) : '',
    title: displayTitle(a),
    media_type: text(a.type),
    library: textOrNull(a.librarySectionTitle),
    player: text(p.title),
    product: text(p.product),
    platform: text(p.platform),
    address: text(p.address),
    state: text(p.state),
    progress_percent: duration > 0 ? Math.round((offset / duration) * 1000) / 10 : 0,
    view_offset_ms: offset,
    duration_ms: duration,
    bandwidth_kbps: num(s.bandwidth),
    location: textOrNull(s.location),
    decision: decisionOf(transcode),
    video_decision: textOrNull(t.videoDecision),
    audio_decision: textOrNull(t.audioDecision),
    transcode_progress: num(t.progress),
    transcode_speed: num(t.speed),
    transcode_hw: flag(t.transcodeHwRequested),
    details: streamDetails(node, transcode),
  };
}

/**
 * `GET /status/sessions`. With nothing playing PMS answers `{"MediaContainer":{"size":0}}`: `Metadata`
 * is absent, not `[]` (and XML has no child element at all).
 */
export function plexSessions(body: unknown, readAt: Date): PlexSessionsDto {
  const sessions = children(mediaContainer(body), ...ITEM_TAGS).map(session);
  const sum = (list: PlexSessionDto[]) => list.reduce((n, s) => n + (s.bandwidth_kbps ?? 0), 0);
  return {
    count: sessions.length,
    transcodes: sessions.filter((s) => s.decision === 'transcode').length,
    total_bandwidth_kbps: sum(sessions),
    lan_bandwidth_kbps: sum(sessions.filter((s) => s.location === 'lan')),
    wan_bandwidth_kbps: sum(sessions.filter((s) => s.location === 'wan')),
    sessions,
    read_at: readAt.toISOString(),
  };
}

/** One page of `GET /status/sessions/history/all`; names come from `/accounts` (history has none). */
export function plexHistory(
  body: unknown,
  headers: Record<string, string>,
  accounts: ReadonlyMap<number, string>,
): { total: number; items: PlexHistoryItemDto[] } {
  const container = mediaContainer(body);
  const items = children(container, ...ITEM_TAGS).map((node): PlexHistoryItemDto => {
    const a = attrs(node);
    const account = num(a.accountID);
    return {
      id: text(a.historyKey).split('/').pop() ?? '',
      title: displayTitle(a),
      media_type: text(a.type),
      library_key: textOrNull(a.librarySectionID),
      rating_key: textOrNull(a.ratingKey),
      viewed_at: epochIso(a.viewedAt),
      account_id: account,
      user: account === null ? null : (accounts.get(account) ?? null),
    };
  });
  const total =
    num(attrs(container).totalSize) ?? num(headers['x-plex-container-total-size']) ?? items.length;
  return { total, items };
}

/** `GET /accounts`: account id → name. Account 0 is PMS's system account (no name). */
export function plexAccounts(body: unknown): Map<number, string> {
  const out = new Map<number, string>();
  for (const node of children(mediaContainer(body), 'Account')) {
    const a = attrs(node);
    const id = num(a.id);
    const name = text(a.name);
    if (id !== null && name) out.set(id, name);
  }
  return out;
}
