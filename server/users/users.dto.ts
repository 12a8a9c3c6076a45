import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { BooleanField, IntField, StringField } from '../common/validation.decorators';
import { SIGN_IN_METHODS, type SignInMethod } from '../sync/sign-in';

/** Seerr refuses a changed password under 8 characters (settings/password). */
const CHANGED_PASSWORD_RULE = {
  message: '$property must be at least 8 characters: Seerr refuses shorter ones when a password is changed',
};
/**
 * Seerr creates a user with a password of any length, but asks for 8 at every later change: the panel
 * holds new passwords to that now, so the person can keep theirs when they change it.
 */
const NEW_PASSWORD_RULE = {
  message:
    '$property must be at least 8 characters: the panel asks for 8, the length Seerr requires whenever it is changed later',
};

export class SeerrUserDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ type: String, nullable: true }) plex_username!: string | null;
  @ApiProperty({ type: String, nullable: true }) jellyfin_username!: string | null;
  @ApiProperty() display_name!: string;
  @ApiProperty({ type: 'integer', description: '1 Plex, 2 local, 3 Jellyfin, 4 Emby' }) user_type!: number;
  @ApiProperty({ type: 'integer' }) permissions!: number;
  @ApiProperty({ type: 'integer', nullable: true }) movie_quota_limit!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) movie_quota_days!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) tv_quota_limit!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) tv_quota_days!: number | null;
  @ApiProperty({ type: 'integer' }) request_count!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class SeerrQuotaDto {
  @ApiProperty({ type: 'integer', nullable: true, description: "Null: Seerr's global default" })
  movie_limit!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) movie_days!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: "Null: Seerr's global default" })
  tv_limit!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) tv_days!: number | null;
}

export class DetailedUserDto {
  @ApiProperty() username!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: [String], description: 'Media servers the person is on, in config order' })
  sources!: string[];
  @ApiProperty({ type: [String] }) types!: string[];
  @ApiProperty({ description: 'Has a Seerr account the sync keeps in line' }) synced!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) seerr_id!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      "Seerr's requestCount: every request of the person, those for blocklisted media too (which Seerr's request list leaves out); null when Seerr could not be read",
  })
  request_count!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'What the person types into Seerr\'s sign-in: for local accounts the "E-mail" field (the e-mail if set, else the user name, lower-cased as Seerr stores it); for Plex/Jellyfin/Emby accounts their name there. Null with no account and none planned',
  })
  sign_in!: string | null;
  @ApiProperty({ enum: SIGN_IN_METHODS, enumName: 'SignInMethod', nullable: true })
  sign_in_method!: SignInMethod | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'How the password is made or where they sign in (the credentials view); never a password',
  })
  password_rule!: string | null;
  @ApiProperty({
    type: SeerrQuotaDto,
    nullable: true,
    description: 'The request limits Seerr has for the account now; null with no account or Seerr unread',
  })
  seerr_quota!: SeerrQuotaDto | null;
  @ApiProperty() blocked!: boolean;
  @ApiProperty() immune!: boolean;
  @ApiProperty({
    description: 'Added with Users → Add user: a sync does not remove it for being on no server',
  })
  added_by_hand!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Of the server whose settings apply' })
  password_suffix!: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'The limit the sync sets (movie and TV, from the server whose settings apply); compare seerr_quota',
  })
  request_limit!: number | null;
  @ApiProperty({
    enum: ['synced', 'create', 'blocked', 'skipped', 'unknown'],
    enumName: 'PersonStatus',
    description: 'unknown: Seerr could not be read and no earlier list of it is known (see seerr_error)',
  })
  status!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the person is not synced, when they are not',
  })
  reason!: string | null;
}

export class StaleServerDto {
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time', description: 'When the list shown for it was read' })
  read_at!: string;
}

export class DetailedUsersDto {
  @ApiProperty({ type: [DetailedUserDto] }) users!: DetailedUserDto[];
  @ApiProperty({ type: [String], description: 'Servers that could not be read, with the reason' })
  server_errors!: string[];
  @ApiProperty({
    type: [StaleServerDto],
    description:
      'Servers of server_errors whose last good list (same entry, read since the panel started) is shown instead',
  })
  stale_servers!: StaleServerDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why Seerr could not be read: its columns (status, Seerr id, requests, sign-in, quota) are from its last good list (seerr_stale) or else unknown',
  })
  seerr_error!: string | null;
  @ApiProperty({
    description:
      'Seerr could not be read, so its columns are from its last good list (same URL and key, read since the panel started) of seerr_read_at',
  })
  seerr_stale!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the Seerr list the columns are from was read; null when they are unknown',
  })
  seerr_read_at!: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'When the oldest of the lists was read (cached until a sync, a config change or a refresh)',
  })
  read_at!: string;
}

export class UsernameParams {
  @StringField({ maxLength: 100, description: 'User name (case-insensitive)' }) username!: string;
}

export class UpdateUserSettingsDto {
  @BooleanField({ optional: true, description: 'Never sync this person' }) blocked?: boolean;
  @BooleanField({ optional: true, description: 'Never delete this person from Seerr' }) immune?: boolean;
  @BooleanField({
    optional: true,
    description: 'false: a user added by hand may be removed by a sync like anyone on no media server',
  })
  added_by_hand?: boolean;
  @ApiPropertyOptional({ format: 'password', minLength: 8, description: 'New Seerr password (write-only)' })
  // Stacked decorators run bottom-up: the type is checked first, so a number is not called too long.
  @MaxLength(200)
  @MinLength(8, CHANGED_PASSWORD_RULE)
  @IsString()
  @IsOptional()
  password?: string;
}

export class UserSettingsResultDto {
  @ApiProperty() username!: string;
  @ApiProperty() blocked!: boolean;
  @ApiProperty() immune!: boolean;
  @ApiProperty() added_by_hand!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) seerr_id!: number | null;
  @ApiProperty() password_changed!: boolean;
  @ApiPropertyOptional({
    type: DetailedUserDto,
    nullable: true,
    description: 'The person’s Users-page row after the change (from the cached lists); null when not listed',
  })
  user?: DetailedUserDto | null;
}

export class CreateUserDto {
  @StringField({ maxLength: 100, example: 'jdoe' }) username!: string;
  @ApiProperty({ format: 'password', minLength: 8, description: 'Seerr password (write-only)' })
  @MaxLength(200)
  @MinLength(8, NEW_PASSWORD_RULE)
  @IsString()
  password!: string;
  @StringField({
    optional: true,
    maxLength: 200,
    description: 'E-mail; Seerr uses the user name when absent',
  })
  email?: string;
  @IntField({
    optional: true,
    min: 0,
    max: 2147483647,
    description: 'Seerr permission bits (default: the setting)',
  })
  permissions?: number;
  @IntField({ optional: true, min: 0, max: 10000, description: 'Movie and TV request limit' })
  request_limit?: number;
  @BooleanField({ optional: true }) blocked?: boolean;
  @BooleanField({ optional: true }) immune?: boolean;
}

export class CreatedUserDto {
  @ApiProperty() username!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Null when the user was only recorded as blocked',
  })
  seerr_id!: number | null;
  @ApiProperty() message!: string;
}
