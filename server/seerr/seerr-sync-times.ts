import type { SeerrSyncTimesDto } from './seerr.dto';

/**
 * The last and next sync run for the Seerr page. The sync module provides it (it imports the Seerr
 * client), so the Seerr page reads it through this token instead of importing the sync module back.
 */
export interface SeerrSyncTimesSource {
  syncTimes(): Promise<SeerrSyncTimesDto>;
}

export const SEERR_SYNC_TIMES = Symbol('SeerrSyncTimesSource');
