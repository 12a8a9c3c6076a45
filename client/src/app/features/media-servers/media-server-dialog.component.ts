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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { type Observable, catchError, finalize, map, merge, of, startWith, tap } from 'rxjs';

import {
  type CreateMediaServerDto,
  type MediaServerDto,
  type MediaServerStatusDto,
  type MediaServerTestDto,
  type MediaServerType,
  type PlexServerDto,
} from '../../api';
import { MEDIA_SERVER_TYPE } from '../../api/models/media-server-type-array';
import { describeApiError } from '../../core/api/api-error';
import { CheckListComponent } from '../../common/check-list.component';
import { formDirty } from '../../common/form/form-dirty';
import { SaveError } from '../../common/form/save-error';
import { guardedClose } from '../../common/form/unsaved-changes';
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

/** The settings that decide whether the panel can reach the server; a change to one is tested on Save. */
const CONNECTION_FIELDS = ['type', 'url', 'token', 'machine_identifier'] as const;

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
  private readonly dialogRef = inject<MatDialogRef<MediaServerDialogComponent>>(MatDialogRef);
  private readonly client = inject(MediaServersClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly types = MEDIA_SERVER_TYPE;
  protected readonly typeLabels = TYPE_LABELS;
  protected readonly typeIcons = TYPE_ICONS;
  protected readonly checkLabels = CHECK_LABELS;

  /** The server being edited; null while adding one. */
  protected readonly saved: MediaServerDto | null = this.data.server;
  protected readonly title = this.saved ? `Edit ${this.saved.name}` : 'Add a media server';
  protected readonly tokenSet = this.saved?.token_set ?? false;

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
    { requireSync: true },
  );
  protected readonly isPlex = computed(() => this.type() === 'plex');
  private readonly token = toSignal(this.form.controls.token.valueChanges.pipe(map((t) => t.trim())), {
    initialValue: '',
  });
  /** Save stays off until something changed. */
  protected readonly dirty = formDirty(this.form);
  protected readonly saveError = new SaveError(this.form);
  /** Cancel, Escape and the backdrop ask before throwing changes away. */
  protected readonly close = guardedClose(this.dialogRef, this.dirty, () => undefined);

  protected readonly saving = signal(false);
  protected readonly testing = signal(false);
  protected readonly testResult = signal<MediaServerTestDto | null>(null);
  protected readonly testError = signal<string | null>(null);
  /** Save's connection test failed: the next Save stores the server anyway, as the user then chooses. */
  protected readonly failedBeforeSave = signal(false);
  protected readonly discovering = signal(false);
  protected readonly discovered = signal<readonly PlexServerDto[] | null>(null);
  protected readonly discoverError = signal<string | null>(null);
  protected readonly canDiscover = computed(() => this.token().length > 0);
  protected readonly pickedServer = signal<string | null>(null);
  private readonly resultBox = viewChild<ElementRef<HTMLElement>>('resultBox');

  constructor() {
    // The result appears below the fold of a long form, on phones especially.
    effect(() => this.resultBox()?.nativeElement.scrollIntoView({ block: 'nearest' }));
    // A result is about the values it tried: editing the connection makes it stale.
    merge(...CONNECTION_FIELDS.map((field) => this.form.controls[field].valueChanges))
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        if (this.failedBeforeSave()) {
          this.failedBeforeSave.set(false);
          this.saveError.clear();
        }
      });
  }

  ngOnInit(): void {
    const server = this.data.server;
    if (server) {
      this.form.reset({
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
    if (server && this.data.autoTest) {
      this.test();
    }
  }

  /** Saves; a new server or a changed connection is tested first and kept only if it works or the user insists. */
  protected submit(): void {
    if (this.saveError.refusesInvalid()) {
      return;
    }
    if (this.failedBeforeSave() || !this.connectionChanged()) {
      this.store();
      return;
    }
    this.runTest().subscribe((result) => {
      if (result?.ok) {
        this.store();
      } else if (result) {
        this.failedBeforeSave.set(true);
        this.saveError.set(
          'The connection test failed, so nothing was saved. Fix the settings, or save the server anyway.',
        );
      }
    });
  }

  /** Tries the values as typed (an empty token tries the saved one); nothing is saved. */
  protected test(): void {
    const c = this.form.controls;
    const needed = [c.name, c.type, c.url, c.token, c.machine_identifier];
    for (const control of needed) {
      control.markAsTouched();
    }
    if (needed.some((control) => control.invalid)) {
      this.testResult.set(null);
      this.testError.set('Enter a valid name, URL and token to test.');
      return;
    }
    this.runTest().subscribe();
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

  private connectionChanged(): boolean {
    return !this.saved || CONNECTION_FIELDS.some((field) => this.form.controls[field].dirty);
  }

  /** The test's result, or null when the request itself failed (then shown as testError). */
  private runTest(): Observable<MediaServerTestDto | null> {
    this.testResult.set(null);
    this.testError.set(null);
    this.testing.set(true);
    return this.client.testUnsaved({ ...this.fields(), saved_name: this.saved?.name ?? null }).pipe(
      tap((result) => this.testResult.set(result)),
      catchError((error: unknown) => {
        this.testError.set(describeApiError(error));
        return of(null);
      }),
      finalize(() => this.testing.set(false)),
      takeUntilDestroyed(this.destroyRef),
    );
  }

  private store(): void {
    const saved = this.saved;
    const { token, ...fields } = this.fields();
    const request = saved
      ? this.client.update(saved.name, token ? { ...fields, token } : fields)
      : this.client.create({ ...fields, token });
    this.saving.set(true);
    request
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => this.dialogRef.close(),
        error: (error: unknown) =>
          this.saveError.fromResponse(error, {
            name: 'name',
            belongs: (sentence) => sentence.toLowerCase().includes('name'),
          }),
      });
  }

  private fields(): CreateMediaServerDto {
    const v = this.form.getRawValue();
    const plex = v.type === 'plex';
    return {
      name: v.name.trim(),
      type: v.type,
      url: v.url.trim(),
      token: v.token.trim(),
      enabled: v.enabled,
      request_limit: v.request_limit,
      password_suffix: v.password_suffix === '' ? null : v.password_suffix,
      machine_identifier: plex && v.machine_identifier.trim() ? v.machine_identifier.trim() : null,
      include_owner: plex && v.include_owner,
    };
  }
}
