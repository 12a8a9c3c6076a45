import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { BooleanField, EnumField, IntField, StringField } from '../common/validation.decorators';
import { TORRENT_SORT_FIELDS, type TorrentSortField } from './torrent-query';
import {
  BULK_ACTIONS,
  DATA_OUTCOMES,
  FILE_PRIORITIES,
  TRACKER_STATUSES,
  TORRENT_CLIENT_KINDS,
  TORRENT_STATES,
  type BulkAction,
  type DataOutcome,
  type FilePriority,
  type TrackerStatus,
  type TorrentClientKind,
  type TorrentState,
} from './torrent.types';

/** Exactly 40 hex characters: "all" and other specials never reach a client. */
export const INFO_HASH = {
  regex: /^[0-9a-fA-F]{40}$/,
  message: 'must be a 40-character hexadecimal info-hash',
};
const HASH_DOC = {
  example: '3F1C0D2E9B8A47C6A5D4E3F2A1B0C9D8E7F6A5B4',
  description: 'Info-hash (40 hex characters)',
};
/** No control characters: they cannot travel in XML-RPC or a WebUI query. */
const PRINTABLE = { regex: /^[^\p{Cc}]*$/u, message: 'must not contain control characters' };
/** A magnet link must carry its info-hash (`xt=urn:btih:`, 40 hex or 32 base32 characters). */
const TORRENT_URL = {
  regex:
    /^(https?:\/\/[^\s/?#]+\S*|magnet:\?(?=(?:\S*&)?xt=urn:btih:(?:[0-9a-f]{40}|[a-z2-7]{32})(?:&|$))\S+)$/i,
  message:
    'must be an http(s):// URL of a .torrent file or a magnet: link (with its info-hash: xt=urn:btih: and 40 hex or 32 base32 characters)',
};
export const MAX_BULK = 1000;

export class TorrentDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', description: 'Bytes wanted' }) size!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty({ enum: TORRENT_STATES, enumName: 'TorrentState' }) state!: TorrentState;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) down_rate!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) up_rate!: number;
  @ApiProperty({ example: 1.5 }) ratio!: number;
  @ApiProperty({ description: '"" when none' }) label!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Seconds left; 0 when complete, null when unknown',
  })
  eta!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) added!: string | null;
  @ApiProperty({ description: 'Host name of its tracker; "" when none or the client does not list it' })
  tracker!: string;
  @ApiProperty({ enum: TORRENT_CLIENT_KINDS, enumName: 'TorrentClientKind' }) client!: TorrentClientKind;
}

export class TorrentListQueryDto {
  @EnumField(TORRENT_STATES, { optional: true, enumName: 'TorrentState' }) state?: TorrentState;
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 200,
    description: 'Exact label; empty for none',
  })
  label?: string;
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 200,
    description: 'Part of the name, or a full hash',
  })
  q?: string;
  @EnumField(TORRENT_SORT_FIELDS, { optional: true, enumName: 'TorrentSortField', default: 'name' })
  sort?: TorrentSortField;
  @EnumField(['asc', 'desc'] as const, { optional: true, enumName: 'SortOrder', default: 'asc' })
  order?: 'asc' | 'desc';
  @IntField({ optional: true, nullable: false, min: 1, max: 100000, default: 1 }) page?: number;
  @IntField({ optional: true, nullable: false, min: 1, max: 1000, default: 50 }) page_size?: number;
}

export class TorrentPageDto {
  @ApiProperty({ type: [TorrentDto] }) items!: TorrentDto[];
  @ApiProperty({ type: 'integer', description: 'Torrents matching the filter' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) page_size!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Snapshot revision; event-stream changes after it apply on top',
  })
  revision!: number;
  @ApiProperty({ format: 'date-time', description: 'When the client was last polled' }) updated_at!: string;
}

export class TorrentStateCountsDto {
  @ApiProperty({ type: 'integer' }) downloading!: number;
  @ApiProperty({ type: 'integer' }) seeding!: number;
  @ApiProperty({ type: 'integer' }) paused!: number;
  @ApiProperty({ type: 'integer' }) stopped!: number;
  @ApiProperty({ type: 'integer' }) queued!: number;
  @ApiProperty({ type: 'integer' }) checking!: number;
  @ApiProperty({ type: 'integer' }) error!: number;
  @ApiProperty({ type: 'integer' }) completed!: number;
}

