import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { finalize } from 'rxjs';

import { type BandwidthDto } from '../../api';
import { describeApiError } from '../../core/api/api-error';
import { formDirty } from '../../common/form/form-dirty';
import { guardedClose } from '../../common/form/unsaved-changes';
import { fieldMessage, integerValidator, required } from '../../common/validators';
import { type AddTorrentTarget } from './add-torrent-dialog.component';
import { TorrentsClient } from './torrents-client.service';

export interface BandwidthLimitsData {
  /** The client instance (id and name). */
  readonly client: AddTorrentTarget;
  readonly bandwidth: BandwidthDto;
}

/** The API's bound on a limit, 1 GiB/s, in KiB/s. */
const MAX_KIB = 2 ** 20;
const toKib = (limit: number | null): number => (limit ? Math.round(limit / 1024) : 0);

/** Sets a client's global rate limits in KiB/s (0 = unlimited); closes with the limits now in force. */
@Component({
  selector: 'sp-bandwidth-limits-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ name }} rate limits</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (error(); as message) {
          <p class="sp-error-banner" role="alert">
            <mat-icon aria-hidden="true">error</mat-icon>{{ message }}
          </p>
        }
        <p class="help">For every torrent of {{ name }} together; 0 means no limit.</p>
        <mat-form-field appearance="outline">
          <mat-label>Download limit</mat-label>
          <input matInput type="number" min="0" formControlName="down" data-testid="limits-down" />
          <span matTextSuffix>KiB/s</span>
          @if (errorOf('down'); as e) {
            <mat-error>{{ e }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Upload limit</mat-label>
          <input matInput type="number" min="0" formControlName="up" data-testid="limits-up" />
          <span matTextSuffix>KiB/s</span>
          @if (errorOf('up'); as e) {
            <mat-error>{{ e }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" data-testid="limits-cancel" (click)="close()">
          {{ dirty() ? 'Cancel' : 'Close' }}
        </button>
        <button mat-flat-button type="submit" [disabled]="saving() || !dirty()" data-testid="limits-save">
          Save
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .help {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BandwidthLimitsDialogComponent {
  private readonly dialogRef =
    inject<MatDialogRef<BandwidthLimitsDialogComponent, BandwidthDto>>(MatDialogRef);
  private readonly data = inject<BandwidthLimitsData>(MAT_DIALOG_DATA);
  private readonly api = inject(TorrentsClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly name = this.data.client.name;
  private readonly limit = [required, Validators.min(0), Validators.max(MAX_KIB), integerValidator];
  protected readonly form = this.fb.group({
    down: [toKib(this.data.bandwidth.down_limit), this.limit],
    up: [toKib(this.data.bandwidth.up_limit), this.limit],
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Save stays off until a limit changed; closing with changes asks first. */
  protected readonly dirty = formDirty(this.form);
  protected readonly close = guardedClose(this.dialogRef, this.dirty, () => undefined);

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      return;
    }
    const { down, up } = this.form.getRawValue();
    this.saving.set(true);
    this.error.set(null);
    this.api
      .setBandwidth(this.data.client.id, { down_limit: down * 1024, up_limit: up * 1024 })
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (bandwidth) => this.dialogRef.close(bandwidth),
        error: (error: unknown) => this.error.set(describeApiError(error)),
      });
  }

  protected errorOf(field: 'down' | 'up'): string | null {
    return fieldMessage(this.form.controls[field].errors);
  }
}
