import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

import { bindFilterForm } from '../../core/util/filter-form';
import { type AuditFilters, EMPTY_FILTERS, type OutcomeFilter, hasFilters } from './audit-query';

@Component({
  selector: 'sp-audit-filters',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    MatButtonModule,
  ],
  template: `
    <form
      [formGroup]="form"
      class="filters"
      role="search"
      aria-label="Filter audit entries"
      (submit)="$event.preventDefault()"
    >
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="q">
        <mat-label>Search</mat-label>
        <mat-icon matPrefix aria-hidden="true">search</mat-icon>
        <input
          matInput
          formControlName="q"
          type="search"
          data-testid="audit-filter-q"
          aria-label="Search audit entries"
        />
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Action</mat-label>
        <mat-select formControlName="action" data-testid="audit-filter-action" aria-label="Filter by action">
          <mat-option value="">Any action</mat-option>
          @for (action of actions(); track action) {
            <mat-option [value]="action">{{ action }}</mat-option>
          }
        </mat-select>
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Actor</mat-label>
        <input
          matInput
          formControlName="actor"
          data-testid="audit-filter-actor"
          aria-label="Filter by actor"
        />
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Outcome</mat-label>
        <mat-select
          formControlName="outcome"
          data-testid="audit-filter-outcome"
          aria-label="Filter by outcome"
        >
          <mat-option value="">Any outcome</mat-option>
          <mat-option value="ok">OK</mat-option>
          <mat-option value="error">Error</mat-option>
        </mat-select>
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>From</mat-label>
        <input
          matInput
          type="date"
          formControlName="from"
          data-testid="audit-filter-from"
          aria-label="From date"
        />
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>To</mat-label>
        <input matInput type="date" formControlName="to" data-testid="audit-filter-to" aria-label="To date" />
      </mat-form-field>

      <button
        mat-button
        type="button"
        class="clear"
        data-testid="audit-filter-clear"
        [disabled]="!active()"
        (click)="changed.emit(empty)"
      >
        <mat-icon>filter_alt_off</mat-icon>
        Clear
      </button>
    </form>
  `,
  styles: `
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
      gap: 12px;
      align-items: center;
    }
    .q {
      grid-column: span 2;
    }
    mat-icon[matPrefix] {
      margin-inline: 12px 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .clear {
      justify-self: start;
    }
    @media (max-width: 599.98px) {
      .filters {
        grid-template-columns: 1fr 1fr;
        gap: 8px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditFiltersComponent {
  readonly filters = input<AuditFilters>(EMPTY_FILTERS);
  readonly actions = input<readonly string[]>([]);
  readonly changed = output<AuditFilters>();

  protected readonly empty = EMPTY_FILTERS;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    q: '',
    action: '',
    actor: '',
    outcome: this.fb.control<OutcomeFilter>(''),
    from: '',
    to: '',
  });
  protected readonly active = computed(() => hasFilters(this.filters()));

  constructor() {
    bindFilterForm(this.form, this.filters, ['q', 'actor'], (filters) => this.changed.emit(filters));
  }
}
