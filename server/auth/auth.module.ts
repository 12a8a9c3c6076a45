import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JwtSecretService } from './jwt-secret.service';
import { LoginThrottleService } from './login-throttle.service';
import { RefreshReplay } from './refresh-replay';
import { RefreshTokenStore } from './refresh-token.store';
import { SessionStreamRoutes } from './session-stream-routes';
import { SessionStreamInterceptor } from './session-stream.interceptor';
import { SessionStreams } from './session-streams.service';

@Module({
  // The secret is passed on each sign/verify call, so building the module reads no file.
  imports: [JwtModule.register({}), DiscoveryModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    JwtSecretService,
    LoginThrottleService,
    RefreshReplay,
    RefreshTokenStore,
    SessionStreams,
    { provide: APP_GUARD, useClass: AuthGuard },
    SessionStreamInterceptor,
    SessionStreamRoutes,
  ],
  exports: [RefreshTokenStore],
})
export class AuthModule {}
