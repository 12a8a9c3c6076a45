import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/**
 * The shape of config.json. The Seerrsync keys (admin, seerr, media_servers, user_settings,
 * sync_interval_minutes) keep their names and meaning so an existing Seerrsync file loads unchanged;
 * the other sections are the panel's own and are all optional.
 */
export const MEDIA_SERVER_TYPES = ['plex', 'jellyfin', 'emby'] as const;
export type MediaServerType = (typeof MEDIA_SERVER_TYPES)[number];

const URL_OR_EMPTY = /^$|^https?:\/\/[^\s]+$/i;
const URL_MESSAGE = 'must be an http:// or https:// URL';

export class AdminSection {
  @IsString() @IsNotEmpty() @MaxLength(100) username!: string;
  /** Seerrsync stored the admin password in clear text; still accepted, with a warning. */
  @ValidateIf((o: AdminSection) => o.password_hash === undefined)
  @IsString({ message: 'admin needs either password or password_hash' })
  @IsNotEmpty()
  password?: string;
  @IsOptional()
  @IsString()
  @Matches(/^scrypt\$/, { message: 'password_hash must be a hash made by `npm run hash-password`' })
  password_hash?: string;
}

export class SeerrSection {
  @IsString() @Matches(URL_OR_EMPTY, { message: `url ${URL_MESSAGE}` }) url!: string;
  @IsString() api_key!: string;
  /** Name of the Docker container running Seerr, for the Applications page's link. */
  @IsOptional() @IsString() container?: string;
}

export class MediaServerSection {
  @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @IsIn(MEDIA_SERVER_TYPES) type!: MediaServerType;
  @IsString() @Matches(URL_OR_EMPTY, { message: `url ${URL_MESSAGE}` }) url!: string;
  @IsString() token!: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() @MaxLength(100) password_suffix?: string;
  @IsOptional() @IsInt() @Min(0) @Max(10000) request_limit?: number;
  @IsOptional() @IsString() machine_identifier?: string | null;
  @IsOptional() @IsBoolean() include_owner?: boolean;
}

export class UserSettingSection {
  @IsOptional() @IsBoolean() blocked?: boolean;
  @IsOptional() @IsBoolean() immune?: boolean;
  /** Created in the panel (Users → Add user): a sync never removes it for being on no media server. */
  @IsOptional() @IsBoolean() added_by_hand?: boolean;
  @IsOptional() @IsString({ each: true }) source_servers?: string[];
}

export class PlexSection {
  @IsOptional() @IsString() @Matches(URL_OR_EMPTY, { message: `url ${URL_MESSAGE}` }) url?: string;
  @IsOptional() @IsString() token?: string;
  /** Name of the Docker container running Plex, for restarts through the container runtime. */
  @IsOptional() @IsString() container?: string;
}

export class TautulliSection {
  @IsOptional() @IsString() @Matches(URL_OR_EMPTY, { message: `url ${URL_MESSAGE}` }) url?: string;
  @IsOptional() @IsString() api_key?: string;
  /** Name of the Docker container running Tautulli, for the Applications page's link. */
  @IsOptional() @IsString() container?: string;
}

export class TorrentClientSection {
  @IsOptional() @IsString() @Matches(URL_OR_EMPTY, { message: `url ${URL_MESSAGE}` }) url?: string;
  @IsOptional() @IsString() username?: string;
  @IsOptional() @IsString() password?: string;
  /** Seconds between list polls while nobody watches the event stream (default 10; 2 while watched). */
  @IsOptional() @IsInt() @Min(1) @Max(3600) poll_seconds?: number;
  /** Name of the Docker container running the client, for restarts and the Applications page. */
  @IsOptional() @IsString() container?: string;
}

