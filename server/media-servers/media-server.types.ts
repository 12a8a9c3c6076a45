import type { MediaServerSection, MediaServerType } from '../config/config.schema';

/** A user account on a Plex, Jellyfin or Emby server, in the one shape the sync works with. */
export interface MediaUser {
  /** The server's own id for the account (plex.tv account id, Jellyfin/Emby GUID). */
  id: string;
  /** Empty for Plex managed (Home) users, who have no plex.tv account. */
  username: string;
  /** Null where the server has no e-mail (Jellyfin and Emby never do). */
  email: string | null;
  disabled: boolean;
  /** Plex Home managed user (no username, cannot sign in anywhere else). */
  managed: boolean;
  admin: boolean;
  /** The Plex account that owns the server (listed unless `include_owner` is false). */
  owner: boolean;
}

/**
 * A Plex server's users include its owner unless the file says `"include_owner": false` (Seerrsync files
 * may omit the key, and Seerrsync lists the owner then). Jellyfin and Emby list every account anyway.
 */
export function includesOwner(server: MediaServerSection): boolean {
  return server.type === 'plex' && server.include_owner !== false;
}

export interface MediaServerInfo {
  name: string;
  version: string;
}

/**
 * One client per media-server type, all answering in the same shapes. Failures are UpstreamErrors
 * (502/504 with a sentence naming the server); an empty array always means "no users", never "down".
 */
export interface MediaServerClient {
  readonly type: MediaServerType;
  listUsers(): Promise<MediaUser[]>;
  info(): Promise<MediaServerInfo>;
}

/** The outcome of reading one configured server: its users, or the reason it could not be read. */
export type MediaServerRead =
  | { server: MediaServerSection; ok: true; users: MediaUser[] }
  | { server: MediaServerSection; ok: false; error: string };
