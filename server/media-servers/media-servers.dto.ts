import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { MEDIA_SERVER_TYPES, type MediaServerType } from '../config/config.schema';
import { HTTP_URL } from '../common/http-url.pattern';
import { BooleanField, EnumField, IntField, StringField } from '../common/validation.decorators';

/**
 * Server names appear in paths (/api/mediaservers/{name}) and in user_settings.source_servers: letters,
 * digits, spaces and a little punctuation; no slash, `?`, `#` or `%`, no space at either end.
 */
export const MEDIA_SERVER_NAME = {
  regex: /^[\p{L}\p{N}](?:[\p{L}\p{N} ._'()+-]*[\p{L}\p{N}._'()+-])?$/u,
  message: "must start with a letter or digit and hold only letters, digits, spaces and . _ - ( ) + '",
};
const MACHINE_IDENTIFIER = { regex: /^[A-Za-z0-9-]+$/, message: 'must hold only letters, digits and -' };

const TOKEN_HELP =
  "Plex: the owner's plex.tv token; Jellyfin and Emby: an API key. Write-only: never returned.";

export class CreateMediaServerDto {
  @StringField({ maxLength: 100, pattern: MEDIA_SERVER_NAME, example: 'Main Plex' }) name!: string;
  @EnumField(MEDIA_SERVER_TYPES, { enumName: 'MediaServerType' }) type!: MediaServerType;
  @StringField({ maxLength: 2000, pattern: HTTP_URL, example: 'http://plex:32400' }) url!: string;
  @StringField({ maxLength: 1000, format: 'password', description: TOKEN_HELP }) token!: string;
  @BooleanField({ optional: true, nullable: false, default: true }) enabled?: boolean;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 100,
    description: 'Appended to the user name to make the first Seerr password of users from this server',
  })
  password_suffix?: string | null;
  @IntField({ optional: true, nullable: true, min: 0, max: 10000, description: 'Seerr request limit' })
  request_limit?: number | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 100,
    pattern: MACHINE_IDENTIFIER,
    description: 'Plex only: list just the users this server is shared with',
  })
  machine_identifier?: string | null;
  @BooleanField({
    optional: true,
    nullable: false,
    default: true,
    description: 'Plex only: list the owner too (absent means true, as in Seerrsync)',
  })
  include_owner?: boolean;
}

/** Every field optional; an omitted token keeps the old one, null clears the optional settings. */
export class UpdateMediaServerDto {
  @StringField({ optional: true, nullable: false, maxLength: 100, pattern: MEDIA_SERVER_NAME })
  name?: string;
  @EnumField(MEDIA_SERVER_TYPES, { optional: true, enumName: 'MediaServerType' }) type?: MediaServerType;
  @StringField({ optional: true, nullable: false, maxLength: 2000, pattern: HTTP_URL }) url?: string;
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 1000,
    format: 'password',
    description: `${TOKEN_HELP} Omit it or send it empty to keep the current one (a form that never shows it sends it back empty).`,
  })
  token?: string;
  @BooleanField({ optional: true, nullable: false }) enabled?: boolean;
  @StringField({ optional: true, nullable: true, maxLength: 100 }) password_suffix?: string | null;
  @IntField({ optional: true, nullable: true, min: 0, max: 10000 }) request_limit?: number | null;
  @StringField({ optional: true, nullable: true, maxLength: 100, pattern: MACHINE_IDENTIFIER })
  machine_identifier?: string | null;
  @BooleanField({ optional: true, nullable: false }) include_owner?: boolean;
}

/** The form's values, tried before anything is saved. */
export class TestMediaServerDto extends OmitType(CreateMediaServerDto, ['token'] as const) {
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 1000,
    format: 'password',
    description: `${TOKEN_HELP} May be empty with saved_name: the stored one is tried.`,
  })
  token?: string;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 100,
    description:
      'A configured server being edited: an empty token means its stored one, and a URL sent back without its user:pass@ keeps the stored credentials',
  })
  saved_name?: string | null;
}

/** A configured server as the API shows it: the token only as `token_set`. */
export class MediaServerDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MEDIA_SERVER_TYPES, enumName: 'MediaServerType' }) type!: MediaServerType;
  @ApiProperty() url!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'Whether a token or API key is stored' }) token_set!: boolean;
  @ApiProperty({ type: String, nullable: true }) password_suffix!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) request_limit!: number | null;
  @ApiProperty({ type: String, nullable: true }) machine_identifier!: string | null;
  @ApiProperty() include_owner!: boolean;
}

export class MediaServerStatusDto extends MediaServerDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Users on the server now; null when disabled or unreadable',
  })
  users!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The same as `users`, under the name Seerrsync clients read',
  })
  user_count!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the users could not be read' })
  error!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the users were read (lists are cached until a sync, a config change or a refresh)',
  })
  read_at?: string | null;
}

export const MEDIA_SERVER_CHECKS = ['reachable', 'credentials', 'users'] as const;
export type MediaServerCheckName = (typeof MEDIA_SERVER_CHECKS)[number];

export class MediaServerCheckDto {
  @ApiProperty({ enum: MEDIA_SERVER_CHECKS, enumName: 'MediaServerCheckName' }) name!: MediaServerCheckName;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ example: 'Jellyfin (Jelly) answered: jf-home, version 10.11.5.' }) detail!: string;
}

export class MediaServerTestDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: [MediaServerCheckDto] }) checks!: MediaServerCheckDto[];
  @ApiPropertyOptional({ type: 'integer' }) users?: number;
  @ApiPropertyOptional() version?: string;
}

export class PlexServersQueryDto {
  @StringField({ maxLength: 1000, format: 'password', description: 'A plex.tv account token; never stored' })
  token!: string;
}

export class PlexConnectionDto {
  @ApiProperty({ example: 'https://192-168-1-20.7b1fd0c4e5a69283.plex.direct:32400' }) uri!: string;
  @ApiProperty() local!: boolean;
  @ApiProperty() relay!: boolean;
}

export class PlexServerDto {
  @ApiProperty() name!: string;
  @ApiProperty() machine_identifier!: string;
  @ApiProperty({ description: 'Whether the account owns the server (else it is shared with it)' })
  owned!: boolean;
  @ApiProperty({ type: [PlexConnectionDto] }) connections!: PlexConnectionDto[];
}