export class TorrentStatsDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'Torrents moving bytes now (a rate above 0)' })
  active!: number;
  @ApiProperty({ type: 'integer' }) seeding!: number;
  @ApiProperty({ type: 'integer' }) downloading!: number;
  @ApiProperty({ type: 'integer' }) paused!: number;
  @ApiProperty({ type: TorrentStateCountsDto }) by_state!: TorrentStateCountsDto;
  @ApiProperty({ type: 'integer', description: 'Bytes wanted over all torrents' }) total_size!: number;
  @ApiProperty({ description: 'Uploaded / downloaded over all torrents' }) overall_ratio!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) down_rate!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) up_rate!: number;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class TorrentClientStatusDto {
  @ApiProperty({ enum: TORRENT_CLIENT_KINDS, enumName: 'TorrentClientKind' }) client!: TorrentClientKind;
  @ApiProperty({ description: 'Whether a URL (and the credentials it needs) is set' }) configured!: boolean;
  @ApiProperty({ description: 'Whether the last poll of the list succeeded' }) connected!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '0.9.8 (libtorrent 0.13.8, API 10)' }) version!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it is not connected, naming the client' })
  error!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) total!: number | null;
  @ApiProperty({ type: TorrentStateCountsDto, nullable: true }) counts!: TorrentStateCountsDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updated_at!: string | null;
}

export class TorrentHealthDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty() version!: string;
  @ApiProperty({ type: 'integer', description: 'Round trip of the version call, ms' }) latency_ms!: number;
}

export class BandwidthDto {
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) down_rate!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) up_rate!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Bytes/s; null = unlimited' }) down_limit!:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Bytes/s; null = unlimited' }) up_limit!:
    number | null;
}

export class SetBandwidthDto {
  @IntField({
    optional: true,
    nullable: true,
    min: 0,
    max: 2 ** 30,
    description: 'Bytes/s; 0 or null = unlimited; omit to keep',
  })
  down_limit?: number | null;
  @IntField({
    optional: true,
    nullable: true,
    min: 0,
    max: 2 ** 30,
    description: 'Bytes/s; 0 or null = unlimited; omit to keep',
  })
  up_limit?: number | null;
}

/** A torrent client instance's id: its name lower-cased, dashes for other characters. */
export const CLIENT_ID = { regex: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, message: 'must be a torrent client id' };

/**
 * The path parameters every torrent route may have: `id` only under /api/torrents/clients/{id} (its
 * controller documents it), none under the seed's /api/utorrent and /api/rutorrent.
 */
export class ClientParamsDto {
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: 'id must be a torrent client id' })
  @Matches(CLIENT_ID.regex, { message: 'id must be a torrent client id' })
  id?: string;
}

export class HashParamsDto extends ClientParamsDto {
  // maxLength above 40 so a wrong length gets the pattern's sentence.
  @StringField({ maxLength: 100, pattern: INFO_HASH, ...HASH_DOC }) hash!: string;
}

export class BulkActionParamsDto extends ClientParamsDto {
  @EnumField(BULK_ACTIONS, { enumName: 'TorrentBulkAction' }) action!: BulkAction;
}

/** With deleteData: delete data other loaded torrents also use (they break). */
const ForceField = () =>
  BooleanField({
    optional: true,
    nullable: false,
    default: false,
    description: 'With deleteData: delete data that other loaded torrents also use (they break)',
  });

export class RemoveTorrentDto {
  @BooleanField({
    optional: true,
    nullable: false,
    default: false,
    description: 'Also delete the downloaded data',
  })
  deleteData?: boolean;
  @ForceField() force?: boolean;
}

/** A list of distinct info-hashes, each validated like the path parameter. */
function HashListField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: [String],
      minItems: 1,
      maxItems: MAX_BULK,
      example: [HASH_DOC.example],
      pattern: INFO_HASH.regex.source,
    }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_BULK),
    ArrayUnique((h: unknown) => (typeof h === 'string' ? h.toUpperCase() : h), {
      message: '$property must not repeat a hash',
    }),
    IsString({ each: true }),
    Matches(INFO_HASH.regex, {
      each: true,
      message: '$property must each be a 40-character hexadecimal info-hash',
    }),
  );
}

export class BulkTorrentsDto {
  @HashListField() hashes!: string[];
  @BooleanField({
    optional: true,
    nullable: false,
    default: false,
    description: 'For remove: also delete the data',
  })
  deleteData?: boolean;
  @ForceField() force?: boolean;
}

export class TorrentHashesDto {
  @HashListField() hashes!: string[];
}

export class AddTorrentUrlDto {
  @StringField({
    maxLength: 8000,
    pattern: TORRENT_URL,
    example: 'magnet:?xt=urn:btih:3F1C0D2E9B8A47C6A5D4E3F2A1B0C9D8E7F6A5B4',
  })
  url!: string;
  @StringField({ optional: true, nullable: false, minLength: 1, maxLength: 200, pattern: PRINTABLE })
  label?: string;
  @BooleanField({ optional: true, nullable: false, default: true, description: 'Start it at once' })
  start?: boolean;
}

export class UploadTorrentFieldsDto {
  @StringField({ optional: true, nullable: false, minLength: 1, maxLength: 200, pattern: PRINTABLE })
  label?: string;
  @BooleanField({ optional: true, nullable: false, default: true, description: 'Start it at once' })
  start?: boolean;
}

