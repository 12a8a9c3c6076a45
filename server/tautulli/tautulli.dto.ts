import { ApiProperty } from '@nestjs/swagger';

/** What the Tautulli routes answer. Times are ISO date-times; durations seconds; bandwidth kbit/s. */

export class TautulliHealthDto {
  @ApiProperty({ example: 'v2.17.2' }) version!: string;
  @ApiProperty({ type: 'integer', description: 'How long Tautulli took to answer, in ms' })
  latency_ms!: number;
}

export class TautulliStatusDto {
  @ApiProperty({ example: 'v2.17.2' }) version!: string;
  @ApiProperty({ example: 'docker' }) install_type!: string;
  @ApiProperty({ example: 'master' }) branch!: string;
  @ApiProperty({ example: 'Linux' }) platform!: string;
  @ApiProperty({ example: '3.11.2' }) python_version!: string;
  @ApiProperty({ description: 'Tautulli is connected to Plex Media Server' }) pms_connected!: boolean;
}

export class TautulliServerInfoDto {
  @ApiProperty({ example: 'seedbox', description: 'The Plex server Tautulli watches' }) name!: string;
  @ApiProperty({ example: '1.40.2.8395-c67dce28e' }) version!: string;
  @ApiProperty({ example: 'Linux' }) platform!: string;
  @ApiProperty() machine_identifier!: string;
  @ApiProperty({ example: 'http://192.168.1.10:32400' }) url!: string;
  @ApiProperty({ type: 'integer', example: 32400 }) port!: number;
  @ApiProperty() ssl!: boolean;
  @ApiProperty() remote!: boolean;
  @ApiProperty() plex_pass!: boolean;
}

export const TAUTULLI_DECISIONS = ['direct_play', 'direct_stream', 'transcode'] as const;
export type TautulliDecision = (typeof TAUTULLI_DECISIONS)[number];

export class TautulliStreamDto {
  @ApiProperty() session_id!: string;
  @ApiProperty({ example: '27' }) session_key!: string;
  @ApiProperty({ type: 'integer', nullable: true }) user_id!: number | null;
  @ApiProperty({ example: 'alice' }) user!: string;
  @ApiProperty({ example: 'Alice' }) friendly_name!: string;
  @ApiProperty({ example: 'Some Show - Pilot' }) title!: string;
  @ApiProperty({ example: 'episode' }) media_type!: string;
  @ApiProperty({ example: 'TV Shows' }) library!: string;
  @ApiProperty({ example: 'DESKTOP-1' }) player!: string;
  @ApiProperty({ example: 'Windows' }) platform!: string;
  @ApiProperty({ example: 'Plex for Windows' }) product!: string;
  @ApiProperty({ example: '192.168.1.20' }) ip_address!: string;
  @ApiProperty({ example: 'playing' }) state!: string;
  @ApiProperty({ type: 'number', description: '0–100' }) progress_percent!: number;
  @ApiProperty({ type: 'integer', nullable: true }) bandwidth_kbps!: number | null;
  @ApiProperty({ example: 'lan' }) location!: string;
  @ApiProperty({ enum: TAUTULLI_DECISIONS, enumName: 'TautulliDecision' }) decision!: TautulliDecision;
  @ApiProperty({ example: 'Original' }) quality_profile!: string;
}

export class TautulliActivityDto {
  @ApiProperty({ type: 'integer' }) stream_count!: number;
  @ApiProperty({ type: 'integer' }) direct_play!: number;
  @ApiProperty({ type: 'integer' }) direct_stream!: number;
  @ApiProperty({ type: 'integer' }) transcodes!: number;
  @ApiProperty({ type: 'integer' }) total_bandwidth_kbps!: number;
  @ApiProperty({ type: 'integer' }) lan_bandwidth_kbps!: number;
  @ApiProperty({ type: 'integer' }) wan_bandwidth_kbps!: number;
  @ApiProperty({ type: [TautulliStreamDto] }) streams!: TautulliStreamDto[];
}

export class TautulliMediaStatDto {
  @ApiProperty({ example: 'Some Movie' }) title!: string;
  @ApiProperty({ type: 'integer', nullable: true }) year!: number | null;
  @ApiProperty({ type: 'integer' }) plays!: number;
  @ApiProperty({ type: 'integer' }) duration_seconds!: number;
  @ApiProperty({ type: 'integer', description: 'Distinct users who played it' }) users_watched!: number;
  @ApiProperty({ type: 'integer', nullable: true }) rating_key!: number | null;
}

