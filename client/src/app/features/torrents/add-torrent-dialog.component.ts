import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { finalize } from 'rxjs';

import { type AddedTorrentDto, type TorrentClientKind } from '../../api';
import { describeApiError, fieldErrorsOf } from '../../core/api/api-error';
import { fieldMessage, required, trimmedPattern } from '../../common/validators';
import { CLIENT_NAMES } from './torrent-labels';
import { TorrentsClient } from './torrents-client.service';

export interface AddTorrentData {
  /** The clients that can take a torrent now (configured and connected), in display order. */
  readonly clients: readonly TorrentClientKind[];
}

export interface AddTorrentResult {
  readonly client: TorrentClientKind;
  readonly added: AddedTorrentDto;
}

/** As the server checks it: an http(s) URL of a .torrent file or a magnet link. */
const TORRENT_URL = /^(https?:\/\/[^\s/?#]+\S*|magnet:\?\S+)$/i;

/** Adds a torrent by URL or magnet link to the chosen client; closes with what the server answered. */
@Component({
  selector: 'sp-add-torrent-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatIconModule,
    MatProgressSpinnerModule,
  ],
  templateUrl: './add-torrent-dialog.component.html',
  styleUrl: './add-torrent-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddTorrentDialogComponent {
  private readonly dialogRef =
    inject<MatDialogRef<AddTorrentDialogComponent, AddTorrentResult>>(MatDialogRef);
  private readonly api = inject(TorrentsClient);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<AddTorrentData>(MAT_DIALOG_DATA);

  protected readonly clientNames = CLIENT_NAMES;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    client: this.fb.control<TorrentClientKind>(this.data.clients[0] ?? 'utorrent'),
    url: ['', [required, Validators.maxLength(8000), trimmedPattern(TORRENT_URL)]],
    label: ['', [Validators.maxLength(200)]],
    start: true,
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    this.form.markAllAsTouched();
    this.error.set(null);
    if (this.form.invalid) {
      return;
    }
    const { client, url, label, start } = this.form.getRawValue();
    this.saving.set(true);
    this.api
      .addUrl(client, { url: url.trim(), start, ...(label.trim() ? { label: label.trim() } : {}) })
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (added) => this.dialogRef.close({ client, added }),
        error: (error: unknown) => {
          for (const [field, text] of Object.entries(fieldErrorsOf(error))) {
            this.form.get(field)?.setErrors({ server: text });
          }
          this.error.set(describeApiError(error));
        },
      });
  }

  protected errorOf(field: 'url' | 'label'): string | null {
    return fieldMessage(
      this.form.controls[field].errors,
      'An http(s):// URL of a .torrent file or a magnet: link.',
    );
  }
}
