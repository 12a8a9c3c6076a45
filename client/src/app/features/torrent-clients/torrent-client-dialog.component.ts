import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  type OnInit,
  afterRenderEffect,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { type Observable, finalize, startWith } from 'rxjs';

import { type TorrentClientTestDto, type TorrentClientType } from '../../api';
import { describeApiError } from '../../core/api/api-error';
import { formDirty } from '../../common/form/form-dirty';
import { SaveError } from '../../common/form/save-error';
import { guardedClose } from '../../common/form/unsaved-changes';
import { fieldMessage, integerValidator, required, trimmedPattern } from '../../common/validators';
import {
  ABSOLUTE_PATH_PATTERN,
  CONTAINER_PATTERN,
  type ClientField,
  NAME_PATTERN,
  OFFERED_TYPES,
  RPC_PATH_HINTS,
  RPC_PATH_PATTERN,
  TYPE_LABELS,
  type TorrentClientRow,
  URL_EXAMPLES,
  URL_HINTS,
  URL_PATTERN,
  fieldsOf,
} from './torrent-client-form';
import {
  type ClientFormValue,
  createBody,
  rutorrentBody,
  testBody,
  updateBody,
  utorrentBody,
} from './torrent-client-bodies';
import { TorrentClientsClient } from './torrent-clients-client.service';

const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  name: "Start with a letter or digit, include a-z or 0-9; letters, digits, spaces and . _ - ( ) + ' only.",
  url: 'Must be an http:// or https:// URL.',
  rpc_path: 'A path without spaces, such as /RPC2.',
  download_dir: 'An absolute path, such as /downloads.',
  container: 'A Docker container name.',
};

export interface TorrentClientDialogData {
  /** The client to edit; null adds a `torrent_clients` entry. */
  readonly row: TorrentClientRow | null;
}

/** Whether anything was saved (the list then reloads). */
export type TorrentClientDialogResult = boolean;

