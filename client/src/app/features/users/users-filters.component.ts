import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

import { bindFilterForm } from '../../core/util/filter-form';
import { EMPTY_FILTERS, type ShowFilter, type UserFilters, hasFilters } from './users-query';

@Component({
  selector: 'sp-users-filters',
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
      aria-label="Filter users"
      (submit)="$event.preventDefault()"
    >
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="q">
        <mat-label>Search name or e-mail</mat-label>
        <mat-icon matPrefix aria-hidden="true">search</mat-icon>
        <input matInput formControlName="q" type="search" data-testid="users-filter-q" />
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Show</mat-label>
        <mat-select formControlName="show" data-testid="users-filter-show">
          <mat-option value="">Everyone</mat-option>
          <mat-option value="synced">Synced</mat-option>
          <mat-option value="not_synced">Not synced</mat-option>
          <mat-option value="blocked">Blocked</mat-option>
          <mat-option value="immune">Immune</mat-option>
        </mat-select>
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Server</mat-label>
        <mat-select formControlName="server" data-testid="users-filter-server">
          <mat-option value="">Any server</mat-option>
          @for (server of servers(); track server) {
            <mat-option [value]="server">{{ server }}</mat-option>
          }
        </mat-select>
      </mat-form-field>

      <button
        mat-button
        type="button"
        class="clear"
        data-testid="users-filter-clear"
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
      grid-template-columns: minmax(200px, 2fr) repeat(2, minmax(150px, 1fr)) auto;
      gap: 12px;
      align-items: center;
    }
    mat-icon[matPrefix] {
      margin-inline: 12px 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 719.98px) {
      .filters {
        grid-template-columns: 1fr 1fr;
        gap: 8px;
      }
      .q {
        grid-column: 1 / -1;
      }
      .clear {
        justify-self: start;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersFiltersComponent {
  readonly filters = input<UserFilters>(EMPTY_FILTERS);
  readonly servers = input<readonly string[]>([]);
  readonly changed = output<UserFilters>();

  protected readonly empty = EMPTY_FILTERS;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    q: '',
    show: this.fb.control<ShowFilter>(''),
    server: '',
  });
  protected readonly active = computed(() => hasFilters(this.filters()));

  constructor() {
    bindFilterForm(this.form, this.filters, ['q'], (filters) => this.changed.emit(filters));
  }
}
