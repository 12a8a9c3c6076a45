import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { BooleanField, IntField, StringField } from '../common/validation.decorators';

const PASSWORD_RULE = { message: '$property must be at least 8 characters: Seerr refuses shorter ones' };

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

export class DetailedUserDto {
  @ApiProperty() username!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: [String], description: 'Media servers the person is on, in config order' })
  sources!: string[];
  @ApiProperty({ type: [String] }) types!: string[];
  @ApiProperty({ description: 'Has a Seerr account the sync keeps in line' }) synced!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) seerr_id!: number | null;
  @ApiProperty({ type: 'integer' }) request_count!: number;
  @ApiProperty() blocked!: boolean;
  @ApiProperty() immune!: boolean;
  @ApiProperty({
    description: 'Added with Users → Add user: a sync does not remove it for being on no server',
  })
  added_by_hand!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Of the server whose settings apply' })
  password_suffix!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) request_limit!: number | null;
  @ApiProperty({ enum: ['synced', 'create', 'blocked', 'skipped'], enumName: 'PersonStatus' })
  status!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the person is not synced, when they are not',
  })
  reason!: string | null;
}

export class DetailedUsersDto {
  @ApiProperty({ type: [DetailedUserDto] }) users!: DetailedUserDto[];
  @ApiProperty({ type: [String], description: 'Servers that could not be read, with the reason' })
  server_errors!: string[];
}

export class UserRequestDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ enum: ['movie', 'tv'], enumName: 'MediaType' }) type!: 'movie' | 'tv';
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: 'integer' }) tmdb_id!: number;
  @ApiProperty({
    enum: ['pending', 'approved', 'declined', 'failed', 'completed'],
    enumName: 'RequestStatus',
  })
  status!: string;
  @ApiProperty({
    description: 'The media was removed from the library after it was available (media status 7)',
  })
  media_deleted!: boolean;
  @ApiProperty() is4k!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class UserRequestsGroupDto {
  @ApiProperty({ type: 'integer' }) user_id!: number;
  @ApiProperty() display_name!: string;
  @ApiProperty({ type: [UserRequestDto] }) requests!: UserRequestDto[];
}

export class UserRequestsDto {
  @ApiProperty({ type: [UserRequestsGroupDto] }) users!: UserRequestsGroupDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
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
  @MinLength(8, PASSWORD_RULE)
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
}

export class CreateUserDto {
  @StringField({ maxLength: 100, example: 'jdoe' }) username!: string;
  @ApiProperty({ format: 'password', minLength: 8, description: 'Seerr password (write-only)' })
  @MaxLength(200)
  @MinLength(8, PASSWORD_RULE)
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
