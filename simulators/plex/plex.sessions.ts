import type { SimRequest } from '../core';
import type { HistoryEntry, LiveSession, PlexWorld } from '../media-library';
import { container, type PlexNode } from './plex.format';
import { itemAttrs, mediaNodes, XML_TAG } from './plex.views';

function transcodeNode(s: LiveSession): PlexNode {
  const video = s.item.type !== 'track';
  const transcoding = s.decision === 'transcode';
  return {
    tag: 'TranscodeSession',
    single: true,
    attrs: {
      key: s.transcodeKey,
      throttled: false,
      progress: s.transcodeProgress,
      speed: transcoding ? 3.2 : 12.4,
      videoDecision: video ? (transcoding ? 'transcode' : 'copy') : undefined,
      audioDecision: transcoding ? 'transcode' : 'copy',
      subtitleDecision: video && transcoding ? 'burn' : undefined,
      protocol: 'dash',
      container: 'mp4',
      videoCodec: video ? 'h264' : undefined,
      audioCodec: transcoding ? 'aac' : s.item.media?.audioCodec,
      audioChannels: 2,
      sourceVideoCodec: s.item.media?.videoCodec,
      sourceAudioCodec: s.item.media?.audioCodec,
      transcodeHwRequested: transcoding,
      transcodeHwFullPipeline: false,
    },
  };
}

/** PMS's per-stream `decision`: "directplay", "copy" or "transcode" (Tautulli reads it per stream). */
const STREAM_DECISION: Record<LiveSession['decision'], string> = {
  'direct play': 'directplay',
  copy: 'copy',
  transcode: 'transcode',
};

/**
 * A session's Media and Part carry `<Stream>` elements with the decision PMS took for each (video
 * `streamType` 1, audio 2), as a real PMS sends under `/status/sessions`; the Part has one too.
 */
function sessionMediaNodes(s: LiveSession): PlexNode[] {
  const decision = STREAM_DECISION[s.decision];
  const m = s.item.media;
  const video = s.item.type !== 'track';
  const streams: PlexNode[] = [
    ...(video
      ? [
          {
            tag: 'Stream',
            attrs: { id: 1, streamType: 1, codec: m?.videoCodec, decision, location: 'direct' },
          },
        ]
      : []),
    { tag: 'Stream', attrs: { id: 2, streamType: 2, codec: m?.audioCodec, decision, location: 'direct' } },
  ];
  return mediaNodes(s.item).map((media) => ({
    ...media,
    children: (media.children ?? []).map((part) => ({
      ...part,
      attrs: { ...part.attrs, decision },
      children: [...(part.children ?? []), ...streams],
    })),
  }));
}

export function sessionNode(world: PlexWorld, s: LiveSession): PlexNode {
  const { item, user, device } = s;
  const children: PlexNode[] = [
    ...sessionMediaNodes(s),
    {
      tag: 'User',
      single: true,
      attrs: { id: String(user.accountId), title: user.username, thumb: user.thumb },
    },
    {
      tag: 'Player',
      single: true,
      attrs: {
        address: device.address,
        remotePublicAddress: device.publicAddress,
        device: device.device,
        platform: device.platform,
        platformVersion: device.platformVersion,
        product: device.product,
        version: device.version,
        title: device.name,
        machineIdentifier: device.clientId,
        state: s.state,
        local: device.local,
        relayed: false,
        secure: true,
        userID: user.accountId,
      },
    },
    {
      tag: 'Session',
      single: true,
      attrs: { id: s.sessionId, bandwidth: s.bandwidth, location: s.location },
    },
  ];
  if (s.decision !== 'direct play') children.push(transcodeNode(s));
  return {
    tag: XML_TAG[item.type],
    json: 'Metadata',
    attrs: {
      sessionKey: s.sessionKey,
      ...itemAttrs(item),
      librarySectionID: item.librarySectionID,
      librarySectionTitle: world.librariesByKey.get(item.librarySectionID)?.title,
      viewOffset: s.viewOffset,
    },
    children,
  };
}

/** With nothing playing PMS answers `{"MediaContainer":{"size":0}}`: `Metadata` is absent, not `[]`. */
export function sessionsNode(world: PlexWorld, sessions: readonly LiveSession[]): PlexNode {
  return container(
    { size: sessions.length },
    sessions.map((s) => sessionNode(world, s)),
  );
}

export function historyNode(entry: HistoryEntry): PlexNode {
  const item = entry.item;
  return {
    tag: XML_TAG[item.type],
    json: 'Metadata',
    attrs: {
      historyKey: `/status/sessions/history/${entry.id}`,
      key: `/library/metadata/${item.ratingKey}`,
      ratingKey: item.ratingKey,
      librarySectionID: item.librarySectionID,
      parentKey: item.parentRatingKey && `/library/metadata/${item.parentRatingKey}`,
      grandparentKey: item.grandparentRatingKey && `/library/metadata/${item.grandparentRatingKey}`,
      title: item.title,
      grandparentTitle: item.grandparentTitle,
      parentIndex: item.parentIndex,
      index: item.index,
      type: item.type,
      thumb: item.thumb,
      originallyAvailableAt: item.originallyAvailableAt,
      viewedAt: entry.stopped,
      accountID: entry.user.accountId,
      deviceID: entry.device.id,
    },
  };
}

/**
 * History filters: `accountID`, `librarySectionID`, `metadataItemID` and `viewedAt>=<epoch>`
 * (URLSearchParams reads `viewedAt>=5` as key `viewedAt>` with value 5; `>>=`/`<<=` are strict).
 */
export function filterHistory(req: SimRequest, all: readonly HistoryEntry[]): HistoryEntry[] {
  const q = req.query;
  const num = (name: string) => (q.has(name) ? Number(q.get(name)) : undefined);
  const account = num('accountID');
  const section = q.get('librarySectionID');
  const metadata = q.get('metadataItemID');
  const bounds: Array<(t: number) => boolean> = [];
  const add = (key: string, test: (t: number, v: number) => boolean) => {
    const v = num(key);
    if (v !== undefined && Number.isFinite(v)) bounds.push((t) => test(t, v));
  };
  add('viewedAt>', (t, v) => t >= v);
  add('viewedAt>>', (t, v) => t > v);
  add('viewedAt<', (t, v) => t <= v);
  add('viewedAt<<', (t, v) => t < v);
  add('viewedAt', (t, v) => t === v);
  const out = all.filter(
    (e) =>
      (account === undefined || e.user.accountId === account) &&
      (section === null || e.item.librarySectionID === section) &&
      (metadata === null || e.item.ratingKey === metadata) &&
      bounds.every((b) => b(e.stopped)),
  );
  // The world keeps newest first; `sort=viewedAt` / `viewedAt:asc` asks for oldest first.
  const sort = q.get('sort');
  if (sort === 'viewedAt' || sort === 'viewedAt:asc') out.reverse();
  return out;
}
