import { Module } from '@nestjs/common';
import { SeerrClientModule } from '../seerr/seerr-client.module';
import { SyncModule } from '../sync/sync.module';
import { UsersController } from './users.controller';
import { UserRequestsService } from './user-requests.service';
import { UsersService } from './users.service';

@Module({
  imports: [SeerrClientModule, SyncModule],
  controllers: [UsersController],
  providers: [UsersService, UserRequestsService],
  exports: [UsersService],
})
export class UsersModule {}
