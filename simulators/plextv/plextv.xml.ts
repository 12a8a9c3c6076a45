import type { PlexNode } from '../plex/plex.format';
import type { PlexTvServer, PlexTvShare, PlexTvState, PlexTvUser } from './plextv.state';

/** The MediaContainer head every v1 answer carries. */
function myPlexContainer(attrs: Record<string, string | number>, children: PlexNode[]): PlexNode {
  return {
    tag: 'MediaContainer',
    attrs: { friendlyName: 'myPlex', identifier: 'com.plexapp.plugins.myplex', ...attrs },
    children,
  };
}

const FILTERS = { filterAll: '', filterMovies: '', filterMusic: '', filterPhotos: '', filterTelevision: '' };

function serverOfShare(state: PlexTvState, share: PlexTvShare): PlexTvServer {
  return state.serversById.get(share.machineIdentifier) as PlexTvServer;
}

/** `GET /api/users`: friends and Home members, never the owner; `Server` = the owner's servers they can use. */
export function usersNode(state: PlexTvState, users: readonly PlexTvUser[]): PlexNode {
  const children = users.map((u): PlexNode => ({
    tag: 'User',
    attrs: {
      id: u.id,
      title: u.title,
      username: u.username,
      email: u.email,
      recommendationsPlaylistId: '',
      thumb: u.thumb,
      protected: u.protected,
      home: u.home,
      allowTuners: false,
      allowSync: u.allowSync,
      allowCameraUpload: false,
      allowChannels: false,
      allowSubtitleAdmin: false,
      ...FILTERS,
      restricted: u.restricted,
    },
    children: u.shares.map((share) => {
      const server = serverOfShare(state, share);
      return {
        tag: 'Server',
        attrs: {
          id: share.id,
          serverId: server.serverId,
          machineIdentifier: server.machineIdentifier,
          name: server.name,
          lastSeenAt: server.lastSeenAt,
          numLibraries: share.sectionKeys.length,
          allLibraries: share.allLibraries,
          owned: true,
          pending: share.pending,
        },
      };
    }),
  }));
  const server = state.servers[0];
  return myPlexContainer(
    { machineIdentifier: server?.machineIdentifier ?? '', totalSize: users.length, size: users.length },
    children,
  );
}

/** `GET /api/servers/{machineIdentifier}/shared_servers`: one `SharedServer` per user sharing it. */
export function sharedServersNode(server: PlexTvServer, users: readonly PlexTvUser[]): PlexNode {
  const children: PlexNode[] = [];
  for (const u of users) {
    const share = u.shares.find((s) => s.machineIdentifier === server.machineIdentifier);
    if (!share) continue;
    children.push({
      tag: 'SharedServer',
      attrs: {
        id: share.id,
        username: u.username,
        email: u.email,
        userID: u.id,
        accessToken: share.accessToken,
        name: server.name,
        acceptedAt: share.acceptedAt ?? '',
        invitedAt: share.invitedAt,
        allowSync: u.allowSync,
        allowCameraUpload: false,
        allowChannels: false,
        allowTuners: false,
        allowSubtitleAdmin: false,
        owned: false,
        allLibraries: share.allLibraries,
        ...FILTERS,
      },
      children: server.sections
        .filter((s) => share.sectionKeys.includes(s.key))
        .map((s) => ({
          tag: 'Section',
          attrs: { id: s.id, key: s.key, title: s.title, type: s.type, shared: true },
        })),
    });
  }
  return myPlexContainer({ machineIdentifier: server.machineIdentifier, size: children.length }, children);
}