export class RutorrentSection extends TorrentClientSection {
  /** XML-RPC path under the URL; ruTorrent setups expose it at /RPC2. */
  @IsOptional() @IsString() @Matches(/^\//, { message: 'rpc_path must start with /' }) rpc_path?: string;
  /**
   * Where the panel sees rTorrent's download directory (directory.default), when it is mounted at another
   * path in the panel's container; remove-with-data deletes files only inside it.
   */
  @IsOptional()
  @IsString()
  @Matches(/^\//, { message: 'download_dir must be an absolute path' })
  download_dir?: string;
}

/** What `torrent_clients[].type` takes; `rutorrent` is a synonym of `rtorrent` (ruTorrent in front of it). */
export const TORRENT_CLIENT_TYPES = [
  'utorrent',
  'rtorrent',
  'rutorrent',
  'qbittorrent',
  'transmission',
  'deluge',
] as const;
export type TorrentClientType = (typeof TORRENT_CLIENT_TYPES)[number];

/** One torrent client instance: any number of each kind, each with its own name. */
export class TorrentClientEntry extends RutorrentSection {
  /** Shown in the panel and used (lower-cased, dashes for other characters) as the id in routes. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/[a-z0-9]/i, { message: 'name needs a letter or digit' })
  name!: string;
  @IsIn(TORRENT_CLIENT_TYPES, { message: `type must be one of ${TORRENT_CLIENT_TYPES.join(', ')}` })
  type!: TorrentClientType;
  /** false keeps the entry but stops polling it and hides it from the lists. */
  @IsOptional() @IsBoolean() enabled?: boolean;
}

export const CONTAINER_SHOW_MODES = ['all', 'named', 'label'] as const;
export type ContainerShowMode = (typeof CONTAINER_SHOW_MODES)[number];

/** Which Docker containers the Applications page shows (and may start, stop and restart). */
export class ContainersSection {
  @IsOptional() @IsIn(CONTAINER_SHOW_MODES) show?: ContainerShowMode;
  @IsOptional() @IsString({ each: true }) @MaxLength(128, { each: true }) names?: string[];
  /** `key=value` or `key`, as Docker's `filters={"label":[...]}` takes it. */
  @IsOptional() @IsString() @MaxLength(300) label?: string;
}

export class LoginThrottleSection {
  @IsOptional() @IsInt() @Min(1) @Max(1000) max_failures?: number;
  @IsOptional() @IsInt() @Min(1) @Max(86400) window_seconds?: number;
}

/** How the Seerr user sync behaves; all optional, with the defaults below. */
export class SyncSection {
  /** Delete Seerr users who are on no media server (never user 1, admins or immune users). */
  @IsOptional() @IsBoolean() remove_missing?: boolean;
  /** Permission bits given to users the sync creates; Seerr's own default when unset. */
  @IsOptional() @IsInt() @Min(0) @Max(2147483647) default_permissions?: number;
  /** Most deletions one run may make before it waits for approval; default max(5, 10 % of Seerr users). */
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() @Min(0) @Max(100000) deletion_cap?: number | null;
  /** Most Seerr writes in flight at once: a sync grows towards it while Seerr answers promptly (AdaptiveLimit). */
  @IsOptional() @IsInt() @Min(1) @Max(64) concurrency?: number;
  /** Days the request limit applies to (Seerr's quota window). */
  @IsOptional() @IsInt() @Min(1) @Max(365) quota_days?: number;
}

/** A filesystem the Dashboard's disk card reports (free, used, and a warning level). */
export class DiskPathSection {
  @IsString() @IsNotEmpty() @MaxLength(64) name!: string;
  @IsString()
  @Matches(/^\//, { message: 'path must be an absolute path' })
  @MaxLength(1000)
  path!: string;
  /** Used share (%) from which the card warns; critical from 95 % (or from this when higher). */
  @IsOptional() @IsInt() @Min(1) @Max(100) warn_percent?: number;
}

export class PanelConfig {
  @ValidateNested() @Type(() => AdminSection) admin!: AdminSection;
  @ValidateNested() @Type(() => SeerrSection) seerr!: SeerrSection;
  @ValidateNested({ each: true }) @Type(() => MediaServerSection) media_servers!: MediaServerSection[];
  @IsObject() user_settings!: Record<string, UserSettingSection>;
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() @Min(0) @Max(525600) sync_interval_minutes?:
    number | null;

  @IsOptional() @ValidateNested() @Type(() => PlexSection) plex?: PlexSection;
  @IsOptional() @ValidateNested() @Type(() => TautulliSection) tautulli?: TautulliSection;
  @IsOptional() @ValidateNested() @Type(() => TorrentClientSection) utorrent?: TorrentClientSection;
  @IsOptional() @ValidateNested() @Type(() => RutorrentSection) rutorrent?: RutorrentSection;
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TorrentClientEntry)
  torrent_clients?: TorrentClientEntry[];

  @IsOptional() @ValidateNested() @Type(() => SyncSection) sync?: SyncSection;
  @IsOptional() @ValidateNested() @Type(() => ContainersSection) containers?: ContainersSection;

  /** Absent: the config directory and every torrent client's download_dir. */
  @IsOptional()
  @ValidateNested({ each: true })
  @IsArray()
  @ArrayMaxSize(32)
  @ArrayUnique((d: DiskPathSection) => d?.name, { message: 'disk_paths names must be unique' })
  @Type(() => DiskPathSection)
  disk_paths?: DiskPathSection[];

  @IsOptional() @IsInt() @Min(1) @Max(3650) audit_retention_days?: number;
  @IsOptional() @ValidateNested() @Type(() => LoginThrottleSection) login_throttle?: LoginThrottleSection;
}

export const DEFAULT_AUDIT_RETENTION_DAYS = 90;
export const DEFAULT_SYNC = { remove_missing: false, concurrency: 8, quota_days: 7 };
export const DEFAULT_CONTAINERS_FILTER = {
  show: 'all' as ContainerShowMode,
  names: [] as string[],
  label: 'seedbox-panel.show=true',
};
export const DEFAULT_DISK_WARN_PERCENT = 85;
export const DISK_CRITICAL_PERCENT = 95;
export const DEFAULT_LOGIN_THROTTLE = { max_failures: 5, window_seconds: 900 };
