import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HTTP_URL } from '../common/http-url.pattern';
import { BooleanField, IntField, StringField } from '../common/validation.decorators';

const URL_PATTERN = { regex: /^$|^https?:\/\/[^\s]+$/i, message: 'must be an http:// or https:// URL' };

/** The Seerr connection and the sync settings, as the Seerr page edits them. The key is never shown. */
export class SeerrConfigDto {
  @ApiProperty({ example: 'http://seerr:5055', description: 'Empty when Seerr is not set up' }) url!: string;
  @ApiProperty({ description: 'Whether an API key is saved (the key itself is never returned)' })
  api_key_set!: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Minutes between automatic syncs; 0 or null: off',
  })
  sync_interval_minutes!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "Permission bits for users the sync creates; null: Seerr's own default",
  })
  default_permissions!: number | null;
  @ApiProperty({ description: 'Delete Seerr users who are on no media server' }) remove_missing!: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Most deletions per run before approval is needed; null: max(5, 10 % of Seerr users)',
  })
  deletion_cap!: number | null;
  @ApiProperty({
    type: 'integer',
    description:
      'Most Seerr writes in flight at once; a sync finds how many Seerr answers promptly, up to this',
  })
  concurrency!: number;
  @ApiProperty({ type: 'integer', description: "Days a request limit counts (Seerr's quota window)" })
  quota_days!: number;
}

/** What the panel could read from Seerr just now; `reachable: false` comes with the reason. */
export class SeerrLiveDto {
  @ApiProperty({ description: 'Seerr answered every read below' }) reachable!: boolean;
  @ApiPropertyOptional({ description: 'Why Seerr could not be read, as a sentence' }) error?: string;
  @ApiPropertyOptional({ example: '3.1.0' }) version?: string;
  @ApiPropertyOptional({ type: 'integer' }) users?: number;
  @ApiPropertyOptional({ type: 'integer' }) total_requests?: number;
  @ApiPropertyOptional({ type: 'integer' }) media_items?: number;
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Completed requests whose media has since been removed from the library',
  })
  deleted_media_requests?: number;
  @ApiPropertyOptional({
    type: 'integer',
    description: "Requests waiting for approval (Seerr's GET /request/count, as on the Requests page)",
  })
  pending_requests?: number;
}

export class SeerrSyncTimesDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the last sync run started',
  })
  last_sync_at!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Status of the last sync run' })
  last_sync_status!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) last_sync_run_id!: number | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Next scheduled run; null when off',
  })
  next_sync_at!: string | null;
}

export class SeerrOverviewDto {
  @ApiProperty({ type: SeerrConfigDto }) config!: SeerrConfigDto;
  @ApiProperty({ type: SeerrLiveDto }) live!: SeerrLiveDto;
  @ApiProperty({ type: SeerrSyncTimesDto }) sync!: SeerrSyncTimesDto;
}

/** A partial update: absent fields stay; null resets the nullable ones to their default. */
export class UpdateSeerrDto {
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 2000,
    pattern: HTTP_URL,
    example: 'http://seerr:5055',
    description: 'Null disconnects Seerr; an empty string is refused (it is what a form sends by mistake)',
  })
  url?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 500,
    format: 'password',
    description:
      "Seerr's API key (Settings → General); write-only: empty or absent keeps the saved key, null removes it",
  })
  api_key?: string | null;
  @IntField({
    optional: true,
    nullable: true,
    min: 0,
    max: 525600,
    description: '0 or null: no automatic sync',
  })
  sync_interval_minutes?: number | null;
  @IntField({ optional: true, nullable: true, min: 0, max: 2147483647 })
  default_permissions?: number | null;
  @BooleanField({ optional: true, nullable: false }) remove_missing?: boolean;
  @IntField({ optional: true, nullable: true, min: 0, max: 100000 }) deletion_cap?: number | null;
  @IntField({ optional: true, nullable: false, min: 1, max: 64 }) concurrency?: number;
  @IntField({ optional: true, nullable: false, min: 1, max: 365 }) quota_days?: number;
}

/** Values to test before saving them; each absent one falls back to the saved value. */
export class TestSeerrDto {
  @StringField({ optional: true, nullable: false, maxLength: 2000, pattern: URL_PATTERN }) url?: string;
  @StringField({ optional: true, nullable: false, maxLength: 500, format: 'password' }) api_key?: string;
}

export const SEERR_CHECK_NAMES = ['reachable', 'api_key', 'local_login', 'writes', 'version'] as const;
export type SeerrCheckName = (typeof SEERR_CHECK_NAMES)[number];

export class SeerrCheckDto {
  @ApiProperty({ enum: SEERR_CHECK_NAMES, enumName: 'SeerrCheckName' }) name!: SeerrCheckName;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'What was found, in plain words' }) detail!: string;
}

export class SeerrTestResultDto {
  @ApiProperty({ description: 'Every check passed' }) ok!: boolean;
  @ApiProperty({ type: [SeerrCheckDto] }) checks!: SeerrCheckDto[];
}
