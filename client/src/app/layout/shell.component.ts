import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatSidenavModule } from '@angular/material/sidenav';
import { RouterOutlet } from '@angular/router';

import { AuthService } from '../core/auth/auth.service';
import { SessionStore } from '../core/auth/session.store';
import { ThemeService } from '../core/theme/theme.service';
import { ClockPreferenceService } from '../common/format/clock-preference.service';
import { mediaQuery } from '../core/util/media-query';
import { AppToolbarComponent } from './app-toolbar.component';
import { NAV_ITEMS } from './nav-items';
import { NavListComponent } from './nav-list.component';

const HANDSET_QUERY = '(max-width: 959.98px)';

@Component({
  selector: 'sp-shell',
  imports: [MatSidenavModule, MatIconModule, RouterOutlet, AppToolbarComponent, NavListComponent],
  template: `
    <sp-app-toolbar
      [username]="session.username()"
      [dark]="theme.isDark()"
      [clock]="clock.clock()"
      [showMenuButton]="handset()"
      (menuToggle)="menuOpen.set(!menuOpen())"
      (themeToggle)="theme.toggle()"
      (clockToggle)="clock.toggle()"
      (logout)="auth.logout()"
    />
    <mat-sidenav-container class="container">
      <mat-sidenav
        class="sidenav"
        [mode]="handset() ? 'over' : 'side'"
        [opened]="sidenavOpened()"
        (openedChange)="handset() && menuOpen.set($event)"
      >
        @if (handset() && session.username(); as name) {
          <div class="drawer-user">
            <mat-icon aria-hidden="true">account_circle</mat-icon>
            <span
              >Signed in as <strong>{{ name }}</strong></span
            >
          </div>
        }
        <sp-nav-list [items]="navItems" (navigated)="handset() && menuOpen.set(false)" />
      </mat-sidenav>
      <mat-sidenav-content>
        <main class="content">
          <router-outlet />
        </main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
    }
    .container {
      flex: 1;
    }
    .sidenav {
      width: 240px;
      border-right: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
    }
    .drawer-user {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 20px 24px 12px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .content {
      box-sizing: border-box;
      max-width: 1280px;
      margin: 0 auto;
      padding: 24px;
    }
    @media (max-width: 599.98px) {
      .content {
        padding: 16px 12px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  protected readonly session = inject(SessionStore);
  protected readonly theme = inject(ThemeService);
  protected readonly clock = inject(ClockPreferenceService);
  protected readonly auth = inject(AuthService);
  protected readonly navItems = NAV_ITEMS;
  protected readonly menuOpen = signal(false);

  protected readonly handset = mediaQuery(HANDSET_QUERY);
  protected readonly sidenavOpened = computed(() => !this.handset() || this.menuOpen());
}
