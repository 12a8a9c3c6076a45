import { Module } from '@nestjs/common';
import { TautulliClient } from './tautulli.client';
import { TautulliController } from './tautulli.controller';
import { TautulliRestartWatcher } from './tautulli-restart.watcher';
import { TautulliSettingsService } from './tautulli-settings.service';
import { TautulliService } from './tautulli.service';

/** Tautulli: activity, statistics, users, libraries, history, plays per day, restart and its settings. */
@Module({
  controllers: [TautulliController],
  providers: [TautulliClient, TautulliService, TautulliSettingsService, TautulliRestartWatcher],
  exports: [TautulliClient],
})
export class TautulliModule {}
