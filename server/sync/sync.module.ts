import { Module } from '@nestjs/common';
import { MediaServersModule } from '../media-servers/media-servers.module';
import { SeerrClientModule } from '../seerr/seerr-client.module';
import { SeerrUserCreator } from './seerr-user.creator';
import { SyncController } from './sync.controller';
import { SyncExecutor } from './sync-executor';
import { SyncPlanner } from './sync-planner.service';
import { SyncProgress } from './sync-progress';
import { SyncRunStore } from './sync-run.store';
import { SyncRunsService } from './sync-runs.service';
import { SyncScheduler } from './sync.scheduler';
import { SyncService } from './sync.service';
import { syncTimesProvider } from './sync-times.provider';
import { UserListsCache } from './user-lists.cache';

@Module({
  imports: [SeerrClientModule, MediaServersModule],
  controllers: [SyncController],
  providers: [
    SeerrUserCreator,
    SyncService,
    SyncPlanner,
    SyncExecutor,
    SyncProgress,
    SyncRunStore,
    SyncScheduler,
    SyncRunsService,
    syncTimesProvider,
    UserListsCache,
  ],
  exports: [
    SeerrUserCreator,
    SyncService,
    SyncPlanner,
    SyncRunStore,
    SyncScheduler,
    syncTimesProvider,
    UserListsCache,
  ],
})
export class SyncModule {}
