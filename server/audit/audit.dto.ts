import { ApiProperty } from '@nestjs/swagger';
import { DateTimeField, EnumField, IntField, StringField } from '../common/validation.decorators';

export const AUDIT_OUTCOMES = ['ok', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_SORT_FIELDS = ['time', 'action', 'actor', 'outcome'] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;

export class AuditFilterDto {
  @StringField({ optional: true, maxLength: 200, description: 'Exact action name, e.g. auth.login' })
  action?: string;
  @StringField({ optional: true, maxLength: 200, description: 'Actor name (case-insensitive substring)' })
  actor?: string;
  @EnumField(AUDIT_OUTCOMES, { optional: true, enumName: 'AuditOutcome' }) outcome?: AuditOutcome;
  @DateTimeField({ optional: true, notAfter: 'to', description: 'Entries at or after this time' })
  from?: string;
  @DateTimeField({ optional: true, description: 'Entries at or before this time' }) to?: string;
  @StringField({
    optional: true,
    maxLength: 200,
    description: 'Free text searched in actor, action, target, address and detail',
  })
  q?: string;
}

export class AuditListQueryDto extends AuditFilterDto {
  @IntField({ optional: true, min: 1, max: 1_000_000, default: 1 }) page?: number;
  @IntField({ optional: true, min: 1, max: 500, default: 50 }) page_size?: number;
  @EnumField(AUDIT_SORT_FIELDS, { optional: true, enumName: 'AuditSortField', default: 'time' })
  sort?: (typeof AUDIT_SORT_FIELDS)[number];
  @EnumField(SORT_ORDERS, { optional: true, enumName: 'SortOrder', default: 'desc' })
  order?: (typeof SORT_ORDERS)[number];
}

export class AuditEntryDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ format: 'date-time' }) time!: string;
  @ApiProperty({ description: 'Admin user name, `scheduler`, `cli`, or the name tried at a failed sign-in' })
  actor!: string;
  @ApiProperty({ description: 'Client address' }) ip!: string;
  @ApiProperty({ example: 'auth.login' }) action!: string;
  @ApiProperty({ type: String, nullable: true }) target!: string | null;
  @ApiProperty({ enum: AUDIT_OUTCOMES, enumName: 'AuditOutcome' }) outcome!: AuditOutcome;
  @ApiProperty({ type: 'integer', nullable: true }) status_code!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Details, with secrets removed' })
  detail!: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) page_size!: number;
}

export class AuditActionsDto {
  @ApiProperty({ type: [String] }) actions!: string[];
}

/** What a service or the interceptor hands to AuditService.record. */
export interface NewAuditEntry {
  actor: string;
  ip?: string;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  status_code?: number | null;
  detail?: Record<string, unknown>;
}
