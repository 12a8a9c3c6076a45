import { ApiProperty } from '@nestjs/swagger';
import { CONTAINER_SHOW_MODES, type ContainerShowMode } from '../config/config.schema';
import { LINKED_SERVICES, type LinkedService } from './service-links';

export const CONTAINER_STATES = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
] as const;
export const CONTAINER_HEALTH = ['healthy', 'unhealthy', 'starting'] as const;

export class ContainerDto {
  @ApiProperty({ example: '3f4e1a2b9c0d', description: "Docker's short id (12 characters)" }) id!: string;
  @ApiProperty({ example: 'plex', description: 'The container name, without the leading slash' })
  name!: string;
  @ApiProperty({ example: 'lscr.io/linuxserver/plex:latest' }) image!: string;
  @ApiProperty({ enum: CONTAINER_STATES, example: 'running' }) state!: string;
  @ApiProperty({ example: 'Up 3 hours (healthy)', description: "Docker's own status text" }) status!: string;
  @ApiProperty({ enum: CONTAINER_HEALTH, nullable: true, type: String, description: 'null: no health check' })
  health!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: never started' })
  started_at!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Seconds since it started; running containers only',
  })
  uptime_seconds!: number | null;
  @ApiProperty({ description: 'Restarts by its restart policy' }) restart_count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Exit code of an exited or dead container' })
  exit_code!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'CPU % since the previous refresh, as docker stats shows it (100 = one core); null when not running, ' +
      'on the first reading, or when stats are unavailable',
  })
  cpu_percent!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Memory in use without the page cache' })
  memory_bytes!: number | null;
  @ApiProperty({ type: Number, nullable: true }) memory_limit_bytes!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Bytes received; null without a network (host mode)',
  })
  net_rx_bytes!: number | null;
  @ApiProperty({ type: Number, nullable: true }) net_tx_bytes!: number | null;
  @ApiProperty({
    enum: LINKED_SERVICES,
    nullable: true,
    type: String,
    description: 'The panel service this container runs (config.json `container`, else its image or name)',
  })
  service!: LinkedService | null;
}

export class ContainerFilterDto {
  @ApiProperty({ enum: CONTAINER_SHOW_MODES, example: 'label' }) mode!: ContainerShowMode;
  @ApiProperty({
    type: [String],
    example: ['plex', 'tautulli'],
    description: 'Container names shown in mode named',
  })
  names!: string[];
  @ApiProperty({
    example: 'seedbox-panel.show=true',
    description: 'Docker label (key=value or key) for mode label',
  })
  label!: string;
}

export class ContainerListDto {
  @ApiProperty({ type: [ContainerDto] }) containers!: ContainerDto[];
  @ApiProperty({
    format: 'date-time',
    description: 'When Docker was read (one read serves every viewer for a few seconds)',
  })
  read_at!: string;
  @ApiProperty({ type: ContainerFilterDto }) filter!: ContainerFilterDto;
}

export class ContainerActionResultDto {
  @ApiProperty({ example: 'plex' }) name!: string;
  @ApiProperty({ enum: ['start', 'stop', 'restart'] }) action!: string;
  @ApiProperty({ enum: CONTAINER_STATES, description: 'The state after the action' }) state!: string;
  @ApiProperty({
    description: 'False when nothing changed: it was already running (start) or stopped (stop)',
  })
  changed!: boolean;
  @ApiProperty({ enum: LINKED_SERVICES, nullable: true, type: String }) service!: LinkedService | null;
}

export class ContainerLogLineDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "Docker's timestamp of the line",
  })
  time!: string | null;
  @ApiProperty({ enum: ['stdout', 'stderr'] }) stream!: 'stdout' | 'stderr';
  @ApiProperty({ example: 'Starting Plex Media Server.' }) text!: string;
}

export class ContainerLogsDto {
  @ApiProperty({ example: 'plex' }) name!: string;
  @ApiProperty({ type: [ContainerLogLineDto] }) lines!: ContainerLogLineDto[];
  @ApiProperty({ description: 'The log has more lines before these (the tail was reached)' })
  truncated!: boolean;
}

/** One event of the followed log: the lines of one chunk Docker sent. */
export class ContainerLogBatchDto {
  @ApiProperty({ type: [ContainerLogLineDto] }) lines!: ContainerLogLineDto[];
}