export class TautulliUserStatDto {
  @ApiProperty({ type: 'integer', nullable: true }) user_id!: number | null;
  @ApiProperty({ example: 'alice' }) user!: string;
  @ApiProperty({ example: 'Alice' }) friendly_name!: string;
  @ApiProperty({ type: 'integer' }) plays!: number;
  @ApiProperty({ type: 'integer' }) duration_seconds!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_play!: string | null;
}

export class TautulliPlatformStatDto {
  @ApiProperty({ example: 'Chrome' }) platform!: string;
  @ApiProperty({ type: 'integer' }) plays!: number;
  @ApiProperty({ type: 'integer' }) duration_seconds!: number;
}

export class TautulliLibraryStatDto {
  @ApiProperty({ example: '1' }) section_id!: string;
  @ApiProperty({ example: 'Movies' }) name!: string;
  @ApiProperty({ example: 'movie' }) type!: string;
  @ApiProperty({ type: 'integer' }) plays!: number;
  @ApiProperty({ type: 'integer' }) duration_seconds!: number;
}

export class TautulliConcurrentDto {
  @ApiProperty({ type: 'integer', description: 'Most streams at once' }) count!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at!: string | null;
}

export const TAUTULLI_STATS_TYPES = ['plays', 'duration'] as const;
export type TautulliStatsType = (typeof TAUTULLI_STATS_TYPES)[number];

export class TautulliStatsDto {
  @ApiProperty({ type: 'integer', description: 'The days counted back from today' }) days!: number;
  @ApiProperty({
    enum: TAUTULLI_STATS_TYPES,
    enumName: 'TautulliStatsType',
    description: 'What the lists rank by',
  })
  stats_type!: TautulliStatsType;
  @ApiProperty({ type: 'integer', description: 'Plays in the period, every library' }) total_plays!: number;
  @ApiProperty({ type: 'integer', description: 'Time watched in the period, every library' })
  total_duration_seconds!: number;
  @ApiProperty({ type: [TautulliMediaStatDto] }) most_watched_movies!: TautulliMediaStatDto[];
  @ApiProperty({ type: [TautulliMediaStatDto] }) most_watched_shows!: TautulliMediaStatDto[];
  @ApiProperty({ type: [TautulliMediaStatDto] }) most_played_artists!: TautulliMediaStatDto[];
  @ApiProperty({ type: [TautulliMediaStatDto], description: 'Movies by distinct users' })
  most_popular_movies!: TautulliMediaStatDto[];
  @ApiProperty({ type: [TautulliMediaStatDto], description: 'Shows by distinct users' })
  most_popular_shows!: TautulliMediaStatDto[];
  @ApiProperty({ type: [TautulliUserStatDto] }) most_active_users!: TautulliUserStatDto[];
  @ApiProperty({ type: [TautulliPlatformStatDto] }) most_active_platforms!: TautulliPlatformStatDto[];
  @ApiProperty({ type: [TautulliLibraryStatDto] }) most_active_libraries!: TautulliLibraryStatDto[];
  @ApiProperty({ type: TautulliConcurrentDto, nullable: true })
  most_concurrent!: TautulliConcurrentDto | null;
}

export class TautulliUserDto {
  @ApiProperty({ type: 'integer' }) user_id!: number;
  @ApiProperty({ example: 'alice' }) username!: string;
  @ApiProperty({
    example: 'Alice',
    description: "The name to show: Tautulli's rename, else the Plex display name, else the user name",
  })
  friendly_name!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: 'integer' }) plays!: number;
  @ApiProperty({ type: 'integer' }) duration_seconds!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_seen!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Some Show - Pilot' }) last_played!: string | null;
  @ApiProperty({ type: String, nullable: true }) platform!: string | null;
  @ApiProperty({ type: String, nullable: true }) player!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip_address!: string | null;
  @ApiProperty() is_active!: boolean;
  @ApiProperty({
    description: "The server owner (from Tautulli's get_users; its users table has no such field)",
  })
  is_admin!: boolean;
}

