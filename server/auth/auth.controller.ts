import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Audited } from '../audit/audited.decorator';
import { clientIp } from '../common/client-ip';
import { ErrorBodyDto } from '../common/error-body';
import { type AuthUser, CurrentUser } from '../common/auth-user';
import { LoginDto, LogoutDto, RefreshDto, TokenResponseDto, VerifyResponseDto } from './auth.dto';
import { AuthService } from './auth.service';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @Audited('auth.login')
  @ApiOperation({ summary: 'Sign in as the admin; returns an access token and a refresh token' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'Wrong username or password' })
  @ApiTooManyRequestsResponse({
    type: ErrorBodyDto,
    description: 'Too many failures from this address; see Retry-After',
  })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenResponseDto> {
    return this.auth.login(dto, clientIp(req));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @Audited('auth.refresh', { failuresOnly: true })
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens; the presented one stops working' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({
    type: ErrorBodyDto,
    description: 'Unknown, expired, revoked or reused refresh token',
  })
  refresh(@Body() dto: RefreshDto): Promise<TokenResponseDto> {
    return this.auth.refresh(dto);
  }

  @Post('logout')
  @HttpCode(204)
  @Audited('auth.logout')
  @ApiOperation({
    summary:
      "End the bearer token's session: its refresh token, access tokens and event streams stop working (the body is optional)",
  })
  @ApiBody({ type: LogoutDto, required: false })
  @ApiNoContentResponse()
  logout(@Body() dto: LogoutDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(dto, user);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Check the access token and tell who it belongs to' })
  @ApiOkResponse({ type: VerifyResponseDto })
  verify(@CurrentUser() user: AuthUser): VerifyResponseDto {
    return this.auth.verify(user);
  }
}
