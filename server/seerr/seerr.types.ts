/** Seerr's wire shapes and enumerations (Seerr 3 / Jellyseerr 2, `server/constants` and `server/entity`). */

/** Permission bits (`permissions` is their OR); ADMIN implies every other permission. */
export const SEERR_PERMISSIONS = {
  ADMIN: 2,
  MANAGE_SETTINGS: 4,
  MANAGE_USERS: 8,
  MANAGE_REQUESTS: 16,
  REQUEST: 32,
  VOTE: 64,
  AUTO_APPROVE: 128,
  AUTO_APPROVE_MOVIE: 256,
  AUTO_APPROVE_TV: 512,
  REQUEST_4K: 1024,
  REQUEST_4K_MOVIE: 2048,
  REQUEST_4K_TV: 4096,
  REQUEST_ADVANCED: 8192,
  REQUEST_VIEW: 16384,
  AUTO_APPROVE_4K: 32768,
  AUTO_APPROVE_4K_MOVIE: 65536,
  AUTO_APPROVE_4K_TV: 131072,
  REQUEST_MOVIE: 262144,
  REQUEST_TV: 524288,
  MANAGE_ISSUES: 1048576,
  VIEW_ISSUES: 2097152,
  CREATE_ISSUES: 4194304,
  AUTO_REQUEST: 8388608,
  AUTO_REQUEST_MOVIE: 16777216,
  AUTO_REQUEST_TV: 33554432,
  RECENT_VIEW: 67108864,
  WATCHLIST_VIEW: 134217728,
  MANAGE_BLOCKLIST: 268435456,
  VIEW_BLOCKLIST: 1073741824,
} as const;

export type SeerrPermissionName = keyof typeof SEERR_PERMISSIONS;

/** Seerr's fresh-install default for new users. */
export const SEERR_DEFAULT_PERMISSIONS = SEERR_PERMISSIONS.REQUEST;

export const SEERR_USER_TYPES = { PLEX: 1, LOCAL: 2, JELLYFIN: 3, EMBY: 4 } as const;

/** `request.status` */
export const SEERR_REQUEST_STATUS = {
  PENDING: 1,
  APPROVED: 2,
  DECLINED: 3,
  FAILED: 4,
  COMPLETED: 5,
} as const;

/** `media.status`; 7 means the media was removed from the library after being available. */
export const SEERR_MEDIA_STATUS = {
  UNKNOWN: 1,
  PENDING: 2,
  PROCESSING: 3,
  PARTIALLY_AVAILABLE: 4,
  AVAILABLE: 5,
  BLOCKLISTED: 6,
  DELETED: 7,
} as const;

export function isManager(permissions: number): boolean {
  return (permissions & (SEERR_PERMISSIONS.ADMIN | SEERR_PERMISSIONS.MANAGE_USERS)) !== 0;
}

/** A Seerr user as the panel uses it (read with the API key, so `email` is present). */
export interface SeerrUser {
  id: number;
  email: string;
  /** Null for users imported from Plex or Jellyfin/Emby. */
  username: string | null;
  plexUsername: string | null;
  jellyfinUsername: string | null;
  displayName: string;
  userType: number;
  permissions: number;
  movieQuotaLimit: number | null;
  movieQuotaDays: number | null;
  tvQuotaLimit: number | null;
  tvQuotaDays: number | null;
  requestCount: number;
  createdAt: string;
}

export interface SeerrRequest {
  id: number;
  status: number;
  type: 'movie' | 'tv';
  createdAt: string;
  media: { id: number; tmdbId: number; status: number; status4k: number };
  requestedBy: { id: number; displayName: string };
  is4k: boolean;
}

/** What a request row shows of `GET /movie/{tmdbId}` or `/tv/{tmdbId}` (Seerr's TMDB proxy). */
export interface SeerrMediaDetails {
  title: string | null;
  /** TMDB's poster path, e.g. `/abc.jpg` (under https://image.tmdb.org/t/p/<size>); null when it has none. */
  posterPath: string | null;
}

export interface SeerrMainSettings {
  localLogin: boolean;
  defaultPermissions: number;
  applicationTitle?: string;
  mediaServerType?: number;
}

export interface SeerrAbout {
  version: string;
  totalMediaItems: number;
  totalRequests: number;
}

export interface SeerrQuotas {
  movieQuotaLimit: number;
  movieQuotaDays: number;
  tvQuotaLimit: number;
  tvQuotaDays: number;
}

/** Where Seerr is and the key to use; the saved `seerr` section, or unsaved values being tested. */
export interface SeerrConnection {
  url: string;
  api_key: string;
}

/** `GET /status` (public). */
export interface SeerrStatus {
  version: string;
  commitTag?: string;
}

/** `GET /request?filter=` values Seerr accepts; `deleted` = completed requests whose media was removed. */
export const SEERR_REQUEST_FILTERS = [
  'all',
  'approved',
  'available',
  'pending',
  'processing',
  'unavailable',
  'failed',
  'deleted',
  'completed',
] as const;
export type SeerrRequestFilter = (typeof SEERR_REQUEST_FILTERS)[number];

/** `GET /request/count`. */
export interface SeerrRequestCounts {
  total: number;
  movie: number;
  tv: number;
  pending: number;
  approved: number;
  declined: number;
  processing: number;
  available: number;
  completed: number;
}

/** A local user to create; Seerr uses the username as e-mail when none is given. */
export interface NewSeerrUser {
  username: string;
  email?: string | null;
  password: string;
}
