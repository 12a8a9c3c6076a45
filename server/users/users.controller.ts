import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audited.decorator';
import { ErrorBodyDto } from '../common/error-body';
import { RefreshQueryDto } from '../common/refresh-query.dto';
import { UpstreamFailures } from '../upstream/upstream-failures.decorator';
import {
  CreatedUserDto,
  CreateUserDto,
  DetailedUsersDto,
  SeerrUserDto,
  UpdateUserSettingsDto,
  UsernameParams,
  UserRequestsDto,
  UserSettingsResultDto,
} from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@UpstreamFailures('Seerr')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'The users of Seerr' })
  @ApiOkResponse({ type: [SeerrUserDto] })
  listSeerrUsers(): Promise<SeerrUserDto[]> {
    return this.users.seerrUsers();
  }

  @Get('detailed')
  @ApiOperation({
    summary: 'One row per person across media servers and Seerr, with why each is or is not synced',
  })
  @ApiOkResponse({ type: DetailedUsersDto })
  listDetailedUsers(@Query() query: RefreshQueryDto): Promise<DetailedUsersDto> {
    return this.users.detailed(query.refresh === true);
  }

  @Get('requests')
  @ApiOperation({ summary: 'Seerr requests grouped by user, with titles' })
  @ApiOkResponse({ type: UserRequestsDto })
  listUserRequests(): Promise<UserRequestsDto> {
    return this.users.requests();
  }

  @Put(':username/settings')
  @Audited('users.settings', { target: (ctx) => ctx.params.username })
  @ApiOperation({ summary: 'Block or unblock, make immune or not, or set the Seerr password of a person' })
  @ApiOkResponse({ type: UserSettingsResultDto })
  updateUserSettings(
    @Param() params: UsernameParams,
    @Body() dto: UpdateUserSettingsDto,
  ): Promise<UserSettingsResultDto> {
    return this.users.updateSettings(params.username, dto);
  }

  @Post()
  @Audited('users.create', { target: (ctx) => String(ctx.body.username) })
  @ApiOperation({ summary: 'Add a user to Seerr by hand, with password, permissions and request limit' })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Seerr already has this person' })
  createUser(@Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.addUser(dto);
  }
}
