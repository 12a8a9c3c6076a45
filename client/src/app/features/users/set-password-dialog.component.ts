import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { finalize } from 'rxjs';

import { describeApiError } from '../../core/api/api-error';
import { required } from '../../common/validators';
import { UsersClient } from './users-client.service';

export const MIN_PASSWORD = 8;

export interface SetPasswordDialogData {
  readonly username: string;
}

function matching(group: AbstractControl): ValidationErrors | null {
  const { password, repeat } = group.value as { password: string; repeat: string };
  return password !== repeat ? { mismatch: true } : null;
}

/** Sets a person's Seerr password; closes with `true` once it is changed. */
@Component({
  selector: 'sp-set-password-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatProgressSpinnerModule,
  ],
  template: `
    <h2 mat-dialog-title>Set the Seerr password of {{ data.username }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (error(); as message) {
          <p class="sp-error-banner" role="alert" data-testid="password-error">
            <mat-icon aria-hidden="true">error</mat-icon>{{ message }}
          </p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>New password</mat-label>
          <input
            matInput
            [type]="visible() ? 'text' : 'password'"
            formControlName="password"
            autocomplete="new-password"
            data-testid="password-input"
          />
          <button
            mat-icon-button
            matSuffix
            type="button"
            [attr.aria-label]="visible() ? 'Hide password' : 'Show password'"
            [attr.aria-pressed]="visible()"
            (click)="visible.set(!visible())"
          >
            <mat-icon>{{ visible() ? 'visibility_off' : 'visibility' }}</mat-icon>
          </button>
          <mat-hint>At least {{ min }} characters</mat-hint>
          @if (form.controls.password.hasError('required')) {
            <mat-error>Enter a password.</mat-error>
          } @else if (form.controls.password.hasError('minlength')) {
            <mat-error data-testid="password-too-short">
              Too short: {{ form.controls.password.value.length }} of at least {{ min }} characters.
            </mat-error>
          } @else if (form.controls.password.hasError('maxlength')) {
            <mat-error>At most 200 characters.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Repeat the password</mat-label>
          <input
            matInput
            [type]="visible() ? 'text' : 'password'"
            formControlName="repeat"
            autocomplete="new-password"
            data-testid="password-repeat"
            [attr.aria-invalid]="form.hasError('mismatch')"
          />
        </mat-form-field>
        @if (form.hasError('mismatch') && form.controls.repeat.touched) {
          <p class="mismatch" role="alert" data-testid="password-mismatch">The passwords differ.</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close data-testid="password-cancel">Cancel</button>
        <button mat-flat-button type="submit" data-testid="password-save" [disabled]="saving()">
          @if (saving()) {
            <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
          }
          Set password
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    mat-form-field {
      width: 100%;
    }
    .mismatch {
      margin: -12px 0 0 16px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    button mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetPasswordDialogComponent {
  protected readonly data = inject<SetPasswordDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<SetPasswordDialogComponent, boolean>>(MatDialogRef);
  private readonly users = inject(UsersClient);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly min = MIN_PASSWORD;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      password: ['', [required, Validators.minLength(MIN_PASSWORD), Validators.maxLength(200)]],
      repeat: '',
    },
    { validators: matching },
  );
  protected readonly visible = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    this.form.markAllAsTouched();
    this.error.set(null);
    if (this.form.invalid) {
      return;
    }
    this.saving.set(true);
    this.users
      .setPassword(this.data.username, this.form.controls.password.value)
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => this.dialogRef.close(true),
        error: (error: unknown) => this.error.set(describeApiError(error)),
      });
  }
}
