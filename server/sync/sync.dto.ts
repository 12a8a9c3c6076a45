import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BooleanField, IntField } from '../common/validation.decorators';
import { SIGN_IN_METHODS, type SignInMethod } from './sign-in';
import { SKIP_CODES } from './sync-plan.types';

export const SYNC_TRIGGERS = ['manual', 'schedule', 'api', 'cli'] as const;
export const SYNC_RUN_STATUSES = ['running', 'awaiting_approval', 'completed', 'failed'] as const;

export class SyncOptionsDto {
  @BooleanField({
    optional: true,
    description: 'Delete Seerr users on no media server (default: the setting)',
  })
  remove_missing?: boolean;
  @IntField({
    optional: true,
    min: 0,
    max: 2147483647,
    description: 'Permission bits for created users (default: the setting)',
  })
  permissions?: number;
  @BooleanField({ optional: true, description: 'Go ahead with deletions above the cap without approval' })
  force?: boolean;
}

export class StartSyncDto extends SyncOptionsDto {
  @BooleanField({ optional: true, description: 'Started from the UI (trigger "manual") rather than the API' })
  from_ui?: boolean;
}

export class QuotaDto {
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) days!: number;
}

export class PlannedCreateDto {
  @ApiProperty() username!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: [String] }) sources!: string[];
  @ApiProperty({ description: 'Server whose password suffix and request limit apply' })
  settings_from!: string;
  @ApiProperty({
    description: 'The generated password is shorter than Seerr’s 8-character minimum for changes',
  })
  weak_password!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) permissions!: number | null;
  @ApiProperty({ type: QuotaDto, nullable: true }) quota!: QuotaDto | null;
}

export class PlannedUpdateDto {
  @ApiProperty() username!: string;
  @ApiProperty({ type: 'integer' }) seerr_id!: number;
  @ApiProperty({ type: QuotaDto, nullable: true }) quota_from!: QuotaDto | null;
  @ApiProperty({ type: QuotaDto }) quota_to!: QuotaDto;
  @ApiProperty() reason!: string;
}

export class PlannedDeletionDto {
  @ApiProperty() username!: string;
  @ApiProperty({ type: 'integer' }) seerr_id!: number;
  @ApiProperty() reason!: string;
}

export class PlannedSkipDto {
  @ApiProperty() username!: string;
  @ApiProperty({ type: 'integer', nullable: true }) seerr_id!: number | null;
  @ApiProperty({
    enum: SKIP_CODES,
    enumName: 'SyncSkipCode',
  })
  code!: string;
  @ApiProperty() reason!: string;
}

export class PlanGuardDto {
  @ApiProperty() deletions_allowed!: boolean;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'integer' }) cap!: number;
  @ApiProperty() needs_approval!: boolean;
}

export class ServerErrorDto {
  @ApiProperty() server!: string;
  @ApiProperty() error!: string;
}

export class SyncPlanDto {
  @ApiProperty({ type: [PlannedCreateDto] }) creates!: PlannedCreateDto[];
  @ApiProperty({ type: [PlannedUpdateDto] }) updates!: PlannedUpdateDto[];
  @ApiProperty({ type: [PlannedDeletionDto] }) deletions!: PlannedDeletionDto[];
  @ApiProperty({ type: [PlannedSkipDto] }) skips!: PlannedSkipDto[];
  @ApiProperty({ type: 'integer', description: 'Seerr users already in line' }) unchanged!: number;
  @ApiProperty({ type: PlanGuardDto }) guard!: PlanGuardDto;
  @ApiProperty({ type: [ServerErrorDto] }) server_errors!: ServerErrorDto[];
}

export class SyncApprovalPreviewDto {
  @ApiProperty({ type: 'integer' }) run_id!: number;
  @ApiProperty({
    type: [PlannedDeletionDto],
    description: 'Who approving deletes now: the held-back deletions that are still on no media server',
  })
  deletions!: PlannedDeletionDto[];
  @ApiProperty({
    type: [String],
    description: 'Held back by the run but no longer to be deleted (back on a server, unblocked, immune…)',
  })
  no_longer!: string[];
}

