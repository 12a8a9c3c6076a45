import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JwtSecretService } from './jwt-secret.service';
import { LoginThrottleService } from './login-throttle.service';
import { RefreshTokenStore } from './refresh-token.store';

@Module({
  // The secret is passed on each sign/verify call, so building the module reads no file.
  imports: [JwtModule.register({})],
  controllers: [AuthController],
  providers: [
    AuthService,
    JwtSecretService,
    LoginThrottleService,
    RefreshTokenStore,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [RefreshTokenStore],
})
export class AuthModule {}
