/** Seerr's enumerations (server/lib/permissions.ts, server/constants/*.ts) and the simulator's defaults. */

export const SEERR_API_KEY = 'c2ltLXNlZXJyLWFwaS1rZXktMDAwMDAwMDAwMDAwMDAwMA==';
export const SEERR_VERSION = '3.1.0';
export const SEERR_COMMIT_TAG = 'f74306e';
export const SEERR_BASE = '/api/v1';

export const Permission = {
  NONE: 0,
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

export const UserType = { PLEX: 1, LOCAL: 2, JELLYFIN: 3, EMBY: 4 } as const;
export type UserTypeValue = (typeof UserType)[keyof typeof UserType];

export const MediaRequestStatus = { PENDING: 1, APPROVED: 2, DECLINED: 3, FAILED: 4, COMPLETED: 5 } as const;

export const MediaStatus = {
  UNKNOWN: 1,
  PENDING: 2,
  PROCESSING: 3,
  PARTIALLY_AVAILABLE: 4,
  AVAILABLE: 5,
  BLOCKLISTED: 6,
  DELETED: 7,
} as const;

export const MediaServerType = { PLEX: 1, JELLYFIN: 2, EMBY: 3, NOT_CONFIGURED: 4 } as const;

/**
 * Seerr's hasPermission: ADMIN implies every permission; an array is checked with "and" (default) or
 * "or"; checking NONE always passes.
 */
export function hasPermission(
  required: number | number[],
  value: number,
  type: 'and' | 'or' = 'and',
): boolean {
  if (required === 0) return true;
  if (value & Permission.ADMIN) return true;
  if (!Array.isArray(required)) return !!(value & required);
  return type === 'and' ? required.every((p) => !!(value & p)) : required.some((p) => !!(value & p));
}
