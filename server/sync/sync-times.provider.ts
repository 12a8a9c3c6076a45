import type { Provider } from '@nestjs/common';
import { SEERR_SYNC_TIMES, type SeerrSyncTimesSource } from '../seerr/seerr-sync-times';
import { SyncRunStore } from './sync-run.store';
import { SyncScheduler } from './sync.scheduler';

export const syncTimesProvider: Provider = {
  provide: SEERR_SYNC_TIMES,
  inject: [SyncRunStore, SyncScheduler],
  useFactory: (runs: SyncRunStore, scheduler: SyncScheduler): SeerrSyncTimesSource => ({
    async syncTimes() {
      const last = await runs.latest();
      return {
        last_sync_at: last?.started_at ?? null,
        last_sync_status: last?.status ?? null,
        last_sync_run_id: last?.id ?? null,
        next_sync_at: scheduler.nextRunAt?.toISOString() ?? null,
      };
    },
  }),
};
