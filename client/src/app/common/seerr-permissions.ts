import { type SeerrPermissionName, type SeerrPermissionsDto } from '../api';

/**
 * Short labels for Seerr's permissions, grouped as Seerr's own user settings page groups them. The bits
 * come from the server (`GET /api/seerr/permissions`); the API exposes permissions only as a number.
 */
export interface PermissionGroupLabels {
  readonly title: string;
  readonly labels: Partial<Record<SeerrPermissionName, string>>;
}

export interface PermissionBit {
  readonly name: SeerrPermissionName;
  readonly bit: number;
  readonly label: string;
}

export interface PermissionGroup {
  readonly title: string;
  readonly bits: readonly PermissionBit[];
}

const PERMISSION_LABELS: readonly PermissionGroupLabels[] = [
  {
    title: 'Requests',
    labels: {
      REQUEST: 'Request movies and series',
      REQUEST_MOVIE: 'Request movies',
      REQUEST_TV: 'Request series',
      REQUEST_ADVANCED: 'Advanced requests',
      REQUEST_VIEW: 'View all requests',
    },
  },
  {
    title: '4K requests',
    labels: {
      REQUEST_4K: 'Request 4K',
      REQUEST_4K_MOVIE: 'Request 4K movies',
      REQUEST_4K_TV: 'Request 4K series',
    },
  },
  {
    title: 'Auto-approve',
    labels: {
      AUTO_APPROVE: 'Auto-approve all',
      AUTO_APPROVE_MOVIE: 'Auto-approve movies',
      AUTO_APPROVE_TV: 'Auto-approve series',
      AUTO_APPROVE_4K: 'Auto-approve 4K',
      AUTO_APPROVE_4K_MOVIE: 'Auto-approve 4K movies',
      AUTO_APPROVE_4K_TV: 'Auto-approve 4K series',
    },
  },
  {
    title: 'Auto-request from watchlist',
    labels: {
      AUTO_REQUEST: 'Auto-request all',
      AUTO_REQUEST_MOVIE: 'Auto-request movies',
      AUTO_REQUEST_TV: 'Auto-request series',
    },
  },
  {
    title: 'Browsing and issues',
    labels: {
      RECENT_VIEW: 'View recently added',
      WATCHLIST_VIEW: 'View watchlists',
      VIEW_ISSUES: 'View issues',
      CREATE_ISSUES: 'Report issues',
      VIEW_BLOCKLIST: 'View blocklist',
      VOTE: 'Vote (legacy)',
    },
  },
  {
    title: 'Management',
    labels: {
      ADMIN: 'Admin (implies everything)',
      MANAGE_SETTINGS: 'Manage settings',
      MANAGE_USERS: 'Manage users',
      MANAGE_REQUESTS: 'Manage requests',
      MANAGE_ISSUES: 'Manage issues',
      MANAGE_BLOCKLIST: 'Manage blocklist',
    },
  },
];

/** The labelled groups, with each permission's bit from the server's table (unknown names are left out). */
export function permissionGroups(table: SeerrPermissionsDto): PermissionGroup[] {
  const bits = new Map(table.permissions.map((permission) => [permission.name, permission.bit]));
  return PERMISSION_LABELS.map(({ title, labels }) => ({
    title,
    bits: (Object.entries(labels) as [SeerrPermissionName, string][]).flatMap(([name, label]) => {
      const bit = bits.get(name);
      return bit === undefined ? [] : [{ name, bit, label }];
    }),
  }));
}

/** Bitwise helpers that stay exact above 2^31, where JavaScript's `&` and `|` would turn negative. */
export function hasBit(value: number, bit: number): boolean {
  return Math.floor(value / bit) % 2 === 1;
}

export function withBit(value: number, bit: number, on: boolean): number {
  const set = hasBit(value, bit);
  return on === set ? value : on ? value + bit : value - bit;
}
