import { ApiProperty } from '@nestjs/swagger';
import { StringField } from '../common/validation.decorators';

export class LoginDto {
  @StringField({ maxLength: 100, example: 'admin' }) username!: string;
  @StringField({ maxLength: 1000, format: 'password' }) password!: string;
}

export class RefreshDto {
  @StringField({ maxLength: 200, description: 'The refresh token from login or the previous refresh.' })
  refresh_token!: string;
}

export class LogoutDto {
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 200,
    description:
      "The refresh token of the session, if it is another one than the bearer token's; the bearer token's session ends either way.",
  })
  refresh_token?: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'The access token again, under the name Seerrsync clients read.' })
  token!: string;
  @ApiProperty({ description: 'JWT for the Authorization: Bearer header.' }) access_token!: string;
  @ApiProperty({ description: 'Opaque token for POST /api/auth/refresh; rotated on every use.' })
  refresh_token!: string;
  @ApiProperty({ enum: ['Bearer'], enumName: 'TokenType' }) token_type!: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Seconds until the access token expires.' })
  expires_in!: number;
  @ApiProperty() username!: string;
}

export class VerifyResponseDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty() username!: string;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
}
