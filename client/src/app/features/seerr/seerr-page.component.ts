import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { finalize, startWith, tap } from 'rxjs';

import { type SeerrConfigDto, type SeerrOverviewDto, type SeerrTestResultDto } from '../../api';
import { describeApiError } from '../../core/api/api-error';
import { formDirty } from '../../common/form/form-dirty';
import { SaveError } from '../../common/form/save-error';
import { type HasUnsavedChanges, warnBeforeUnload } from '../../common/form/unsaved-changes';
import { LOADING, type Remote } from '../../core/util/remote';
import { remoteState } from '../../core/util/remote-state';
import { CheckListComponent } from '../../common/check-list.component';
import { PermissionsPickerComponent } from '../../common/permissions-picker.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { fieldMessage, integerValidator, required, trimmedPattern } from '../../common/validators';
import { ContainerActions } from '../applications/container-actions.service';
import { linkedContainers } from '../applications/linked-containers';
import { ServiceContainerComponent } from '../applications/service-container.component';
import { SeerrClient } from './seerr-client.service';
import { SeerrStatusCardComponent } from './seerr-status-card.component';

const URL_PATTERN = /^https?:\/\/\S+$/i;

const CHECK_LABELS: Readonly<Record<string, string>> = {
  reachable: 'Reachable',
  api_key: 'API key accepted',
  local_login: 'Local sign-in enabled',
  writes: 'Changes allowed',
  version: 'Version',
};