export class SetTorrentLabelDto {
  // Not StringField: "" is a valid value here (it removes the label).
  @ApiProperty({ maxLength: 200, description: 'The new label; "" removes it' })
  @MaxLength(200)
  @Matches(PRINTABLE.regex, { message: `$property ${PRINTABLE.message}` })
  @IsString({ message: '$property must be a string' })
  label!: string;
}

export class TorrentLabelResultDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '"" when removed' }) label!: string;
}

export class TorrentFileDto {
  @ApiProperty({ example: 'Show/S01E01.mkv', description: 'Path inside the torrent' }) path!: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty({ enum: FILE_PRIORITIES, enumName: 'TorrentFilePriority' }) priority!: FilePriority;
}

export class TorrentPeerDto {
  @ApiProperty({ example: '203.0.113.7:51413' }) address!: string;
  @ApiProperty({ description: '"" when unknown' }) client!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) down_rate!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) up_rate!: number;
}

export class TorrentTrackerDto {
  @ApiProperty({ description: 'Announce URL' }) url!: string;
  @ApiProperty({ enum: TRACKER_STATUSES, enumName: 'TorrentTrackerStatus' }) status!: TrackerStatus;
  @ApiProperty({ description: 'Its last message or error; "" when none' }) message!: string;
  @ApiProperty({ type: 'integer', nullable: true }) seeds!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) peers!: number | null;
}

export class TorrentDetailDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Where its data is, as the client reports it; "" when it does not say' })
  save_path!: string;
  @ApiProperty({ type: String, nullable: true, description: "The client's error for it" }) error!:
    string | null;
  @ApiProperty({ type: [TorrentFileDto] }) files!: TorrentFileDto[];
  @ApiProperty({ type: [TorrentPeerDto] }) peers!: TorrentPeerDto[];
  @ApiProperty({ type: [TorrentTrackerDto] }) trackers!: TorrentTrackerDto[];
}

export class TorrentActionResultDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: BULK_ACTIONS, enumName: 'TorrentBulkAction' }) action!: BulkAction;
  @ApiProperty({
    enum: TORRENT_STATES,
    enumName: 'TorrentState',
    nullable: true,
    description: 'After the action',
  })
  state!: TorrentState | null;
}

export class TorrentRemoveResultDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    enum: DATA_OUTCOMES,
    enumName: 'TorrentDataOutcome',
    description: 'kept; deleted; manual = the data could not be deleted safely and must be removed by hand',
  })
  data!: DataOutcome;
  @ApiProperty() message!: string;
}

export class BulkItemResultDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for an unknown hash' }) name!:
    string | null;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiPropertyOptional({ enum: DATA_OUTCOMES, enumName: 'TorrentDataOutcome' }) data?: DataOutcome;
  @ApiPropertyOptional() message?: string;
}

export class BulkResultDto {
  @ApiProperty({ enum: BULK_ACTIONS, enumName: 'TorrentBulkAction' }) action!: BulkAction;
  @ApiProperty({ type: 'integer' }) succeeded!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: [BulkItemResultDto] }) results!: BulkItemResultDto[];
}

export class TorrentRefDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty() name!: string;
}

export class TorrentDataCheckDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for an unknown hash' }) name!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: "The data's path as the client reports it" })
  path!: string | null;
  @ApiProperty({ description: 'Removing with data would delete it now' }) deletable!: boolean;
  @ApiProperty({
    description: 'Not deletable only because other torrents use the same files: force deletes it anyway',
  })
  forceable!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why not, as a sentence' }) reason!:
    string | null;
  @ApiProperty({ type: [TorrentRefDto], description: 'Other loaded torrents using the same files' })
  shared_with!: TorrentRefDto[];
}

export class TorrentDataCheckResultDto {
  @ApiProperty({ type: [TorrentDataCheckDto] }) items!: TorrentDataCheckDto[];
}

export class AddedTorrentDto {
  @ApiProperty(HASH_DOC) hash!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TORRENT_STATES, enumName: 'TorrentState', nullable: true })
  state!: TorrentState | null;
}

/** `event: changes` of the event stream. */
export class TorrentChangesEventDto {
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ type: [TorrentDto] }) added!: TorrentDto[];
  @ApiProperty({ type: [Object], description: 'hash plus only the fields that changed' }) changed!: Array<
    Partial<TorrentDto> & { hash: string }
  >;
  @ApiProperty({ type: [String] }) removed!: string[];
}

/** `event: status` of the event stream (sent first, then whenever the connection changes). */
export class TorrentStreamStatusDto {
  @ApiProperty() connected!: boolean;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updated_at!: string | null;
}

export class RestartedDto {
  @ApiProperty({ description: 'The container restarted', example: 'rutorrent' }) restarted!: string;
}
