import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ConfigStore } from '../config/config.store';
import { constantTimeEqual, verifyPasswordHash } from '../config/password-hash';
import type { AuthUser } from '../common/auth-user';
import type { LoginDto, LogoutDto, RefreshDto, TokenResponseDto, VerifyResponseDto } from './auth.dto';
import type { AccessTokenPayload } from './auth.guard';
import { JwtSecretService } from './jwt-secret.service';
import { LoginThrottleService } from './login-throttle.service';
import { type RefreshOutcome, RefreshReplay } from './refresh-replay';
import { RefreshTokenStore } from './refresh-token.store';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** A scrypt hash of nothing in particular, checked when the username is wrong so timing does not tell. */
const DECOY_HASH =
  'scrypt$16384$8$1$qsTOYzisby5qmk7i-knZlg$pukqz2V3ttAO01maUZLTOLZ24WOKKbnsWV2q_-8fUgdD1J11B-KGr-N8LKavtKmchUHkddX60thnsgiVrAEblw';

const REFRESH_FAILURES: Record<'unknown' | 'expired' | 'revoked' | 'reused', string> = {
  unknown: 'The refresh token is not valid; sign in again.',
  expired: 'The refresh token has expired; sign in again.',
  revoked: 'This session has been signed out; sign in again.',
  reused: 'The refresh token was already used, so this session has been ended for safety; sign in again.',
};

@Injectable()
export class AuthService {
  constructor(
    private readonly config: ConfigStore,
    private readonly jwt: JwtService,
    private readonly secret: JwtSecretService,
    private readonly tokens: RefreshTokenStore,
    private readonly throttle: LoginThrottleService,
    private readonly replay: RefreshReplay,
  ) {}

  async login(dto: LoginDto, ip: string): Promise<TokenResponseDto> {
    this.throttle.claimAttempt(ip);
    if (!(await this.checkCredentials(dto.username, dto.password))) {
      throw new UnauthorizedException('Wrong username or password.');
    }
    this.throttle.recordSuccess(ip);
    const admin = this.config.get().admin.username;
    const refresh = await this.tokens.issue(admin);
    return this.tokenResponse(admin, refresh.family, refresh.token);
  }

  /** Rotates the refresh token; the same token presented again within the grace period gets the same pair. */
  async refresh(dto: RefreshDto): Promise<TokenResponseDto> {
    const outcome = await this.replay.run(
      dto.refresh_token,
      (session) => this.tokens.isFamilyRevoked(session),
      () => this.rotate(dto.refresh_token),
    );
    return outcome.response;
  }

  /**
   * Ends the caller's session, and the session of the refresh token if one is given and it is another
   * (Seerrsync clients send only the bearer token).
   */
  async logout(dto: LogoutDto, user: AuthUser): Promise<void> {
    await this.tokens.revokeFamily(user.session);
    if (!dto.refresh_token) return;
    const family = await this.tokens.familyOf(dto.refresh_token);
    if (family && family !== user.session) await this.tokens.revokeFamily(family);
  }

  verify(user: AuthUser): VerifyResponseDto {
    return { valid: true, username: user.username, expires_at: user.expiresAt.toISOString() };
  }

  private async rotate(refreshToken: string): Promise<RefreshOutcome> {
    const result = await this.tokens.rotate(refreshToken);
    if (!result.ok) throw new UnauthorizedException(REFRESH_FAILURES[result.reason]);
    if (result.username !== this.config.get().admin.username) {
      await this.tokens.revokeFamily(result.family);
      throw new UnauthorizedException(REFRESH_FAILURES.unknown);
    }
    const response = await this.tokenResponse(result.username, result.family, result.token);
    return { response, session: result.family };
  }

  private async checkCredentials(username: string, password: string): Promise<boolean> {
    const admin = this.config.get().admin;
    const userOk = constantTimeEqual(username, admin.username);
    const passwordOk = admin.password_hash
      ? await verifyPasswordHash(password, userOk ? admin.password_hash : DECOY_HASH)
      : constantTimeEqual(password, admin.password ?? '');
    return userOk && passwordOk;
  }

  private async tokenResponse(
    username: string,
    session: string,
    refreshToken: string,
  ): Promise<TokenResponseDto> {
    const payload: Omit<AccessTokenPayload, 'exp'> = { sub: username, sid: session, typ: 'access' };
    const accessToken = await this.jwt.signAsync(payload, {
      secret: this.secret.secret,
      algorithm: 'HS256',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    });
    return {
      token: accessToken,
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      username,
    };
  }
}
