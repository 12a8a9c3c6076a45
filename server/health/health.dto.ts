import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok'], enumName: 'HealthStatus' }) status!: 'ok';
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds since the panel started' }) uptime_seconds!: number;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
}

export class ReadinessCheckDto {
  @ApiProperty({ enum: ['database', 'config', 'disk'], enumName: 'ReadinessCheckName' })
  name!: 'database' | 'config' | 'disk';
  @ApiProperty() ok!: boolean;
  @ApiProperty() detail!: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'degraded'], enumName: 'ReadinessStatus' }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: [ReadinessCheckDto] }) checks!: ReadinessCheckDto[];
}
