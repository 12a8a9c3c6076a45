import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { finalize } from 'rxjs';

import { type ContainerFilterDto } from '../../api';
import { describeApiError } from '../../core/api/api-error';
import { ContainersClient } from './containers-client.service';

export type FilterMode = 'all' | 'named' | 'label';

export const DEFAULT_LABEL = 'seedbox-panel.show=true';

/** "plex, tautulli\nseerr" → ["plex", "tautulli", "seerr"]: commas, spaces or lines apart, no repeats. */
export function parseNames(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((name) => name.length > 0))];
}

/** Which containers the Applications page lists: all, the ones named, or the ones with a label. */
@Component({
  selector: 'sp-container-filter-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
  ],
  template: `
    <h2 mat-dialog-title>Which containers to show</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="content">
        <mat-radio-group
          formControlName="mode"
          class="modes"
          aria-label="Which containers to show"
          data-testid="filter-mode"
        >
          <mat-radio-button value="all" data-testid="filter-mode-all">Every container</mat-radio-button>
          <mat-radio-button value="named" data-testid="filter-mode-named">Only these names</mat-radio-button>
          @if (mode() === 'named') {
            <mat-form-field appearance="outline" class="indent">
              <mat-label>Container names</mat-label>
              <textarea
                matInput
                formControlName="names"
                rows="3"
                data-testid="filter-names"
                spellcheck="false"
                placeholder="plex, tautulli, seerr"
              ></textarea>
              <mat-hint>Separated by commas, spaces or lines.</mat-hint>
            </mat-form-field>
          }
          <mat-radio-button value="label" data-testid="filter-mode-label"
            >Only labelled ones</mat-radio-button
          >
          @if (mode() === 'label') {
            <mat-form-field appearance="outline" class="indent">
              <mat-label>Label</mat-label>
              <input matInput formControlName="label" data-testid="filter-label" spellcheck="false" />
              <mat-hint
                >Containers with this label in their compose file, e.g.
                <code>{{ defaultLabel }}</code></mat-hint
              >
            </mat-form-field>
          }
        </mat-radio-group>
        @if (error(); as message) {
          <p class="sp-error-banner" role="alert" data-testid="filter-error">
            <mat-icon aria-hidden="true">error</mat-icon>{{ message }}
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" data-testid="filter-save" [disabled]="saving() || !valid()">
          Save
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .content {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .modes {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .indent {
      margin-inline-start: 40px;
      max-width: calc(100% - 40px);
    }
    code {
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerFilterDialogComponent {
  private readonly client = inject(ContainersClient);
  private readonly ref =
    inject<MatDialogRef<ContainerFilterDialogComponent, ContainerFilterDto>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly current = inject<ContainerFilterDto>(MAT_DIALOG_DATA);

  protected readonly defaultLabel = DEFAULT_LABEL;
  protected readonly form = new FormGroup({
    mode: new FormControl<FilterMode>(this.current.mode, { nonNullable: true }),
    names: new FormControl(this.current.names.join(', '), { nonNullable: true }),
    label: new FormControl(this.current.label || DEFAULT_LABEL, { nonNullable: true }),
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly mode = computed(() => this.value().mode ?? 'all');
  protected readonly valid = computed(() => {
    const { mode, names, label } = this.form.getRawValue();
    this.value();
    return mode === 'all' || (mode === 'named' ? parseNames(names).length > 0 : label.trim().length > 0);
  });

  protected save(): void {
    const { mode, names, label } = this.form.getRawValue();
    const body: ContainerFilterDto = { mode, names: parseNames(names), label: label.trim() };
    this.saving.set(true);
    this.error.set(null);
    this.client
      .updateFilter(body)
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (saved) => this.ref.close(saved),
        error: (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 400)
            this.error.set(describeApiError(error));
        },
      });
  }
}
