import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { type Observable, finalize, map } from 'rxjs';

import { formDirty } from '../../common/form/form-dirty';
import { SaveError } from '../../common/form/save-error';
import { guardedClose } from '../../common/form/unsaved-changes';
import { fieldMessage, trimmedPattern } from '../../common/validators';
import { PlexClient } from './plex-client.service';
import { TautulliClient } from './tautulli-client.service';

const URL_PATTERN = /^https?:\/\/\S+$/i;

export interface ConnectionDialogData {
  readonly service: 'plex' | 'tautulli';
}

/** The saved connection, whichever service it is. */
interface Connection {
  readonly url: string;
  readonly secretSet: boolean;
  readonly container: string | null;
  readonly overriddenByEnv: readonly string[];
}

/** Plex's or Tautulli's URL and token (write-only), and Plex's container for restarts. */
@Component({
  selector: 'sp-connection-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ name }} connection</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading the ' + name + ' connection'" />
        }
        @if (overridden().length > 0) {
          <p class="note">
            <mat-icon aria-hidden="true">info</mat-icon>
            <span
              >Set in the environment, which wins over what is saved here:
              {{ overridden().join(', ') }}.</span
            >
          </p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>URL</mat-label>
          <input
            matInput
            type="url"
            formControlName="url"
            [placeholder]="isPlex ? 'http://plex:32400' : 'http://tautulli:8181'"
            autocomplete="off"
            spellcheck="false"
            data-testid="connection-url"
          />
          @if (errorOf('url'); as error) {
            <mat-error>{{ error }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ isPlex ? 'Token (X-Plex-Token)' : 'API key' }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="secret"
            autocomplete="new-password"
            spellcheck="false"
            data-testid="connection-secret"
          />
          <mat-hint>{{ secretSet() ? 'One is set; leave empty to keep it.' : 'None saved yet.' }}</mat-hint>
          @if (errorOf('secret'); as error) {
            <mat-error>{{ error }}</mat-error>
          }
        </mat-form-field>
        @if (isPlex) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Docker container</mat-label>
            <input
              matInput
              formControlName="container"
              autocomplete="off"
              spellcheck="false"
              data-testid="connection-container"
            />
            <mat-hint>Lets the panel restart Plex through the Docker socket; empty: no restarts.</mat-hint>
            @if (errorOf('container'); as error) {
              <mat-error>{{ error }}</mat-error>
            }
          </mat-form-field>
        }
        @if (error.message(); as message) {
          <p class="sp-error-banner" role="alert" data-testid="connection-error">
            <mat-icon aria-hidden="true">error</mat-icon>{{ message }}
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" data-testid="connection-cancel" (click)="close()">
          {{ dirty() ? 'Cancel' : 'Close' }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="connection-save"
          [disabled]="saving() || loading() || !dirty()"
        >
          @if (saving()) {
            <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
          }
          Save
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
    .note {
      display: flex;
      gap: 8px;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionDialogComponent {
  private readonly data = inject<ConnectionDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ConnectionDialogComponent, boolean>>(MatDialogRef);
  private readonly plex = inject(PlexClient);
  private readonly tautulli = inject(TautulliClient);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly isPlex = this.data.service === 'plex';
  protected readonly name = this.isPlex ? 'Plex' : 'Tautulli';
  protected readonly form = inject(NonNullableFormBuilder).group({
    url: ['', [Validators.maxLength(2000), trimmedPattern(URL_PATTERN)]],
    secret: ['', Validators.maxLength(500)],
    container: ['', Validators.maxLength(200)],
  });
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly secretSet = signal(false);
  protected readonly overridden = signal<readonly string[]>([]);
  /** Save stays off until something changed; closing with changes asks first. */
  protected readonly dirty = formDirty(this.form);
  protected readonly error = new SaveError(this.form);
  protected readonly close = guardedClose(this.ref, this.dirty, () => false);

  constructor() {
    this.load()
      .pipe(
        finalize(() => this.loading.set(false)),
        takeUntilDestroyed(),
      )
      .subscribe({ next: (connection) => this.fill(connection), error: () => undefined });
  }

  protected save(): void {
    if (this.error.refusesInvalid()) {
      return;
    }
    const { url, secret, container } = this.form.getRawValue();
    const secretPart = secret.trim() ? secret.trim() : undefined;
    const saved: Observable<unknown> = this.isPlex
      ? this.plex.updateSettings({ url: url.trim(), token: secretPart, container: container.trim() || null })
      : this.tautulli.updateSettings({ url: url.trim(), api_key: secretPart });
    this.saving.set(true);
    saved
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => this.ref.close(true),
        // The API names `token` and `api_key`; the form has one `secret` field for either.
        error: (error: unknown) =>
          this.error.fromResponse(error, undefined, { token: 'secret', api_key: 'secret' }),
      });
  }

  protected errorOf(field: string): string | null {
    return fieldMessage(this.form.get(field)?.errors, 'Must be an http:// or https:// URL.');
  }

  private load(): Observable<Connection> {
    return this.isPlex
      ? this.plex.settings().pipe(
          map((s) => ({
            url: s.url,
            secretSet: s.token_set,
            container: s.container,
            overriddenByEnv: s.overridden_by_env,
          })),
        )
      : this.tautulli.settings().pipe(
          map((s) => ({
            url: s.url,
            secretSet: s.api_key_set,
            container: null,
            overriddenByEnv: s.overridden_by_env,
          })),
        );
  }

  private fill(connection: Connection): void {
    this.form.reset({ url: connection.url, secret: '', container: connection.container ?? '' });
    this.secretSet.set(connection.secretSet);
    this.overridden.set(connection.overriddenByEnv);
  }
}
