import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TORRENT_CLIENT_TYPES, type TorrentClientType } from '../config/config.schema';
import { HTTP_URL } from '../common/http-url.pattern';
import { BooleanField, EnumField, IntField, StringField } from '../common/validation.decorators';

/**
 * Names become ids in routes (lower-cased, dashes for other characters: "Seedbox qBit" is seedbox-qbit),
 * so a name needs a letter a–z or a digit, and holds nothing a path or the list would trip over.
 */
export const TORRENT_CLIENT_NAME = {
  regex: /^(?=.*[A-Za-z0-9])[\p{L}\p{N}](?:[\p{L}\p{N} ._'()+-]*[\p{L}\p{N}._'()+-])?$/u,
  message:
    "must start with a letter or digit, contain a letter a-z or a digit, and hold only letters, digits, spaces and . _ - ( ) + '",
};
/** ruTorrent's own /RPC2, or `plugins/httprpc/action.php` as its users copy it (the slash is added). */
const RPC_PATH = {
  regex: /^[^\s?#]+$/,
  message: 'must be a path without spaces, such as /RPC2 or plugins/httprpc/action.php',
};
const ABSOLUTE_PATH = { regex: /^\/[^\p{Cc}]*$/u, message: 'must be an absolute path' };
const CONTAINER_NAME = { regex: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, message: 'must be a Docker container name' };

const TYPE_HELP = '`rutorrent` is a synonym of `rtorrent` (rTorrent behind ruTorrent)';
const URL_HELP =
  'uTorrent http://host:8080/gui/, rTorrent https://host/RPC2 or the ruTorrent URL, qBittorrent http://host:8080, Transmission http://host:9091, Deluge http://host:8112';
const PASSWORD_HELP = 'Write-only: never returned. Deluge has only a password (deluge-web has no user name).';
const RPC_PATH_HELP =
  'rTorrent: the XML-RPC path under the URL (default /RPC2; with only ruTorrent, plugins/httprpc/action.php). Transmission: the RPC path (default /transmission/rpc)';
const DOWNLOAD_DIR_HELP =
  "rTorrent: where the panel sees rTorrent's download directory, when not at the same path (remove with data deletes only inside it)";
const CONTAINER_HELP = 'Docker container restarted by POST /api/torrents/clients/{id}/restart';
const POLL_HELP = 'Seconds between list polls while nobody watches (default 10; 2 s while watched)';

export class CreateTorrentClientDto {
  @StringField({ maxLength: 64, pattern: TORRENT_CLIENT_NAME, example: 'Seedbox qBit' }) name!: string;
  @EnumField(TORRENT_CLIENT_TYPES, { enumName: 'TorrentClientType', description: TYPE_HELP })
  type!: TorrentClientType;
  @StringField({
    maxLength: 2000,
    pattern: HTTP_URL,
    example: 'http://127.0.0.1:8080',
    description: URL_HELP,
  })
  url!: string;
  @StringField({ optional: true, nullable: true, maxLength: 200 }) username?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 1000,
    format: 'password',
    description: PASSWORD_HELP,
  })
  password?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 500,
    pattern: RPC_PATH,
    description: RPC_PATH_HELP,
  })
  rpc_path?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 1000,
    pattern: ABSOLUTE_PATH,
    description: DOWNLOAD_DIR_HELP,
  })
  download_dir?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 200,
    pattern: CONTAINER_NAME,
    description: CONTAINER_HELP,
  })
  container?: string | null;
  @BooleanField({
    optional: true,
    nullable: false,
    default: true,
    description: 'false keeps the entry but stops polling it and hides it from the lists',
  })
  enabled?: boolean;
  @IntField({ optional: true, nullable: true, min: 1, max: 3600, description: POLL_HELP })
  poll_seconds?: number | null;
}

/** Every field optional: omitted ones stay, null clears an optional one, "" or no password keeps it. */
export class UpdateTorrentClientDto {
  @StringField({ optional: true, nullable: false, maxLength: 64, pattern: TORRENT_CLIENT_NAME })
  name?: string;
  @EnumField(TORRENT_CLIENT_TYPES, { optional: true, enumName: 'TorrentClientType', description: TYPE_HELP })
  type?: TorrentClientType;
  @StringField({ optional: true, nullable: false, maxLength: 2000, pattern: HTTP_URL, description: URL_HELP })
  url?: string;
  @StringField({ optional: true, nullable: true, maxLength: 200 }) username?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 1000,
    format: 'password',
    description: `${PASSWORD_HELP} Omit it or send it empty to keep the stored one; null removes it.`,
  })
  password?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 500,
    pattern: RPC_PATH,
    description: RPC_PATH_HELP,
  })
  rpc_path?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 1000,
    pattern: ABSOLUTE_PATH,
    description: DOWNLOAD_DIR_HELP,
  })
  download_dir?: string | null;
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 200,
    pattern: CONTAINER_NAME,
    description: CONTAINER_HELP,
  })
  container?: string | null;
  @BooleanField({ optional: true, nullable: false }) enabled?: boolean;
  @IntField({ optional: true, nullable: true, min: 1, max: 3600, description: POLL_HELP })
  poll_seconds?: number | null;
}

/** A connection to try: the create body, and the id of a stored client whose password an empty one means. */
export class TestTorrentClientDto extends CreateTorrentClientDto {
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 100,
    description:
      'A stored client (a torrent_clients id, or utorrent/rutorrent for the seed sections): an omitted or empty password means its stored one',
  })
  id?: string | null;
}

/** A `torrent_clients` entry as the API shows it: the password only as `has_password`. */
export class TorrentClientEntryDto {
  @ApiProperty({ example: 'seedbox-qbit', description: 'The id in /api/torrents/clients/{id}' }) id!: string;
  @ApiProperty({ example: 'Seedbox qBit' }) name!: string;
  @ApiProperty({ enum: TORRENT_CLIENT_TYPES, enumName: 'TorrentClientType' }) type!: TorrentClientType;
  @ApiProperty({ description: 'Without any user:pass@ (those stay in config.json)' }) url!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: 'Whether a password is stored (it is never returned)' }) has_password!: boolean;
  @ApiProperty({ type: String, nullable: true }) rpc_path!: string | null;
  @ApiProperty({ type: String, nullable: true }) download_dir!: string | null;
  @ApiProperty({ type: String, nullable: true }) container!: string | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'integer', description: POLL_HELP }) poll_seconds!: number;
}

export class TorrentClientTestDto {
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ example: 'v4.5.2 (WebUI API 2.8.19)' }) version?: string;
  @ApiPropertyOptional({
    example:
      "Seedbox qBit refused the panel's username or password (HTTP 200); check the username and password entered for Seedbox qBit.",
  })
  error?: string;
}
