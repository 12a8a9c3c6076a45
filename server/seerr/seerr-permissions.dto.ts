import { ApiProperty } from '@nestjs/swagger';
import { SEERR_DEFAULT_PERMISSIONS, SEERR_PERMISSIONS, type SeerrPermissionName } from './seerr.types';

const PERMISSION_NAMES = Object.keys(SEERR_PERMISSIONS) as SeerrPermissionName[];

/** One Seerr permission: its name and its bit (a user's `permissions` is the OR of its bits). */
export class SeerrPermissionDto {
  @ApiProperty({ enum: PERMISSION_NAMES, enumName: 'SeerrPermissionName' }) name!: SeerrPermissionName;
  @ApiProperty({ type: 'integer', example: 32 }) bit!: number;
}

/** Seerr's permission table; the API exposes a user's permissions only as a number. */
export class SeerrPermissionsDto {
  @ApiProperty({ type: [SeerrPermissionDto], description: 'Every permission, ADMIN implying all others' })
  permissions!: SeerrPermissionDto[];
  @ApiProperty({ type: 'integer', description: "Seerr's fresh-install default for new users", example: 32 })
  default_permissions!: number;
}

export const SEERR_PERMISSION_TABLE: SeerrPermissionsDto = {
  permissions: PERMISSION_NAMES.map((name) => ({ name, bit: SEERR_PERMISSIONS[name] })),
  default_permissions: SEERR_DEFAULT_PERMISSIONS,
};
