import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok'], enumName: 'HealthStatus' }) status!: 'ok';
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds since the panel started' }) uptime_seconds!: number;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
}

export class ReadinessCheckDto {
  @ApiProperty({ enum: ['database', 'config', 'disk', 'services'], enumName: 'ReadinessCheckName' })
  name!: 'database' | 'config' | 'disk' | 'services';
  @ApiProperty() ok!: boolean;
  @ApiProperty() detail!: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'degraded'], enumName: 'ReadinessStatus' }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: [ReadinessCheckDto] }) checks!: ReadinessCheckDto[];
}

/** GET /api/health/about: what the About page shows (signed in: it names paths on the host). */
export class AboutDto {
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds since the panel started' }) uptime_seconds!: number;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ example: '/config/config.json' }) config_file!: string;
  @ApiProperty({ example: '/config/seedbox-panel.db' }) database_file!: string;
  @ApiProperty({ example: 'v22.12.0', description: "Node.js's version" }) node_version!: string;
  @ApiProperty({
    type: [String],
    example: ['PLEX_URL'],
    description: 'Environment variables that override config.json',
  })
  environment_overrides!: string[];
}

export const DISK_LEVELS = ['ok', 'warning', 'critical'] as const;
export type DiskLevel = (typeof DISK_LEVELS)[number];

/** One configured path (`disk_paths`) with its filesystem's free and used space. */
export class DiskUsageDto {
  @ApiProperty({ example: 'Media' }) name!: string;
  @ApiProperty({ example: '/data/media' }) path!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Bytes; null when the path cannot be read' })
  total_bytes!: number | null;
  @ApiProperty({ type: Number, nullable: true }) used_bytes!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Bytes an unprivileged writer may still use' })
  free_bytes!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Used share of the usable space, as df shows it',
  })
  used_percent!: number | null;
  @ApiProperty({ type: 'integer', description: 'From this used share the level is warning' })
  warn_percent!: number;
  @ApiProperty({ type: 'integer', description: 'From this used share the level is critical' })
  critical_percent!: number;
  @ApiProperty({
    enum: DISK_LEVELS,
    enumName: 'DiskLevel',
    description: 'critical also when the path cannot be read',
  })
  level!: DiskLevel;
  @ApiProperty({ type: String, nullable: true, description: 'Why the path cannot be read' })
  error!: string | null;
}

export const SERVICE_KINDS = [
  'seerr',
  'media-server',
  'plex',
  'tautulli',
  'torrent-client',
  'docker',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const SERVICE_STATES = ['up', 'down', 'off'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/** One upstream of the stack and whether it answers now. */
export class ServiceHealthDto {
  @ApiProperty({ example: 'media-server:Jellyfin', description: 'Unique in the list' }) id!: string;
  @ApiProperty({ enum: SERVICE_KINDS, enumName: 'ServiceKind' }) kind!: ServiceKind;
  @ApiProperty({ example: 'Jellyfin' }) name!: string;
  @ApiProperty({
    enum: SERVICE_STATES,
    enumName: 'ServiceState',
    description: 'off: not configured or disabled (readiness leaves it out)',
  })
  state!: ServiceState;
  @ApiProperty({ description: 'Why, in a sentence that names the service' }) detail!: string;
  @ApiProperty({ type: String, nullable: true, example: '10.10.3' }) version!: string | null;
}

export class ServiceHealthListDto {
  @ApiProperty({ type: [ServiceHealthDto] }) services!: ServiceHealthDto[];
  @ApiProperty({ format: 'date-time' }) checked_at!: string;
}
