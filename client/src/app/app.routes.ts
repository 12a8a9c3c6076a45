import { type Routes } from '@angular/router';

import { authGuard } from './core/auth/auth.guard';
import { guestGuard } from './core/auth/guest.guard';
import { unsavedChangesGuard } from './common/form/unsaved-changes';

export const routes: Routes = [
  {
    path: 'login',
    title: 'Log in · Seedbox Panel',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/login/login-page.component').then((m) => m.LoginPageComponent),
  },
  {
    path: '',
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    loadComponent: () => import('./layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      {
        path: 'dashboard',
        title: 'Dashboard · Seedbox Panel',
        loadComponent: () =>
          import('./features/dashboard/dashboard-page.component').then((m) => m.DashboardPageComponent),
      },
      {
        path: 'sync',
        title: 'Sync · Seedbox Panel',
        loadComponent: () => import('./features/sync/sync-page.component').then((m) => m.SyncPageComponent),
      },
      {
        path: 'sync/runs/:id',
        title: 'Sync run · Seedbox Panel',
        loadComponent: () =>
          import('./features/sync/sync-run-page.component').then((m) => m.SyncRunPageComponent),
      },
      {
        path: 'users',
        title: 'Users · Seedbox Panel',
        loadComponent: () =>
          import('./features/users/users-page.component').then((m) => m.UsersPageComponent),
      },
      {
        path: 'requests',
        title: 'Requests · Seedbox Panel',
        loadComponent: () =>
          import('./features/requests/requests-page.component').then((m) => m.RequestsPageComponent),
      },
      {
        path: 'plex',
        title: 'Plex · Seedbox Panel',
        loadComponent: () => import('./features/plex/plex-page.component').then((m) => m.PlexPageComponent),
      },
      {
        path: 'torrents',
        title: 'Torrents · Seedbox Panel',
        loadComponent: () =>
          import('./features/torrents/torrents-page.component').then((m) => m.TorrentsPageComponent),
      },
      {
        path: 'applications',
        title: 'Applications · Seedbox Panel',
        loadComponent: () =>
          import('./features/applications/applications-page.component').then(
            (m) => m.ApplicationsPageComponent,
          ),
      },
      {
        path: 'media-servers',
        title: 'Media servers · Seedbox Panel',
        loadComponent: () =>
          import('./features/media-servers/media-servers-page.component').then(
            (m) => m.MediaServersPageComponent,
          ),
      },
      {
        path: 'torrent-clients',
        title: 'Torrent clients · Seedbox Panel',
        loadComponent: () =>
          import('./features/torrent-clients/torrent-clients-page.component').then(
            (m) => m.TorrentClientsPageComponent,
          ),
      },
      {
        path: 'seerr',
        title: 'Seerr · Seedbox Panel',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () =>
          import('./features/seerr/seerr-page.component').then((m) => m.SeerrPageComponent),
      },
      {
        path: 'audit',
        title: 'Audit log · Seedbox Panel',
        loadComponent: () =>
          import('./features/audit/audit-page.component').then((m) => m.AuditPageComponent),
      },
      {
        path: 'about',
        title: 'About · Seedbox Panel',
        loadComponent: () =>
          import('./features/about/about-page.component').then((m) => m.AboutPageComponent),
      },
    ],
  },
  { path: '**', redirectTo: 'dashboard' },
];
