import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type OnInit,
  type ElementRef,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, PristineChangeEvent, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { type Observable, filter, finalize, map, of, startWith, switchMap, tap, throwError } from 'rxjs';

import {
  type MediaServerDto,
  type MediaServerStatusDto,
  type MediaServerTestDto,
  type MediaServerType,
  type PlexServerDto,
} from '../../api';
import { MEDIA_SERVER_TYPE } from '../../api/models/media-server-type-array';
import { describeApiError, fieldErrorsOf } from '../../core/api/api-error';
import { CheckListComponent } from '../../common/check-list.component';
import { fieldMessage, required, trimmedPattern } from '../../common/validators';
import {
  CHECK_LABELS,
  MACHINE_ID_PATTERN,
  NAME_PATTERN,
  TYPE_ICONS,
  TYPE_LABELS,
  URL_PATTERN,
  bestConnection,
  requestLimitValidators,
} from './media-server-form';
import { MediaServersClient } from './media-servers-client.service';
import { PlexDiscoveryComponent } from './plex-discovery.component';

const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  url: 'Must be an http:// or https:// URL, such as http://plex:32400.',
  name: "Letters, digits, spaces and . _ - ( ) + ' only; start with a letter or digit.",
  machine_identifier: 'Letters, digits and - only.',
};

export interface MediaServerDialogData {
  /** The server to edit; null adds one. */
  readonly server: MediaServerStatusDto | null;
  /** Run the connection test as soon as the dialog opens. */
  readonly autoTest?: boolean;
}

/** Whether anything was saved (the list then reloads), whatever button closed the dialog. */
export type MediaServerDialogResult = boolean;

