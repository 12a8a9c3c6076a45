import type { PanelConfig } from '../config/config.schema';

export const LINKED_SERVICES = ['plex', 'tautulli', 'utorrent', 'rutorrent', 'seerr'] as const;
export type LinkedService = (typeof LINKED_SERVICES)[number];

/** The images each service is usually run from (repository without registry and tag). */
export const SERVICE_IMAGES: Record<LinkedService, string[]> = {
  plex: ['plexinc/pms-docker', 'linuxserver/plex', 'hotio/plex', 'binhex/arch-plex'],
  tautulli: ['tautulli/tautulli', 'linuxserver/tautulli', 'hotio/tautulli', 'binhex/arch-tautulli'],
  utorrent: ['ekho/utorrent', 'cwt114/utorrent'],
  rutorrent: [
    'crazymax/rtorrent-rutorrent',
    'linuxserver/rutorrent',
    'binhex/arch-rtorrentvpn',
    'kfreitag/rutorrent',
    'diameter/rtorrent-rutorrent',
  ],
  seerr: [
    'seerr-team/seerr',
    'fallenbagel/jellyseerr',
    'sctx/overseerr',
    'linuxserver/overseerr',
    'linuxserver/jellyseerr',
    'hotio/overseerr',
  ],
};

/** `lscr.io/linuxserver/plex:1.41` → `linuxserver/plex`; `docker.io/library/busybox@sha256:…` → `busybox`. */
export function imageRepository(image: string): string {
  let rest = image.trim().toLowerCase().split('@')[0];
  const parts = rest.split('/');
  // A first part with a dot or a port, or "localhost", is a registry.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift();
  rest = parts.join('/').replace(/:[^/]*$/, '');
  return rest.replace(/^library\//, '');
}

/** The container name each service has in config.json, if any. */
export function configuredContainers(config: PanelConfig): Partial<Record<LinkedService, string>> {
  const named: Partial<Record<LinkedService, string>> = {};
  for (const service of LINKED_SERVICES) {
    const name = config[service]?.container?.trim();
    if (name) named[service] = name;
  }
  return named;
}

export interface LinkCandidate {
  name: string;
  image: string;
}

/**
 * Which container runs each service: the one named in config.json; else the only container whose image
 * is one of the service's known images or whose name is the service's key (when several match, the one
 * named like the key, if exactly one is). A container runs at most one service.
 */
export function linkServices(
  configured: Partial<Record<LinkedService, string>>,
  containers: LinkCandidate[],
): Map<string, LinkedService> {
  const links = new Map<string, LinkedService>();
  for (const service of LINKED_SERVICES) {
    const name = configured[service];
    if (name && containers.some((c) => c.name === name) && !links.has(name)) links.set(name, service);
  }
  for (const service of LINKED_SERVICES) {
    if (configured[service]) continue;
    const images = SERVICE_IMAGES[service];
    const free = containers.filter((c) => !links.has(c.name));
    let matches = free.filter((c) => images.includes(imageRepository(c.image)) || c.name === service);
    if (matches.length > 1) matches = matches.filter((c) => c.name === service);
    if (matches.length === 1) links.set(matches[0].name, service);
  }
  return links;
}
