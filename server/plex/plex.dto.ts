import { ApiProperty } from '@nestjs/swagger';

/** What the Plex routes answer. Times are ISO date-times; sizes bytes; durations ms; bandwidth kbit/s. */

export class PlexHealthDto {
  @ApiProperty({ example: '1.40.2.8395-c67dce28e' }) version!: string;
  @ApiProperty({ example: '3f1c0d2e9b8a47c6a5d4e3f2a1b0c9d8e7f6a5b4' }) machine_identifier!: string;
  @ApiProperty({ description: 'Whether the server is signed in to a plex.tv account' }) claimed!: boolean;
  @ApiProperty({ type: 'integer', description: 'How long PMS took to answer, in ms' }) latency_ms!: number;
}

export class PlexStatusDto {
  @ApiProperty({ example: 'seedbox' }) name!: string;
  @ApiProperty({ example: '1.40.2.8395-c67dce28e' }) version!: string;
  @ApiProperty({ example: 'Linux' }) platform!: string;
  @ApiProperty({ example: '6.1.0' }) platform_version!: string;
  @ApiProperty() machine_identifier!: string;
  @ApiProperty({ description: 'The owning plex.tv account has Plex Pass' }) plex_pass!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The plex.tv account the server is signed in to',
  })
  my_plex_username!: string | null;
  @ApiProperty({ type: 'integer', description: 'Video transcodes running now' }) active_transcodes!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updated_at!: string | null;
}

export class PlexLibraryDto {
  @ApiProperty({ example: '1', description: 'The section key' }) key!: string;
  @ApiProperty({ example: 'Movies' }) title!: string;
  @ApiProperty({ example: 'movie', description: 'movie, show, artist or photo' }) type!: string;
  @ApiProperty({ example: 'tv.plex.agents.movie' }) agent!: string;
  @ApiProperty({ example: 'Plex Movie' }) scanner!: string;
  @ApiProperty({ description: 'A scan is running' }) refreshing!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scanned_at!: string | null;
  @ApiProperty({ type: [String], example: ['/data/movies'] }) locations!: string[];
  @ApiProperty({ type: 'integer', description: 'Movies, shows, artists or photos' }) item_count!: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Episodes of a show library, tracks of a music library; null for the others',
  })
  child_count!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Bytes on disk, when PMS reports it' })
  size_bytes!: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Total running time in ms, when PMS reports it',
  })
  duration_ms!: number | null;
}

export class PlexLevelCountDto {
  @ApiProperty({
    example: 'episode',
    description: 'movie, show, season, episode, artist, album, track, photo',
  })
  level!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

export class PlexLibraryStatsDto extends PlexLibraryDto {
  @ApiProperty({ type: [PlexLevelCountDto], description: 'Item counts at every level of the library' })
  counts!: PlexLevelCountDto[];
  @ApiProperty({ type: 'integer', description: 'Plays recorded in the server history for this library' })
  plays!: number;
}

export const PLEX_DECISIONS = ['direct_play', 'direct_stream', 'transcode'] as const;
export type PlexDecision = (typeof PLEX_DECISIONS)[number];

export class PlexStreamDetailsDto {
  @ApiProperty({ type: String, nullable: true, example: 'mkv', description: 'The source file' })
  container!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'hevc', description: 'Of the source file' })
  video_codec!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'eac3', description: 'Of the source file' })
  audio_codec!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1080p', description: 'Of the source file' })
  resolution!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'mp4', description: 'What the player receives' })
  stream_container!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'h264', description: 'What the player receives' })
  stream_video_codec!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'aac', description: 'What the player receives' })
  stream_audio_codec!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'burn', description: 'burn, copy or transcode' })
  subtitle_decision!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Video hevc → h264, audio eac3 → aac',
    description: 'What PMS converts, source → stream; null for direct play',
  })
  transcode_reason!: string | null;
}