export class TautulliLibraryDto {
  @ApiProperty({ example: '1' }) section_id!: string;
  @ApiProperty({ example: 'Movies' }) name!: string;
  @ApiProperty({ example: 'movie' }) type!: string;
  @ApiProperty({ type: 'integer', description: 'Movies, shows, artists or photos' }) count!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Seasons or albums' }) parent_count!:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Episodes or tracks' }) child_count!:
    number | null;
  @ApiProperty({ type: 'integer' }) plays!: number;
  @ApiProperty({ type: 'integer' }) duration_seconds!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_accessed!: string | null;
  @ApiProperty({ type: String, nullable: true }) last_played!: string | null;
  @ApiProperty() is_active!: boolean;
}

export class TautulliHistoryItemDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the play (of a group, the latest play) started; the history is sorted by it',
  })
  started!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the first play of a group of resumed plays started; `started` for a single play',
  })
  first_started!: string | null;
  @ApiProperty({ type: 'integer', description: 'Plays Tautulli grouped into this row (resumed plays)' })
  group_count!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stopped!: string | null;
  @ApiProperty({ type: 'integer', description: 'Time played, pauses excluded' }) duration_seconds!: number;
  @ApiProperty({ type: 'integer' }) paused_seconds!: number;
  @ApiProperty({ type: 'integer', nullable: true }) user_id!: number | null;
  @ApiProperty({ example: 'alice' }) user!: string;
  @ApiProperty({ example: 'Alice' }) friendly_name!: string;
  @ApiProperty({ example: 'Some Show - Pilot' }) title!: string;
  @ApiProperty({ example: 'episode' }) media_type!: string;
  @ApiProperty() platform!: string;
  @ApiProperty() player!: string;
  @ApiProperty() ip_address!: string;
  @ApiProperty({ enum: TAUTULLI_DECISIONS, enumName: 'TautulliDecision' }) decision!: TautulliDecision;
  @ApiProperty({ type: 'integer', description: '0–100' }) percent_complete!: number;
  @ApiProperty({ description: 'Tautulli counts it as watched' }) watched!: boolean;
}

export class TautulliHistoryPageDto {
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) page_size!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Finished plays matching the filter, on every page (plays in progress are not history)',
  })
  total!: number;
  @ApiProperty({
    example: '10 hrs 12 mins',
    description: "Time played matching the filter, in Tautulli's words",
  })
  total_duration!: string;
  @ApiProperty({ type: [TautulliHistoryItemDto] }) items!: TautulliHistoryItemDto[];
}

export class TautulliPlaysSeriesDto {
  @ApiProperty({ example: 'Movies' }) name!: string;
  @ApiProperty({ type: 'integer', isArray: true, description: 'Plays per day, in the order of `dates`' })
  data!: number[];
  @ApiProperty({ type: 'integer' }) total!: number;
}

export class TautulliPlaysDto {
  @ApiProperty({ type: 'integer' }) days!: number;
  @ApiProperty({ type: [String], example: ['2024-05-19', '2024-05-20'] }) dates!: string[];
  @ApiProperty({ type: [TautulliPlaysSeriesDto] }) series!: TautulliPlaysSeriesDto[];
  @ApiProperty({
    type: 'integer',
    description: "Plays of every series over the period (Tautulli's own Total series is left out)",
  })
  total!: number;
}

export class TautulliRestartDto {
  @ApiProperty({
    example:
      'Tautulli is restarting; it will be unreachable for a few seconds. GET /api/tautulli/restart tells whether it came back.',
  })
  message!: string;
}

export const TAUTULLI_RESTART_STATES = ['idle', 'restarting', 'back', 'gone'] as const;
export type TautulliRestartState = (typeof TAUTULLI_RESTART_STATES)[number];

export class TautulliRestartStatusDto {
  @ApiProperty({
    enum: TAUTULLI_RESTART_STATES,
    enumName: 'TautulliRestartState',
    description:
      'idle: no restart asked since the panel started; restarting: waiting for Tautulli to answer again; ' +
      'back: it did; gone: it did not within 60 s (a Tautulli with no supervisor exits for good)',
  })
  state!: TautulliRestartState;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the last restart was asked',
  })
  asked_at!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the panel saw it come back or gave up',
  })
  settled_at!: string | null;
}

export class TautulliSettingsDto {
  @ApiProperty({ example: 'http://tautulli:8181', description: 'Empty when not set' }) url!: string;
  @ApiProperty({ description: 'Whether an API key is set (the key itself is never returned)' })
  api_key_set!: boolean;
  @ApiProperty({
    type: [String],
    example: ['TAUTULLI_URL'],
    description: 'Environment variables in force; they win over the values saved here',
  })
  overridden_by_env!: string[];
}
