import type { ItemType, Library, MediaItem, MediaUser, PlexWorld } from '../media-library';
import { container, type PlexNode } from './plex.format';

/** XML element names PMS uses for each metadata type; JSON always calls them `Metadata`. */
export const XML_TAG: Readonly<Record<ItemType, string>> = {
  movie: 'Video',
  episode: 'Video',
  track: 'Track',
  photo: 'Photo',
  show: 'Directory',
  season: 'Directory',
  artist: 'Directory',
  album: 'Directory',
};

const CONTAINER_TYPES = new Set<ItemType>(['show', 'season', 'artist', 'album']);

export function rootNode(world: PlexWorld, transcoding: number): PlexNode {
  const dirs = [
    'activities',
    'butler',
    'library',
    'media',
    'playlists',
    'search',
    'servers',
    'status',
    'system',
  ];
  const s = world.server;
  return container(
    {
      size: dirs.length,
      allowSharing: true,
      allowSync: true,
      friendlyName: s.friendlyName,
      machineIdentifier: s.machineIdentifier,
      multiuser: true,
      myPlex: true,
      myPlexMappingState: 'mapped',
      myPlexSigninState: 'ok',
      myPlexSubscription: s.plexPass,
      myPlexUsername: world.owner.email,
      platform: s.platform,
      platformVersion: s.platformVersion,
      transcoderActiveVideoSessions: transcoding,
      transcoderVideo: true,
      updatedAt: Math.floor(world.startedAt / 1000) - 3600,
      version: s.version,
    },
    dirs.map((key) => ({ tag: 'Directory', attrs: { count: 1, key, title: key } })),
  );
}

export function identityNode(world: PlexWorld): PlexNode {
  return container({
    size: 0,
    claimed: true,
    machineIdentifier: world.server.machineIdentifier,
    version: world.server.version,
  });
}

export function sectionNode(lib: Library, now: number): PlexNode {
  return {
    tag: 'Directory',
    attrs: {
      allowSync: true,
      art: `/:/resources/${lib.type}-fanart.jpg`,
      key: lib.key,
      type: lib.type,
      title: lib.title,
      agent: lib.agent,
      scanner: lib.scanner,
      language: lib.language,
      uuid: lib.uuid,
      refreshing: now < lib.refreshingUntil,
      hidden: lib.hidden,
      updatedAt: lib.updatedAt,
      createdAt: lib.createdAt,
      scannedAt: lib.scannedAt,
      contentChangedAt: lib.contentChangedAt,
    },
    children: [{ tag: 'Location', attrs: { id: lib.locationId, path: lib.path } }],
  };
}

export function sectionsNode(libraries: readonly Library[], now: number): PlexNode {
  return container(
    { size: libraries.length, allowSync: false, title1: 'Plex Library' },
    libraries.map((l) => sectionNode(l, now)),
  );
}

export function mediaNodes(item: MediaItem): PlexNode[] {
  const m = item.media;
  if (!m) return [];
  const part: PlexNode = {
    tag: 'Part',
    attrs: {
      id: m.partId,
      key: `/library/parts/${m.partId}/${item.addedAt}/file.${m.container}`,
      duration: item.duration,
      file: m.file,
      size: m.size,
      container: m.container,
    },
  };
  const attrs = {
    id: m.id,
    duration: item.duration,
    bitrate: m.bitrate,
    container: m.container,
    videoCodec: m.videoCodec,
    audioCodec: m.audioCodec,
    videoResolution: m.videoResolution,
  };
  return [{ tag: 'Media', attrs, children: [part] }];
}

/** Metadata attributes shared by listings, sessions and history. */
export function itemAttrs(item: MediaItem): Record<string, string | number | undefined> {
  return {
    ratingKey: item.ratingKey,
    key: `/library/metadata/${item.ratingKey}${CONTAINER_TYPES.has(item.type) ? '/children' : ''}`,
    parentRatingKey: item.parentRatingKey,
    grandparentRatingKey: item.grandparentRatingKey,
    guid: item.guid,
    type: item.type,
    title: item.title,
    grandparentTitle: item.grandparentTitle,
    parentTitle: item.parentTitle,
    parentIndex: item.parentIndex,
    index: item.index,
    year: item.year,
    thumb: item.thumb,
    duration: item.duration || undefined,
    originallyAvailableAt: item.originallyAvailableAt,
    leafCount: item.leafCount,
    childCount: item.childCount,
    addedAt: item.addedAt,
    updatedAt: item.addedAt,
  };
}

export function itemNode(item: MediaItem, extra: Record<string, string | number> = {}): PlexNode {
  return {
    tag: XML_TAG[item.type],
    json: 'Metadata',
    attrs: { ...itemAttrs(item), ...extra },
    children: mediaNodes(item),
  };
}

export function accountsNode(users: readonly MediaUser[]): PlexNode {
  const system: PlexNode = { tag: 'Account', attrs: { id: 0, key: '/accounts/0', name: '' } };
  const accounts = users.map((u): PlexNode => ({
    tag: 'Account',
    attrs: {
      id: u.accountId,
      key: `/accounts/${u.accountId}`,
      name: u.username,
      defaultAudioLanguage: 'en',
      autoSelectAudio: true,
      defaultSubtitleLanguage: 'en',
      subtitleMode: 0,
      thumb: u.thumb,
    },
  }));
  return container({ size: accounts.length + 1, identifier: 'com.plexapp.system.accounts' }, [
    system,
    ...accounts,
  ]);
}

export function providersNode(libraries: readonly Library[], includeStorage: boolean): PlexNode {
  const dirs = libraries.map((l): PlexNode => ({
    tag: 'Directory',
    attrs: {
      id: l.key,
      key: `/library/sections/${l.key}`,
      title: l.title,
      type: l.type,
      uuid: l.uuid,
      durationTotal: includeStorage ? l.durationTotal : undefined,
      storageTotal: includeStorage ? l.storageTotal : undefined,
    },
  }));
  const provider: PlexNode = {
    tag: 'MediaProvider',
    attrs: {
      identifier: 'com.plexapp.plugins.library',
      title: 'Library',
      types: 'video,audio,photo',
      protocols: 'stream,download',
    },
    children: [{ tag: 'Feature', attrs: { key: '/library/sections', type: 'content' }, children: dirs }],
  };
  return container({ size: 1 }, [provider]);
}