export class PlexSessionDto {
  @ApiProperty({ description: 'Session id (what a terminate call would take)' }) session_id!: string;
  @ApiProperty({ example: '27' }) session_key!: string;
  @ApiProperty({ example: 'alice' }) user!: string;
  @ApiProperty({ example: 'Some Show - S01E01 - Pilot' }) title!: string;
  @ApiProperty({ example: 'episode' }) media_type!: string;
  @ApiProperty({ type: String, nullable: true, example: 'TV Shows' }) library!: string | null;
  @ApiProperty({ example: 'Chrome', description: 'The device name' }) player!: string;
  @ApiProperty({ example: 'Plex Web' }) product!: string;
  @ApiProperty({ example: 'Chrome' }) platform!: string;
  @ApiProperty({ example: '192.168.1.20' }) address!: string;
  @ApiProperty({ example: 'playing', description: 'playing, paused or buffering' }) state!: string;
  @ApiProperty({ type: 'number', example: 40.0, description: '0–100' }) progress_percent!: number;
  @ApiProperty({ type: 'integer' }) view_offset_ms!: number;
  @ApiProperty({ type: 'integer' }) duration_ms!: number;
  @ApiProperty({ type: 'integer', nullable: true }) bandwidth_kbps!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'lan', description: 'lan or wan' })
  location!: string | null;
  @ApiProperty({ enum: PLEX_DECISIONS, enumName: 'PlexDecision' }) decision!: PlexDecision;
  @ApiProperty({ type: String, nullable: true, example: 'transcode' }) video_decision!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'copy' }) audio_decision!: string | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Transcoder progress, %' })
  transcode_progress!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Transcoder speed (1 = real time)' })
  transcode_speed!: number | null;
  @ApiProperty({ description: 'Hardware transcoding was requested' }) transcode_hw!: boolean;
  @ApiProperty({ type: PlexStreamDetailsDto, description: 'Codecs, resolution and why it is converted' })
  details!: PlexStreamDetailsDto;
}

export class PlexSessionsDto {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer', description: 'Sessions being transcoded' }) transcodes!: number;
  @ApiProperty({ type: 'integer' }) total_bandwidth_kbps!: number;
  @ApiProperty({ type: 'integer' }) lan_bandwidth_kbps!: number;
  @ApiProperty({ type: 'integer' }) wan_bandwidth_kbps!: number;
  @ApiProperty({ type: [PlexSessionDto] }) sessions!: PlexSessionDto[];
  @ApiProperty({ type: String, format: 'date-time', description: 'When PMS was read' }) read_at!: string;
}

export class PlexHistoryItemDto {
  @ApiProperty({ example: '88123' }) id!: string;
  @ApiProperty({ example: 'Some Show - S01E01 - Pilot' }) title!: string;
  @ApiProperty({ example: 'episode' }) media_type!: string;
  @ApiProperty({ type: String, nullable: true, example: '2' }) library_key!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '5678' }) rating_key!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) viewed_at!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) account_id!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The account name, from PMS /accounts' })
  user!: string | null;
}

export class PlexHistoryPageDto {
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) page_size!: number;
  @ApiProperty({ type: 'integer', description: 'Plays matching the filter, on every page' }) total!: number;
  @ApiProperty({ type: [PlexHistoryItemDto] }) items!: PlexHistoryItemDto[];
}

export class PlexScanResultDto {
  @ApiProperty({ example: '1' }) library_key!: string;
  @ApiProperty({ example: 'Movies' }) library!: string;
  @ApiProperty({ example: 'Plex is scanning the library "Movies".' }) message!: string;
}

export class PlexActionResultDto {
  @ApiProperty({ example: 'Plex is optimizing its database in the background.' }) message!: string;
}

export class PlexRestartResultDto extends PlexActionResultDto {
  @ApiProperty({ example: 'plex', description: 'The Docker container that was restarted' })
  container!: string;
}

export const PLEX_STOP_ROUTES = ['tautulli', 'plex'] as const;
export type PlexStopRoute = (typeof PLEX_STOP_ROUTES)[number];

export class PlexTerminateResultDto {
  @ApiProperty() session_id!: string;
  @ApiProperty({ example: 'Some Show - S01E01 - Pilot' }) title!: string;
  @ApiProperty({ example: 'alice' }) user!: string;
  @ApiProperty({
    enum: PLEX_STOP_ROUTES,
    enumName: 'PlexStopRoute',
    description: 'Who stopped it: Tautulli (terminate_session) when it is configured, else Plex itself',
  })
  via!: PlexStopRoute;
  @ApiProperty({ example: 'Stopped "Some Show - S01E01 - Pilot" for alice.' }) message!: string;
}

export class PlexRestartTargetDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'plex',
    description: 'The container a restart would restart; null when there is none',
  })
  container!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why Plex cannot be restarted from the panel, and how to enable it; null when it can',
  })
  reason!: string | null;
}

export class PlexSettingsDto {
  @ApiProperty({ example: 'http://plex:32400', description: 'Empty when not set' }) url!: string;
  @ApiProperty({ description: 'Whether a token is set (the token itself is never returned)' })
  token_set!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Docker container to restart Plex with' })
  container!: string | null;
  @ApiProperty({
    type: [String],
    example: ['PLEX_URL'],
    description: 'Environment variables in force; they win over the values saved here',
  })
  overridden_by_env!: string[];
}
