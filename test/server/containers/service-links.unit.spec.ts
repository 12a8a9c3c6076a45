import { imageRepository, linkServices } from '../../../server/containers/service-links';

describe('imageRepository', () => {
  it.each([
    ['lscr.io/linuxserver/plex:latest', 'linuxserver/plex'],
    ['plexinc/pms-docker', 'plexinc/pms-docker'],
    ['ghcr.io/seerr-team/seerr:v2.7', 'seerr-team/seerr'],
    ['docker.io/library/busybox@sha256:abc', 'busybox'],
    ['localhost:5000/tautulli/tautulli:2', 'tautulli/tautulli'],
    ['FallenBagel/Jellyseerr:Latest', 'fallenbagel/jellyseerr'],
  ])('%s → %s', (image, repository) => {
    expect(imageRepository(image)).toBe(repository);
  });
});

describe('linkServices', () => {
  const c = (name: string, image: string) => ({ name, image });

  it('links by the configured name first, then by known image, then by the service key as name', () => {
    const links = linkServices({ rutorrent: 'torrents' }, [
      c('media', 'plexinc/pms-docker:latest'),
      c('torrents', 'busybox'),
      c('rt', 'crazymax/rtorrent-rutorrent'),
      c('tautulli', 'my/own-build'),
      c('requests', 'sctx/overseerr:1.33'),
    ]);
    expect(Object.fromEntries(links)).toEqual({
      media: 'plex',
      torrents: 'rutorrent',
      tautulli: 'tautulli',
      requests: 'seerr',
    });
  });

  it('links nothing when several containers match, unless exactly one is named like the service', () => {
    expect(linkServices({}, [c('plex-a', 'linuxserver/plex'), c('plex-b', 'plexinc/pms-docker')]).size).toBe(
      0,
    );
    const links = linkServices({}, [c('plex', 'linuxserver/plex'), c('plex-old', 'plexinc/pms-docker')]);
    expect(Object.fromEntries(links)).toEqual({ plex: 'plex' });
  });

  it('does not link a configured name Docker does not have, nor guess for that service', () => {
    const links = linkServices({ plex: 'gone' }, [c('plex', 'linuxserver/plex')]);
    expect(links.size).toBe(0);
  });
});
