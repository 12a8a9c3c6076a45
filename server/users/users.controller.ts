import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
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
  UserSettingsResultDto,
} from './users.dto';
import { RequestActionResultDto, RequestIdParams, UserRequestsDto } from './user-requests.dto';
import { UserRequestsService } from './user-requests.service';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@UpstreamFailures('Seerr')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly userRequests: UserRequestsService,
  ) {}

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
  @ApiOperation({
    summary: "Seerr requests grouped by user, with titles, posters and links, and Seerr's counts by status",
  })
  @ApiOkResponse({ type: UserRequestsDto })
  listUserRequests(): Promise<UserRequestsDto> {
    return this.userRequests.requests();
  }

  @Post('requests/:id/approve')
  @HttpCode(200)
  @Audited('requests.approve', { target: (ctx) => `request ${ctx.params.id}` })
  @ApiOperation({ summary: 'Approve a pending Seerr request' })
  @ApiOkResponse({ type: RequestActionResultDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Seerr has no request with this id' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Seerr refused: the request is not pending' })
  approveUserRequest(@Param() params: RequestIdParams): Promise<RequestActionResultDto> {
    return this.userRequests.setStatus(params.id, 'approve');
  }

  @Post('requests/:id/decline')
  @HttpCode(200)
  @Audited('requests.decline', { target: (ctx) => `request ${ctx.params.id}` })
  @ApiOperation({ summary: 'Decline a pending Seerr request' })
  @ApiOkResponse({ type: RequestActionResultDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Seerr has no request with this id' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Seerr refused: the request is not pending' })
  declineUserRequest(@Param() params: RequestIdParams): Promise<RequestActionResultDto> {
    return this.userRequests.setStatus(params.id, 'decline');
  }

  @Delete('requests/:id')
  @Audited('requests.delete', { target: (ctx) => `request ${ctx.params.id}` })
  @ApiOperation({ summary: 'Delete a Seerr request, whatever its status' })
  @ApiOkResponse({ type: RequestActionResultDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'Seerr has no request with this id' })
  deleteUserRequest(@Param() params: RequestIdParams): Promise<RequestActionResultDto> {
    return this.userRequests.remove(params.id);
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
