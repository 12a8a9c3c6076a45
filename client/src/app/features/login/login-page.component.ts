import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';

import { describeApiError } from '../../core/api/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { safeReturnUrl } from '../../core/auth/return-url';
import { ThemeService } from '../../core/theme/theme.service';
import { type Credentials, LoginFormComponent } from './login-form.component';

@Component({
  selector: 'sp-login-page',
  imports: [MatCardModule, MatIconModule, MatButtonModule, MatTooltipModule, LoginFormComponent],
  template: `
    <button
      mat-icon-button
      type="button"
      class="theme"
      data-testid="theme-toggle"
      [attr.aria-label]="theme.isDark() ? 'Switch to light mode' : 'Switch to dark mode'"
      [attr.aria-pressed]="theme.isDark()"
      [matTooltip]="theme.isDark() ? 'Light mode' : 'Dark mode'"
      (click)="theme.toggle()"
    >
      <mat-icon>{{ theme.isDark() ? 'light_mode' : 'dark_mode' }}</mat-icon>
    </button>
    <main class="page">
      <mat-card appearance="outlined" class="card">
        <mat-card-header>
          <mat-icon mat-card-avatar class="avatar" aria-hidden="true">dns</mat-icon>
          <mat-card-title><h1>Seedbox Panel</h1></mat-card-title>
          <mat-card-subtitle>Log in to manage your media server</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          <sp-login-form [pending]="pending()" [error]="error()" (submitted)="logIn($event)" />
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100%;
      background: var(--mat-sys-surface-container-low);
    }
    .theme {
      position: absolute;
      top: 8px;
      right: 8px;
    }
    .page {
      display: flex;
      align-items: center;
      justify-content: center;
      box-sizing: border-box;
      min-height: 100vh;
      min-height: 100dvh;
      padding: 24px 16px;
    }
    .card {
      width: 100%;
      max-width: 400px;
      padding: 8px 8px 16px;
      background: var(--mat-sys-surface);
    }
    mat-card-header {
      margin-bottom: 24px;
    }
    h1 {
      margin: 0;
      font: inherit;
    }
    .avatar {
      display: grid;
      place-items: center;
      border-radius: 12px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPageComponent {
  /** Bound from the query string by the router. */
  readonly returnUrl = input<string>();

  private readonly auth = inject(AuthService);

  protected readonly theme = inject(ThemeService);
  protected readonly pending = signal(false);
  /** Starts with "your session ended" when the session ended by itself (signed out elsewhere, expired). */
  protected readonly error = signal<string | null>(this.auth.notice());

  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected logIn({ username, password }: Credentials): void {
    this.pending.set(true);
    this.error.set(null);
    this.auth
      .login(username, password)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => void this.router.navigateByUrl(safeReturnUrl(this.returnUrl())),
        error: (error: unknown) => {
          this.pending.set(false);
          this.error.set(loginErrorMessage(error));
        },
      });
  }
}

function loginErrorMessage(error: unknown): string | null {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 401) {
      return 'Wrong username or password.';
    }
    if (error.status === 429 || error.status === 400) {
      return describeApiError(error);
    }
  }
  // Everything else has already been reported by the global snackbar.
  return null;
}
