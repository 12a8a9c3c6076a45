import { ApiProperty } from '@nestjs/swagger';
import { StringField } from '../common/validation.decorators';
import { TorrentClientSettingsDto, UpdateTorrentClientSettingsDto } from './torrent-settings.dto';

const ABSOLUTE_PATH = { regex: /^\/[^\p{Cc}]*$/u, message: 'must be an absolute path' };
const CONTAINER_NAME = { regex: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, message: 'must be a Docker container name' };

export class RutorrentSettingsDto extends TorrentClientSettingsDto {
  @ApiProperty({ example: '/RPC2', description: 'XML-RPC mount under the URL' }) rpc_path!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Docker container restarted by POST /api/rutorrent/restart',
  })
  container!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Where the panel sees rTorrent's download directory, when not at the same path as rTorrent",
  })
  download_dir!: string | null;
}

/** null clears an optional setting; omitted fields stay. */
export class UpdateRutorrentSettingsDto extends UpdateTorrentClientSettingsDto {
  @StringField({
    optional: true,
    nullable: true,
    maxLength: 500,
    pattern: { regex: /^\/\S*$/, message: 'must start with /' },
  })
  rpc_path?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 200, pattern: CONTAINER_NAME }) container?:
    string | null;
  @StringField({ optional: true, nullable: true, maxLength: 1000, pattern: ABSOLUTE_PATH }) download_dir?:
    string | null;
}
