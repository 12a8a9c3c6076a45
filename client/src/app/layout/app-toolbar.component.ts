import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { type Clock } from '../common/format/dates';

@Component({
  selector: 'sp-app-toolbar',
  imports: [MatToolbarModule, MatButtonModule, MatIconModule, MatTooltipModule, RouterLink],
  template: `
    <mat-toolbar>
      @if (showMenuButton()) {
        <button
          mat-icon-button
          type="button"
          aria-label="Toggle navigation"
          data-testid="menu-toggle"
          (click)="menuToggle.emit()"
        >
          <mat-icon>menu</mat-icon>
        </button>
      }
      <a class="brand" routerLink="/dashboard">
        <mat-icon class="brand-icon" aria-hidden="true">dns</mat-icon>
        <span>Seedbox Panel</span>
      </a>
      <span class="spacer"></span>
      <button
        mat-icon-button
        type="button"
        data-testid="theme-toggle"
        [attr.aria-label]="dark() ? 'Switch to light mode' : 'Switch to dark mode'"
        [attr.aria-pressed]="dark()"
        [matTooltip]="dark() ? 'Light mode' : 'Dark mode'"
        (click)="themeToggle.emit()"
      >
        <mat-icon>{{ dark() ? 'light_mode' : 'dark_mode' }}</mat-icon>
      </button>
      <button
        mat-icon-button
        type="button"
        data-testid="clock-toggle"
        [attr.data-clock]="clock()"
        [attr.aria-label]="clockLabel()"
        [matTooltip]="clockLabel()"
        (click)="clockToggle.emit()"
      >
        <mat-icon>{{ clock() === '24h' ? 'schedule' : 'nest_clock_farsight_analog' }}</mat-icon>
      </button>
      @if (username(); as name) {
        <span class="user" data-testid="user-name">
          <mat-icon aria-hidden="true">account_circle</mat-icon>
          <span class="user-name">{{ name }}</span>
        </span>
      }
      <button
        mat-button
        type="button"
        class="logout"
        data-testid="logout"
        aria-label="Log out"
        (click)="logout.emit()"
      >
        <mat-icon>logout</mat-icon>
        <span class="logout-label">Log out</span>
      </button>
    </mat-toolbar>
  `,
  styles: `
    mat-toolbar {
      gap: 4px;
      padding-inline: 8px 12px;
      background: var(--mat-sys-surface-container);
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .brand {
      display: inline-flex;
      align-items: center;
      gap: 10px;
      padding-inline: 8px;
      color: inherit;
      text-decoration: none;
      font: var(--mat-sys-title-large);
      white-space: nowrap;
    }
    .brand-icon {
      color: var(--mat-sys-primary);
    }
    .spacer {
      flex: 1;
    }
    .user {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      margin-inline: 8px 4px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599.98px) {
      .brand {
        font: var(--mat-sys-title-medium);
        padding-inline: 4px;
      }
      .user,
      .logout-label,
      .brand-icon {
        display: none;
      }
      .logout {
        min-width: 48px;
      }
      .logout mat-icon {
        margin: 0;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppToolbarComponent {
  readonly username = input<string | null>(null);
  readonly dark = input(false);
  readonly clock = input<Clock>('24h');
  readonly showMenuButton = input(false);
  readonly menuToggle = output<void>();
  readonly themeToggle = output<void>();
  readonly clockToggle = output<void>();

  protected readonly clockLabel = computed(() =>
    this.clock() === '24h'
      ? "Times on a 24-hour clock; switch to the browser's own"
      : "Times as the browser's locale shows them; switch to a 24-hour clock",
  );
  readonly logout = output<void>();
}
