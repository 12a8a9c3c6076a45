import { Validators } from '@angular/forms';

import { type MediaServerType, type PlexConnectionDto, type PlexServerDto } from '../../api';
import { integerValidator } from '../../common/validators';

/** The server's own rules (server/media-servers/media-servers.dto.ts), checked before sending. */
export const NAME_PATTERN = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._'()+-]*[\p{L}\p{N}._'()+-])?$/u;
export const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
export const MACHINE_ID_PATTERN = /^[A-Za-z0-9-]+$/;

export const TYPE_LABELS: Readonly<Record<MediaServerType, string>> = {
  plex: 'Plex',
  jellyfin: 'Jellyfin',
  emby: 'Emby',
};

export const TYPE_ICONS: Readonly<Record<MediaServerType, string>> = {
  plex: 'play_circle',
  jellyfin: 'water_drop',
  emby: 'live_tv',
};

export const CHECK_LABELS: Readonly<Record<string, string>> = {
  reachable: 'Reachable',
  credentials: 'Credentials accepted',
  users: 'Users readable',
};

export const requestLimitValidators = [Validators.min(0), Validators.max(10000), integerValidator];

/**
 * The address the panel should use for a discovered Plex server: a direct local one first, then any direct
 * one; a relay (bandwidth-limited, through plex.tv) only as the last resort.
 */
export function bestConnection(server: PlexServerDto): PlexConnectionDto | null {
  const rank = (c: PlexConnectionDto): number => (c.relay ? 2 : c.local ? 0 : 1);
  return [...server.connections].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}