@Component({
  selector: 'sp-torrent-client-dialog',
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
  templateUrl: './torrent-client-dialog.component.html',
  styleUrl: './torrent-client-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentClientDialogComponent implements OnInit {
  protected readonly row = inject<TorrentClientDialogData>(MAT_DIALOG_DATA).row;
  private readonly dialogRef =
    inject<MatDialogRef<TorrentClientDialogComponent, TorrentClientDialogResult>>(MatDialogRef);
  private readonly client = inject(TorrentClientsClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly typeLabels = TYPE_LABELS;
  protected readonly types: readonly TorrentClientType[] =
    this.row?.type === 'rutorrent' ? [...OFFERED_TYPES, 'rutorrent'] : OFFERED_TYPES;
  protected readonly seed = this.row?.seed ?? null;
  protected readonly envOverrides = this.row?.overridden_by_env ?? [];

  protected readonly form = this.fb.group({
    name: ['', [required, Validators.maxLength(64), trimmedPattern(NAME_PATTERN)]],
    type: this.fb.control<TorrentClientType>('qbittorrent', required),
    url: ['', [required, Validators.maxLength(2000), trimmedPattern(URL_PATTERN)]],
    username: ['', Validators.maxLength(200)],
    password: ['', Validators.maxLength(1000)],
    rpc_path: ['', [Validators.maxLength(500), trimmedPattern(RPC_PATH_PATTERN)]],
    download_dir: ['', [Validators.maxLength(1000), trimmedPattern(ABSOLUTE_PATH_PATTERN)]],
    container: ['', [Validators.maxLength(200), trimmedPattern(CONTAINER_PATTERN)]],
    poll_seconds: this.fb.control<number | null>(null, [
      Validators.min(1),
      Validators.max(3600),
      integerValidator,
    ]),
    enabled: true,
  });

  protected readonly type = toSignal(
    this.form.controls.type.valueChanges.pipe(startWith(this.form.controls.type.value)),
    { requireSync: true },
  );
  protected readonly fields = computed(() => new Set<ClientField>(fieldsOf(this.row, this.type())));
  protected readonly urlHint = computed(() => URL_HINTS[this.type()]);
  protected readonly urlExample = computed(() => URL_EXAMPLES[this.type()]);
  protected readonly rpcHint = computed(() => RPC_PATH_HINTS[this.type()] ?? '');
  protected readonly isDeluge = computed(() => this.type() === 'deluge');
  /** Save stays off until something changed. */
  protected readonly dirty = formDirty(this.form);
  protected readonly saveError = new SaveError(this.form);
  /** Cancel, Escape and the backdrop ask before throwing changes away. */
  protected readonly close = guardedClose(this.dialogRef, this.dirty, () => false);

  protected readonly saving = signal(false);
  protected readonly testing = signal(false);
  protected readonly testResult = signal<TorrentClientTestDto | null>(null);
  protected readonly testError = signal<string | null>(null);
  private readonly resultBox = viewChild<ElementRef<HTMLElement>>('resultBox');

  constructor() {
    // The result appears below the fold of a long form, on phones especially; scrolled to once laid out.
    afterRenderEffect(() => this.resultBox()?.nativeElement.scrollIntoView({ block: 'nearest' }));
  }

  ngOnInit(): void {
    const row = this.row;
    if (!row) {
      return;
    }
    this.form.setValue({
      name: row.name,
      type: row.type,
      url: row.url,
      username: row.username,
      password: '',
      rpc_path: row.rpc_path ?? '',
      download_dir: row.download_dir ?? '',
      container: row.container ?? '',
      poll_seconds: row.poll_seconds,
      enabled: row.enabled,
    });
    if (row.seed) {
      // The seed's sections have a fixed name and type, and an empty URL switches them off.
      this.form.controls.name.disable();
      this.form.controls.type.disable();
      this.form.controls.url.removeValidators(required);
      this.form.controls.url.updateValueAndValidity();
    }
  }

  protected get title(): string {
    return this.row ? `Edit ${this.row.name}` : 'Add a torrent client';
  }

  protected errorOf(field: string): string | null {
    return fieldMessage(this.form.get(field)?.errors, PATTERN_MESSAGES[field]);
  }

  protected submit(): void {
    if (this.saveError.refusesInvalid()) {
      return;
    }
    this.saving.set(true);
    this.request()
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => this.dialogRef.close(true),
        error: (error: unknown) =>
          this.saveError.fromResponse(error, {
            name: 'name',
            belongs: (sentence) => sentence.includes('has the id'),
          }),
      });
  }

  /** Tries the form's values as they are (the stored password when none is typed); nothing is saved. */
  protected test(): void {
    this.testResult.set(null);
    this.testError.set(null);
    const c = this.form.controls;
    for (const control of [c.name, c.url, c.rpc_path, c.download_dir]) {
      control.markAsTouched();
    }
    if (
      c.name.invalid ||
      c.url.invalid ||
      c.rpc_path.invalid ||
      c.download_dir.invalid ||
      !c.url.value.trim()
    ) {
      this.testError.set('Enter a valid name and URL to test.');
      return;
    }
    const body = testBody(this.form.getRawValue(), this.fields(), this.row);
    this.testing.set(true);
    this.client
      .test(body)
      .pipe(
        finalize(() => this.testing.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => this.testResult.set(result),
        error: (error: unknown) => this.testError.set(describeApiError(error)),
      });
  }

  /** The create body, or an update of what changed. */
  private request(): Observable<unknown> {
    const v = this.form.getRawValue();
    const row = this.row;
    if (!row) {
      return this.client.create(createBody(v, this.fields()));
    }
    const controls = this.form.controls;
    const dirty = new Set(
      (Object.keys(controls) as (keyof ClientFormValue)[]).filter((key) => controls[key].dirty),
    );
    const changed = updateBody(v, dirty, this.fields(), row);
    if (row.seed === 'utorrent') return this.client.updateUtorrent(utorrentBody(changed));
    if (row.seed === 'rutorrent') return this.client.updateRutorrent(rutorrentBody(changed));
    return this.client.update(row.id, changed);
  }
}