export class SyncStartedDto {
  @ApiProperty({ type: 'integer' }) run_id!: number;
}

export class SyncCountsDto {
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty({ type: 'integer' }) updated!: number;
  @ApiProperty({ type: 'integer' }) deleted!: number;
  @ApiProperty({ type: 'integer' }) skipped!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: 'integer' }) unchanged!: number;
  @ApiProperty({ type: 'integer', description: 'Deletions waiting for approval' }) pending_deletions!: number;
}

export class SyncRunDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ enum: SYNC_TRIGGERS, enumName: 'SyncTrigger' }) trigger!: (typeof SYNC_TRIGGERS)[number];
  @ApiProperty() actor!: string;
  @ApiProperty({ enum: SYNC_RUN_STATUSES, enumName: 'SyncRunStatus' })
  status!: (typeof SYNC_RUN_STATUSES)[number];
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finished_at!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) options!: Record<string, unknown>;
  @ApiProperty({ type: SyncCountsDto }) counts!: SyncCountsDto;
  @ApiProperty({ type: [ServerErrorDto] }) server_errors!: ServerErrorDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description:
      'Milliseconds per phase (`*_ms`), and how the Seerr writes went: `write_limit` (writes in flight the run settled on), `write_limit_peak`, `write_requests`, `write_rounds` (the sum over those requests of 1 / requests in flight as each started)',
  })
  timings!: Record<string, number>;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
}

export class SyncRunUserDto {
  @ApiProperty() username!: string;
  @ApiProperty({ type: 'integer', nullable: true }) seerr_id!: number | null;
  @ApiProperty({ enum: ['create', 'update', 'delete', 'skip'], enumName: 'SyncAction' }) action!: string;
  @ApiProperty({ enum: ['ok', 'error', 'skipped', 'pending'], enumName: 'SyncUserOutcome' }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'What the person types into Seerr\'s sign-in: for local accounts the "E-mail" field (the e-mail if set, else the user name, lower-cased as Seerr stores it); for Plex/Jellyfin/Emby accounts their name there. Null with no account',
  })
  sign_in!: string | null;
  @ApiProperty({ enum: SIGN_IN_METHODS, enumName: 'SignInMethod', nullable: true })
  sign_in_method!: SignInMethod | null;
}

export class RunCredentialDto {
  @ApiProperty() username!: string;
  @ApiProperty({ type: 'integer', nullable: true }) seerr_id!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'What to type into Seerr\'s "E-mail" field' })
  sign_in!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Server whose password suffix applied' })
  server!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'password',
    description: 'First password, made again from the rule and the suffix configured now (never stored)',
  })
  password!: string | null;
  @ApiProperty() password_rule!: string;
}

export class RunCredentialsDto {
  @ApiProperty({ type: 'integer' }) run_id!: number;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ type: [RunCredentialDto] }) users!: RunCredentialDto[];
}

export class SyncRunDetailDto extends SyncRunDto {
  @ApiProperty({ type: [SyncRunUserDto] }) users!: SyncRunUserDto[];
}

export class SyncRunPageDto {
  @ApiProperty({ type: [SyncRunDto] }) items!: SyncRunDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
}

export class SyncRunsQueryDto {
  @IntField({ optional: true, min: 1, max: 100000, default: 1 }) page?: number;
  @IntField({ optional: true, min: 1, max: 200, default: 20 }) page_size?: number;
}

export class SyncProgressDto {
  @ApiProperty({ type: 'integer' }) run_id!: number;
  @ApiProperty({
    enum: ['reading', 'creating', 'updating', 'deleting', 'awaiting_approval', 'done', 'failed'],
    enumName: 'SyncPhase',
  })
  phase!: string;
  @ApiProperty({ type: 'integer' }) done!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiPropertyOptional() message?: string;
}

export class SyncStatusDto {
  @ApiProperty() running!: boolean;
  @ApiProperty({ type: SyncProgressDto, nullable: true }) progress!: SyncProgressDto | null;
  @ApiProperty({ type: 'integer', nullable: true }) interval_minutes!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) next_run_at!: string | null;
  @ApiProperty({ type: SyncRunDto, nullable: true }) last_run!: SyncRunDto | null;
}
