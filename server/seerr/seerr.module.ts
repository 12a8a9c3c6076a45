import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { SeerrClientModule } from './seerr-client.module';
import { SeerrController } from './seerr.controller';
import { SeerrService } from './seerr.service';

@Module({
  imports: [SeerrClientModule, SyncModule],
  controllers: [SeerrController],
  providers: [SeerrService],
})
export class SeerrModule {}
