export interface NavItem {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
  readonly testId: string;
}

/** Only pages that exist are listed. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dashboard', label: 'Dashboard', icon: 'dashboard', testId: 'nav-dashboard' },
  { path: '/audit', label: 'Audit log', icon: 'history', testId: 'nav-audit' },
];
