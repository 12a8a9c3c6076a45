import { ApiProperty } from '@nestjs/swagger';
import { IntField, StringField } from '../common/validation.decorators';

const URL_OR_EMPTY = {
  regex: /^$|^https?:\/\/[^\s/?#]+[^\s]*$/i,
  message: 'must be an http:// or https:// URL, or empty',
};

/** The settings of a torrent client as the API shows them: the password only as `password_set`. */
export class TorrentClientSettingsDto {
  @ApiProperty({ example: 'http://127.0.0.1:8080' }) url!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: 'Whether a password is stored (it is never returned)' }) password_set!: boolean;
  @ApiProperty({
    type: 'integer',
    description: 'Seconds between polls while nobody watches (2 s while watched)',
  })
  poll_seconds!: number;
  @ApiProperty({
    type: [String],
    description: 'Environment variables overriding these settings',
    example: [],
  })
  overridden_by_env!: string[];
}

/** Omitted fields stay as they are; the password is write-only. */
export class UpdateTorrentClientSettingsDto {
  @StringField({ optional: true, nullable: false, maxLength: 2000, pattern: URL_OR_EMPTY }) url?: string;
  @StringField({ optional: true, nullable: false, maxLength: 200 }) username?: string;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 1000,
    format: 'password',
    description: 'Write-only: empty or absent keeps the saved password, null removes it',
  })
  password?: string | null;
  @IntField({ optional: true, nullable: false, min: 1, max: 3600 }) poll_seconds?: number;
}
