import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';

import { BytesPipe } from '../../common/format/format.pipes';
import { type Observable, finalize } from 'rxjs';

import { type AddedTorrentDto } from '../../api';
import { describeApiError, fieldErrorsOf } from '../../core/api/api-error';
import { fieldMessage, required, trimmedPattern } from '../../common/validators';
import { TORRENT_URL, torrentFileProblem } from './torrent-input';
import { TorrentsClient } from './torrents-client.service';

/** A client instance that can take a torrent now. */
export interface AddTorrentTarget {
  readonly id: string;
  readonly name: string;
}

export interface AddTorrentData {
  /** The clients that can take a torrent now (configured and connected), in display order. */
  readonly clients: readonly AddTorrentTarget[];
  /** A .torrent file dropped on the page: the dialog opens on the file tab with it. */
  readonly file?: File;
}

export interface AddTorrentResult {
  readonly client: AddTorrentTarget;
  readonly added: AddedTorrentDto;
}

type Source = 'link' | 'file';

/**
 * Adds a torrent by URL, magnet link or .torrent file (picked or dropped) to the chosen client; closes
 * with what the server answered. A link or file that cannot be a torrent is refused before any call.
 */
@Component({
  selector: 'sp-add-torrent-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatIconModule,
    MatProgressSpinnerModule,
    BytesPipe,
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

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    client: this.fb.control<string>(this.data.clients[0]?.id ?? ''),
    url: ['', [required, Validators.maxLength(8000), trimmedPattern(TORRENT_URL)]],
    label: ['', [Validators.maxLength(200)]],
    start: true,
  });
  protected readonly source = signal<Source>(this.data.file ? 'file' : 'link');
  protected readonly file = signal<File | null>(null);
  protected readonly fileProblem = signal<string | null>(null);
  protected readonly dragging = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    if (this.data.file) void this.pick(this.data.file);
  }

  protected setSource(source: Source): void {
    this.source.set(source);
    this.error.set(null);
  }

  protected onFileInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const picked = input.files?.[0];
    if (picked) void this.pick(picked);
    input.value = '';
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) void this.pick(dropped);
  }

  protected submit(): void {
    this.error.set(null);
    const { client, url, label, start } = this.form.getRawValue();
    const target = this.data.clients.find((c) => c.id === client);
    let work: Observable<AddedTorrentDto>;
    if (this.source() === 'file') {
      const file = this.file();
      if (!file) {
        this.fileProblem.set('Choose or drop a .torrent file.');
        return;
      }
      if (this.fileProblem() || this.form.controls.label.invalid || !target) return;
      work = this.api.upload(client, file, label.trim(), start);
    } else {
      this.form.markAllAsTouched();
      if (this.form.invalid || !target) return;
      work = this.api.addUrl(client, {
        url: url.trim(),
        start,
        ...(label.trim() ? { label: label.trim() } : {}),
      });
    }
    this.saving.set(true);
    work
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (added) => this.dialogRef.close({ client: target, added }),
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
      'An http(s):// URL of a .torrent file, or a magnet: link with its xt=urn:btih: info-hash.',
    );
  }

  private async pick(file: File): Promise<void> {
    this.source.set('file');
    this.file.set(file);
    this.fileProblem.set(await torrentFileProblem(file));
  }
}
