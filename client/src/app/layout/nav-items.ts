export interface NavItem {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
  readonly testId: string;
}

/** Only pages that exist are listed. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dashboard', label: 'Dashboard', icon: 'dashboard', testId: 'nav-dashboard' },
  { path: '/sync', label: 'Sync', icon: 'sync', testId: 'nav-sync' },
  { path: '/users', label: 'Users', icon: 'group', testId: 'nav-users' },
  { path: '/requests', label: 'Requests', icon: 'movie', testId: 'nav-requests' },
  { path: '/plex', label: 'Plex', icon: 'live_tv', testId: 'nav-plex' },
  { path: '/torrents', label: 'Torrents', icon: 'downloading', testId: 'nav-torrents' },
  { path: '/applications', label: 'Applications', icon: 'apps', testId: 'nav-applications' },
  { path: '/media-servers', label: 'Media servers', icon: 'dns', testId: 'nav-media-servers' },
  {
    path: '/torrent-clients',
    label: 'Torrent clients',
    icon: 'settings_input_component',
    testId: 'nav-torrent-clients',
  },
  { path: '/seerr', label: 'Seerr', icon: 'hub', testId: 'nav-seerr' },
  { path: '/audit', label: 'Audit log', icon: 'history', testId: 'nav-audit' },
  { path: '/about', label: 'About', icon: 'info', testId: 'nav-about' },
];