@Component({
  selector: 'sp-media-server-dialog',
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
    CheckListComponent,
    PlexDiscoveryComponent,
  ],
  templateUrl: './media-server-dialog.component.html',
  styleUrl: './media-server-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaServerDialogComponent implements OnInit {
  private readonly data = inject<MediaServerDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<MediaServerDialogComponent, MediaServerDialogResult>>(MatDialogRef);
  private readonly client = inject(MediaServersClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly types = MEDIA_SERVER_TYPE;
  protected readonly typeLabels = TYPE_LABELS;
  protected readonly typeIcons = TYPE_ICONS;
  protected readonly checkLabels = CHECK_LABELS;

  /** The server as last saved; null until a new one is saved. */
  protected readonly saved = signal<MediaServerDto | null>(this.data.server);
  private changed = false;

  protected readonly form = this.fb.group({
    name: ['', [required, Validators.maxLength(100), trimmedPattern(NAME_PATTERN)]],
    type: this.fb.control<MediaServerType>('plex', required),
    url: ['', [required, Validators.maxLength(2000), trimmedPattern(URL_PATTERN)]],
    token: ['', Validators.maxLength(1000)],
    enabled: true,
    request_limit: this.fb.control<number | null>(null, requestLimitValidators),
    password_suffix: ['', Validators.maxLength(100)],
    machine_identifier: ['', [Validators.maxLength(100), trimmedPattern(MACHINE_ID_PATTERN)]],
    include_owner: false,
  });

  private readonly type = toSignal(
    this.form.controls.type.valueChanges.pipe(startWith(this.form.controls.type.value)),
    {
      requireSync: true,
    },
  );
  protected readonly isPlex = computed(() => this.type() === 'plex');
  private readonly token = toSignal(this.form.controls.token.valueChanges.pipe(map((t) => t.trim())), {
    initialValue: '',
  });
  private readonly dirty = toSignal(
    this.form.events.pipe(
      filter((event) => event instanceof PristineChangeEvent),
      map(() => this.form.dirty),
    ),
    { initialValue: false },
  );
  /** Testing checks the saved settings, so a new or changed server is saved first. */
  protected readonly testSaves = computed(() => this.saved() === null || this.dirty());

  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly testing = signal(false);
  protected readonly testResult = signal<MediaServerTestDto | null>(null);
  protected readonly testError = signal<string | null>(null);
  protected readonly discovering = signal(false);
  protected readonly discovered = signal<readonly PlexServerDto[] | null>(null);
  protected readonly discoverError = signal<string | null>(null);
  protected readonly canDiscover = computed(() => this.token().length > 0);
  protected readonly pickedServer = signal<string | null>(null);
  private readonly resultBox = viewChild<ElementRef<HTMLElement>>('resultBox');

  constructor() {
    // The result appears below the fold of a long form, on phones especially.
    effect(() => this.resultBox()?.nativeElement.scrollIntoView({ block: 'nearest' }));
  }

  ngOnInit(): void {
    // Closing must report whether anything was saved, so the dialog handles Escape and the backdrop itself.
    this.dialogRef.disableClose = true;
    const server = this.data.server;
    if (server) {
      this.form.setValue({
        name: server.name,
        type: server.type,
        url: server.url,
        token: '',
        enabled: server.enabled,
        request_limit: server.request_limit,
        password_suffix: server.password_suffix ?? '',
        machine_identifier: server.machine_identifier ?? '',
        include_owner: server.include_owner,
      });
    } else {
      this.form.controls.token.addValidators(required);
    }
    this.dialogRef
      .backdropClick()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.close());
    this.dialogRef
      .keydownEvents()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((event) => event.key === 'Escape' && this.close());
    if (server && this.data.autoTest) {
      this.test();
    }
  }

  protected get title(): string {
    const saved = this.saved();
    return saved ? `Edit ${saved.name}` : 'Add a media server';
  }

  protected tokenSet(): boolean {
    return this.saved()?.token_set ?? false;
  }

  protected close(): void {
    this.dialogRef.close(this.changed);
  }

  protected submit(): void {
    this.save().subscribe({ next: () => this.dialogRef.close(true), error: () => undefined });
  }

  protected test(): void {
    this.testResult.set(null);
    this.testError.set(null);
    const saveFirst: Observable<unknown> = this.testSaves() ? this.save() : of(null);
    saveFirst
      .pipe(
        switchMap(() => {
          this.testing.set(true);
          return this.client.test(this.saved()?.name ?? '');
        }),
        finalize(() => this.testing.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => this.testResult.set(result),
        error: (error: unknown) => {
          if (!this.saveError()) {
            this.testError.set(describeApiError(error));
          }
        },
      });
  }

  protected discover(): void {
    const token = this.form.controls.token.value.trim();
    if (!token) {
      return;
    }
    this.discovering.set(true);
    this.discoverError.set(null);
    this.client
      .discoverPlex(token)
      .pipe(
        finalize(() => this.discovering.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (servers) => this.discovered.set(servers),
        error: (error: unknown) => {
          this.discovered.set(null);
          this.discoverError.set(describeApiError(error));
        },
      });
  }

  protected pickPlex(server: PlexServerDto): void {
    const connection = bestConnection(server);
    const c = this.form.controls;
    this.pickedServer.set(server.machine_identifier);
    c.machine_identifier.setValue(server.machine_identifier);
    if (connection) {
      c.url.setValue(connection.uri);
    }
    if (!c.name.value.trim()) {
      c.name.setValue(server.name.slice(0, 100));
    }
    for (const control of [c.machine_identifier, c.url, c.name]) {
      control.markAsDirty();
      control.markAsTouched();
    }
  }

  protected errorOf(field: string): string | null {
    return fieldMessage(this.form.get(field)?.errors, PATTERN_MESSAGES[field]);
  }

  /** Saves the form (create or update); errors are shown in the dialog and end the stream. */
  private save(): Observable<MediaServerDto> {
    this.saveError.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.saveError.set('Please fix the marked fields.');
      return throwError(() => new Error('The form is invalid.'));
    }
    const v = this.form.getRawValue();
    const plex = v.type === 'plex';
    const fields = {
      name: v.name.trim(),
      type: v.type,
      url: v.url.trim(),
      enabled: v.enabled,
      request_limit: v.request_limit,
      password_suffix: v.password_suffix === '' ? null : v.password_suffix,
      machine_identifier: plex && v.machine_identifier.trim() ? v.machine_identifier.trim() : null,
      include_owner: plex && v.include_owner,
    };
    const token = v.token.trim();
    const saved = this.saved();
    this.saving.set(true);
    const request = saved
      ? this.client.update(saved.name, token ? { ...fields, token } : fields)
      : this.client.create({ ...fields, token });
    return request.pipe(
      tap({
        next: (server) => {
          this.changed = true;
          this.saved.set(server);
          const tokenControl = this.form.controls.token;
          tokenControl.removeValidators(required);
          tokenControl.setValue('');
          this.form.markAsPristine();
        },
        error: (error: unknown) => this.showSaveError(error),
      }),
      finalize(() => this.saving.set(false)),
    );
  }

  private showSaveError(error: unknown): void {
    const fields = fieldErrorsOf(error);
    let placed = false;
    for (const [field, message] of Object.entries(fields)) {
      const control = this.form.get(field);
      if (control) {
        control.setErrors({ server: message });
        control.markAsTouched();
        placed = true;
      }
    }
    const conflict = describeApiError(error);
    if (!placed && conflict.toLowerCase().includes('name')) {
      this.form.controls.name.setErrors({ server: conflict });
      this.form.controls.name.markAsTouched();
    }
    this.saveError.set(placed ? 'Please fix the marked fields.' : conflict);
  }
}
