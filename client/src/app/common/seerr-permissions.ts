/**
 * Seerr's permission bits with short labels, grouped as Seerr's own user settings page groups them. The bit
 * values mirror `server/seerr/seerr.types.ts` SEERR_PERMISSIONS (the API exposes permissions only as a number).
 */
export interface PermissionBit {
  readonly bit: number;
  readonly label: string;
}

export interface PermissionGroup {
  readonly title: string;
  readonly bits: readonly PermissionBit[];
}

export const ADMIN_PERMISSION = 2;

export const PERMISSION_GROUPS: readonly PermissionGroup[] = [
  {
    title: 'Requests',
    bits: [
      { bit: 32, label: 'Request movies and series' },
      { bit: 262144, label: 'Request movies' },
      { bit: 524288, label: 'Request series' },
      { bit: 8192, label: 'Advanced requests' },
      { bit: 16384, label: 'View all requests' },
    ],
  },
  {
    title: '4K requests',
    bits: [
      { bit: 1024, label: 'Request 4K' },
      { bit: 2048, label: 'Request 4K movies' },
      { bit: 4096, label: 'Request 4K series' },
    ],
  },
  {
    title: 'Auto-approve',
    bits: [
      { bit: 128, label: 'Auto-approve all' },
      { bit: 256, label: 'Auto-approve movies' },
      { bit: 512, label: 'Auto-approve series' },
      { bit: 32768, label: 'Auto-approve 4K' },
      { bit: 65536, label: 'Auto-approve 4K movies' },
      { bit: 131072, label: 'Auto-approve 4K series' },
    ],
  },
  {
    title: 'Auto-request from watchlist',
    bits: [
      { bit: 8388608, label: 'Auto-request all' },
      { bit: 16777216, label: 'Auto-request movies' },
      { bit: 33554432, label: 'Auto-request series' },
    ],
  },
  {
    title: 'Browsing and issues',
    bits: [
      { bit: 67108864, label: 'View recently added' },
      { bit: 134217728, label: 'View watchlists' },
      { bit: 2097152, label: 'View issues' },
      { bit: 4194304, label: 'Report issues' },
      { bit: 1073741824, label: 'View blocklist' },
      { bit: 64, label: 'Vote (legacy)' },
    ],
  },
  {
    title: 'Management',
    bits: [
      { bit: ADMIN_PERMISSION, label: 'Admin (implies everything)' },
      { bit: 4, label: 'Manage settings' },
      { bit: 8, label: 'Manage users' },
      { bit: 16, label: 'Manage requests' },
      { bit: 1048576, label: 'Manage issues' },
      { bit: 268435456, label: 'Manage blocklist' },
    ],
  },
];

/** Seerr's fresh-install default for new users: "Request". */
export const SEERR_DEFAULT_PERMISSIONS = 32;

/** Bitwise helpers that stay exact above 2^31, where JavaScript's `&` and `|` would turn negative. */
export function hasBit(value: number, bit: number): boolean {
  return Math.floor(value / bit) % 2 === 1;
}

export function withBit(value: number, bit: number, on: boolean): number {
  const set = hasBit(value, bit);
  return on === set ? value : on ? value + bit : value - bit;
}