@Component({
  selector: 'sp-seerr-page',
  host: { class: 'sp-page' },
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    MatExpansionModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    CheckListComponent,
    PermissionsPickerComponent,
    StateMessageComponent,
    SeerrStatusCardComponent,
    ServiceContainerComponent,
  ],
  templateUrl: './seerr-page.component.html',
  styleUrl: './seerr-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeerrPageComponent implements HasUnsavedChanges {
  private readonly client = inject(SeerrClient);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly destroyRef = inject(DestroyRef);
  private readonly containerActions = inject(ContainerActions);

  private readonly linked = linkedContainers();
  /** Seerr's container in Applications, when Docker links one: its link and Restart. */
  protected readonly container = this.linked.of('seerr');
  protected readonly restarting = signal(false);

  protected readonly checkLabels = CHECK_LABELS;
  protected readonly form = this.fb.group({
    url: ['', [Validators.maxLength(2000), trimmedPattern(URL_PATTERN)]],
    api_key: ['', Validators.maxLength(500)],
    sync_interval_minutes: this.fb.control<number | null>(null, [
      Validators.min(0),
      Validators.max(525600),
      integerValidator,
    ]),
    use_seerr_default: true,
    // Unset, the picker fills in Seerr's default for new users.
    default_permissions: this.fb.control<number | null>(null),
    remove_missing: false,
    deletion_cap: this.fb.control<number | null>(null, [
      Validators.min(0),
      Validators.max(100000),
      integerValidator,
    ]),
    concurrency: [8, [required, Validators.min(1), Validators.max(64), integerValidator]],
    quota_days: [7, [required, Validators.min(1), Validators.max(365), integerValidator]],
  });

  // A refresh after a save keeps the page on screen.
  protected readonly overview = remoteState(() => this.client.overview(), { whileReloading: 'value' });
  protected readonly readAt = signal(Date.now());
  protected readonly value = this.overview.value;
  protected readonly loadError = this.overview.error;
  protected readonly useDefault = toSignal(
    this.form.controls.use_seerr_default.valueChanges.pipe(
      startWith(this.form.controls.use_seerr_default.value),
    ),
    { requireSync: true },
  );
  protected readonly removeMissing = toSignal(
    this.form.controls.remove_missing.valueChanges.pipe(startWith(this.form.controls.remove_missing.value)),
    { requireSync: true },
  );

  protected readonly apiKeySet = signal(false);
  protected readonly saving = signal(false);
  /** Save and Reset stay off until something changed; leaving then asks first. */
  protected readonly dirty = formDirty(this.form);
  protected readonly saveError = new SaveError(this.form);
  protected readonly savedAt = signal<number | null>(null);
  protected readonly testing = signal(false);
  protected readonly testResult = signal<SeerrTestResultDto | null>(null);
  protected readonly testError = signal<string | null>(null);

  constructor() {
    warnBeforeUnload(this.dirty);
    let shownBefore: Remote<SeerrOverviewDto> = LOADING;
    toObservable(this.overview.state)
      .pipe(takeUntilDestroyed())
      .subscribe((overview) => {
        this.readAt.set(Date.now());
        if (overview.state === 'ok' && (shownBefore.state !== 'ok' || this.form.pristine)) {
          this.fill(overview.value.config);
        }
        shownBefore = overview;
      });
    this.form.controls.use_seerr_default.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((useDefault) => this.permissionsEnabled(!useDefault));
  }

  protected reload(): void {
    this.overview.reload();
    this.linked.reload();
  }

  /** Seerr has no restart API: its linked container is restarted. */
  protected restart(): void {
    const name = this.container()?.name;
    if (!name) return;
    this.containerActions
      .confirmAndRun({ name, service: 'seerr' }, 'restart', { started: () => this.restarting.set(true) })
      .pipe(
        finalize(() => this.restarting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ next: () => this.reload(), error: () => undefined });
  }

  hasUnsavedChanges(): boolean {
    return this.dirty();
  }

  protected save(): void {
    this.savedAt.set(null);
    if (this.saveError.refusesInvalid()) {
      return;
    }
    const v = this.form.getRawValue();
    const apiKey = v.api_key.trim();
    this.saving.set(true);
    this.client
      .update({
        // An empty field disconnects Seerr; the server refuses an empty URL.
        url: v.url.trim() || null,
        ...(apiKey ? { api_key: apiKey } : {}),
        sync_interval_minutes: v.sync_interval_minutes,
        default_permissions: v.use_seerr_default ? null : v.default_permissions,
        remove_missing: v.remove_missing,
        deletion_cap: v.deletion_cap,
        concurrency: v.concurrency,
        quota_days: v.quota_days,
      })
      .pipe(
        tap((config) => this.fill(config)),
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.savedAt.set(Date.now());
          this.reload();
        },
        error: (error: unknown) => this.saveError.fromResponse(error),
      });
  }

  protected reset(): void {
    const overview = this.value();
    if (overview) {
      this.fill(overview.config);
    }
    this.saveError.clear();
  }

  /** Tries the URL and key as typed, before they are saved; an empty key field tests the saved key. */
  protected test(): void {
    const { url, api_key: apiKey } = this.form.controls;
    url.markAsTouched();
    if (url.invalid) {
      return;
    }
    this.testing.set(true);
    this.testResult.set(null);
    this.testError.set(null);
    this.client
      .test({ url: url.value.trim(), ...(apiKey.value.trim() ? { api_key: apiKey.value.trim() } : {}) })
      .pipe(
        finalize(() => this.testing.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => this.testResult.set(result),
        error: (error: unknown) => this.testError.set(describeApiError(error)),
      });
  }

  protected errorOf(field: string): string | null {
    return fieldMessage(
      this.form.get(field)?.errors,
      'Must be an http:// or https:// URL, such as http://seerr:5055.',
    );
  }

  private fill(config: SeerrConfigDto): void {
    this.form.reset({
      url: config.url,
      api_key: '',
      sync_interval_minutes: config.sync_interval_minutes || null,
      use_seerr_default: config.default_permissions === null,
      default_permissions: config.default_permissions,
      remove_missing: config.remove_missing,
      deletion_cap: config.deletion_cap,
      concurrency: config.concurrency,
      quota_days: config.quota_days,
    });
    this.apiKeySet.set(config.api_key_set);
    this.permissionsEnabled(config.default_permissions !== null);
  }

  private permissionsEnabled(enabled: boolean): void {
    const control = this.form.controls.default_permissions;
    if (enabled) {
      control.enable({ emitEvent: false });
    } else {
      control.disable({ emitEvent: false });
    }
  }
}
