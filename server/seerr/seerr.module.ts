import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { SeerrClientModule } from './seerr-client.module';
import { SeerrController } from './seerr.controller';
import { SeerrService } from './seerr.service';

/** The Seerr page. `syncTimes` is the module that provides SEERR_SYNC_TIMES (the sync module). */
@Module({})
export class SeerrModule {
  static register(syncTimes: NonNullable<ModuleMetadata['imports']>[number]): DynamicModule {
    return {
      module: SeerrModule,
      imports: [SeerrClientModule, syncTimes],
      controllers: [SeerrController],
      providers: [SeerrService],
    };
  }
}
