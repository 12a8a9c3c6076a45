import { ApiProperty } from '@nestjs/swagger';
import { StringField } from '../common/validation.decorators';
import { TORRENT_CLIENT_KINDS, type TorrentClientKind } from './torrent.types';
import { CLIENT_ID, TorrentDto, TorrentListQueryDto, TorrentStateCountsDto } from './torrents.dto';

const CLIENT_ID_DOC = { example: 'utorrent', description: 'The torrent client instance (its id)' };

/** A torrent of the merged list: the torrent, and which client instance holds it. */
export class MergedTorrentDto extends TorrentDto {
  @ApiProperty(CLIENT_ID_DOC) client_id!: string;
  @ApiProperty({ example: 'uTorrent', description: "The instance's name" }) client_name!: string;
  @ApiProperty({ description: 'From the last list read before its client became unreachable' })
  stale!: boolean;
}

export class MergedTorrentListQueryDto extends TorrentListQueryDto {
  @StringField({
    optional: true,
    nullable: false,
    maxLength: 64,
    pattern: CLIENT_ID,
    description: 'Only the torrents of this client instance',
  })
  client?: string;
}

/** One client instance as the merged list sees it. */
export class MergedClientStateDto {
  @ApiProperty(CLIENT_ID_DOC) id!: string;
  @ApiProperty({ example: 'uTorrent' }) name!: string;
  @ApiProperty({ enum: TORRENT_CLIENT_KINDS, enumName: 'TorrentClientKind' }) kind!: TorrentClientKind;
  @ApiProperty({ description: 'Whether its last list read succeeded' }) connected!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why not, naming the client' }) error!:
    string | null;
  @ApiProperty({ description: 'Its rows are from before it became unreachable' }) stale!: boolean;
  @ApiProperty({ type: 'integer', description: 'Its snapshot revision (event-stream changes apply on top)' })
  revision!: number;
  @ApiProperty({ type: 'integer', description: 'Its torrents in the list (stale ones included)' })
  total!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Its last successful read' })
  updated_at!: string | null;
}

export class MergedTorrentPageDto {
  @ApiProperty({ type: [MergedTorrentDto] }) items!: MergedTorrentDto[];
  @ApiProperty({ type: 'integer', description: 'Torrents matching the filter' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) page_size!: number;
  @ApiProperty({ type: [MergedClientStateDto] }) clients!: MergedClientStateDto[];
}

/** One client's rates now: the sum over its torrents (0 while it is unreachable: its rows are stale). */
export class MergedClientRatesDto {
  @ApiProperty(CLIENT_ID_DOC) id!: string;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) down_rate!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s' }) up_rate!: number;
}

export class MergedTorrentStatsDto {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'Torrents moving bytes now' }) active!: number;
  @ApiProperty({ type: TorrentStateCountsDto }) by_state!: TorrentStateCountsDto;
  @ApiProperty({ type: 'integer', description: 'Bytes wanted over all torrents' }) total_size!: number;
  @ApiProperty() overall_ratio!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s over every client' }) down_rate!: number;
  @ApiProperty({ type: 'integer', description: 'Bytes/s over every client' }) up_rate!: number;
  @ApiProperty({ type: [MergedClientStateDto] }) clients!: MergedClientStateDto[];
  @ApiProperty({
    type: [MergedClientRatesDto],
    description: "Each active client's rates, in `clients` order",
  })
  client_rates!: MergedClientRatesDto[];
}

/** `event: changes` of the merged stream: one client's changes. */
export class MergedChangesEventDto {
  @ApiProperty(CLIENT_ID_DOC) client_id!: string;
  @ApiProperty({ type: 'integer', description: "That client's revision" }) revision!: number;
  @ApiProperty({ type: [MergedTorrentDto] }) added!: MergedTorrentDto[];
  @ApiProperty({ type: [Object], description: 'hash plus only the fields that changed' }) changed!: Array<
    Partial<TorrentDto> & { hash: string }
  >;
  @ApiProperty({ type: [String] }) removed!: string[];
}

/** `event: clients` of the merged stream: every client's state, first and whenever one changes. */
export class MergedClientsEventDto {
  @ApiProperty({ type: [MergedClientStateDto] }) clients!: MergedClientStateDto[];
}

/** GET /api/torrents/clients: every instance, configured or not. */
export class TorrentClientSummaryDto {
  @ApiProperty(CLIENT_ID_DOC) id!: string;
  @ApiProperty({ example: 'uTorrent' }) name!: string;
  @ApiProperty({ enum: TORRENT_CLIENT_KINDS, enumName: 'TorrentClientKind' }) kind!: TorrentClientKind;
  @ApiProperty({
    description: 'From the seed\'s "utorrent"/"rutorrent" section (and its environment variables)',
  })
  seed!: boolean;
  @ApiProperty({ description: 'A URL is set and it is not disabled: it is polled and listed' })
  active!: boolean;
  @ApiProperty({ description: 'Whether /api/utorrent or /api/rutorrent speak for it' }) seed_alias!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Its Docker container, for restarts' })
  container!: string | null;
}
