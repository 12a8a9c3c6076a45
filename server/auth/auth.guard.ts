import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ConfigStore } from '../config/config.store';
import type { AuthenticatedRequest } from '../common/auth-user';
import { JwtSecretService } from './jwt-secret.service';
import { IS_PUBLIC } from './public.decorator';
import { RefreshTokenStore } from './refresh-token.store';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
  typ: 'access';
  exp: number;
}

const VERIFIED_TOKENS_MAX = 1000;

/** Global guard: every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifiedTokens = new Map<string, AccessTokenPayload>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly secret: JwtSecretService,
    private readonly tokens: RefreshTokenStore,
    private readonly config: ConfigStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException(
        'Sign in first: this route needs an access token in the Authorization header.',
      );
    }
    const payload = await this.verified(token);
    if (payload.typ !== 'access' || payload.sub !== this.config.get().admin.username || !payload.sid) {
      throw new UnauthorizedException('The access token is not valid; sign in again.');
    }
    if (this.tokens.isFamilyRevoked(payload.sid)) {
      throw new UnauthorizedException('This session has been signed out; sign in again.');
    }
    req.user = { username: payload.sub, session: payload.sid, expiresAt: new Date(payload.exp * 1000) };
    return true;
  }

  /**
   * The token's payload once its signature and expiry check out. A browser sends the same token with
   * every request for 15 minutes, so a verified token is remembered until it expires (bounded); the
   * revocation and user checks above still run on every request.
   */
  private async verified(token: string): Promise<AccessTokenPayload> {
    const known = this.verifiedTokens.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
    let payload: AccessTokenPayload;
    try {
      // @nestjs/jwt types the secret as string | Buffer; jsonwebtoken itself takes the prepared KeyObject.
      const secret = this.secret.key as unknown as Buffer;
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token, { secret, algorithms: ['HS256'] });
    } catch (err) {
      throw new UnauthorizedException(
        err instanceof TokenExpiredError
          ? 'The access token has expired; refresh it or sign in again.'
          : 'The access token is not valid; sign in again.',
      );
    }
    if (this.verifiedTokens.size >= VERIFIED_TOKENS_MAX) this.verifiedTokens.clear();
    this.verifiedTokens.set(token, payload);
    return payload;
  }
}
