import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

const required: ValidatorFn = (control) => Validators.required(control);

@Component({
  selector: 'sp-login-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>Username</mat-label>
        <input
          matInput
          formControlName="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          data-testid="login-username"
          required
        />
        <mat-icon matPrefix aria-hidden="true">person</mat-icon>
        @if (form.controls.username.hasError('required')) {
          <mat-error>Enter your username</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline">
        <mat-label>Password</mat-label>
        <input
          matInput
          formControlName="password"
          [type]="showPassword() ? 'text' : 'password'"
          autocomplete="current-password"
          data-testid="login-password"
          required
        />
        <mat-icon matPrefix aria-hidden="true">lock</mat-icon>
        <button
          mat-icon-button
          matSuffix
          type="button"
          [attr.aria-label]="showPassword() ? 'Hide password' : 'Show password'"
          [attr.aria-pressed]="showPassword()"
          (click)="showPassword.set(!showPassword())"
        >
          <mat-icon>{{ showPassword() ? 'visibility_off' : 'visibility' }}</mat-icon>
        </button>
        @if (form.controls.password.hasError('required')) {
          <mat-error>Enter your password</mat-error>
        }
      </mat-form-field>

      @if (error(); as message) {
        <p class="error" role="alert" data-testid="login-error">
          <mat-icon aria-hidden="true">error</mat-icon>
          <span>{{ message }}</span>
        </p>
      }

      <button mat-flat-button type="submit" class="submit" data-testid="login-submit" [disabled]="pending()">
        @if (pending()) {
          <mat-progress-spinner mode="indeterminate" diameter="20" aria-label="Signing in" />
        } @else {
          Log in
        }
      </button>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    mat-form-field mat-icon[matPrefix] {
      margin-inline: 12px 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 0 0 12px;
      padding: 12px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-medium);
    }
    .submit {
      height: 48px;
    }
    .submit mat-progress-spinner {
      margin: 0 auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginFormComponent {
  readonly pending = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<Credentials>();

  protected readonly showPassword = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', required],
    password: ['', required],
  });

  protected submit(): void {
    if (this.pending()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitted.emit(this.form.getRawValue());
  }
}
