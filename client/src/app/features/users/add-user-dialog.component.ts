import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { finalize, startWith } from 'rxjs';

import { type CreatedUserDto } from '../../api';
import { describeApiError } from '../../core/api/api-error';
import { formDirty } from '../../common/form/form-dirty';
import { SaveError } from '../../common/form/save-error';
import { guardedClose } from '../../common/form/unsaved-changes';
import { PermissionsPickerComponent } from '../../common/permissions-picker.component';
import { email, fieldMessage, integerValidator, required } from '../../common/validators';
import { MIN_PASSWORD } from './set-password-dialog.component';
import { UsersClient } from './users-client.service';

/** Adds a person to Seerr by hand; closes with what the server answered. */
@Component({
  selector: 'sp-add-user-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatSlideToggleModule,
    MatProgressSpinnerModule,
    PermissionsPickerComponent,
  ],
  templateUrl: './add-user-dialog.component.html',
  styleUrl: './add-user-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddUserDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<AddUserDialogComponent, CreatedUserDto>>(MatDialogRef);
  private readonly users = inject(UsersClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly min = MIN_PASSWORD;
  protected readonly form = this.fb.group({
    username: ['', [required, Validators.maxLength(100)]],
    password: ['', [required, Validators.minLength(MIN_PASSWORD), Validators.maxLength(200)]],
    email: ['', [email, Validators.maxLength(200)]],
    use_default_permissions: true,
    // The picker fills in Seerr's default for new users.
    permissions: this.fb.control<number | null>(null),
    request_limit: this.fb.control<number | null>(null, [
      Validators.min(0),
      Validators.max(10000),
      integerValidator,
    ]),
    blocked: false,
    immune: false,
  });
  protected readonly useDefault = toSignal(
    this.form.controls.use_default_permissions.valueChanges.pipe(startWith(true)),
    { requireSync: true },
  );
  protected readonly visible = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = new SaveError(this.form);
  protected readonly conflict = signal(false);
  /** Cancel, Escape and the backdrop ask before throwing a filled-in form away. */
  protected readonly close = guardedClose(this.dialogRef, formDirty(this.form), () => undefined);

  protected submit(): void {
    this.conflict.set(false);
    if (this.error.refusesInvalid()) {
      return;
    }
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.users
      .create({
        username: v.username.trim(),
        password: v.password,
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
        ...(v.use_default_permissions || v.permissions === null ? {} : { permissions: v.permissions }),
        ...(v.request_limit === null ? {} : { request_limit: v.request_limit }),
        blocked: v.blocked,
        immune: v.immune,
      })
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (created) => this.dialogRef.close(created),
        error: (error: unknown) => this.showError(error),
      });
  }

  protected errorOf(field: string): string | null {
    return fieldMessage(this.form.get(field)?.errors);
  }

  private showError(error: unknown): void {
    if (error instanceof HttpErrorResponse && error.status === 409) {
      // Seerr already has this person (by user name or e-mail): say so where it is typed.
      this.conflict.set(true);
      this.form.controls.username.setErrors({ server: 'Already in Seerr.' });
      this.error.set(describeApiError(error));
      return;
    }
    this.error.fromResponse(error);
  }
}
