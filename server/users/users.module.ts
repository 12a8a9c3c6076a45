import { Module } from '@nestjs/common';
import { SeerrModule } from '../seerr/seerr.module';
import { SyncModule } from '../sync/sync.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [SeerrModule, SyncModule],
  controllers: [UsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
