import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Subject, debounceTime } from 'rxjs';

import { TEXT_FILTER_DEBOUNCE_MS } from '../../core/util/filter-form';
import { NO_FILTERS, type RequestFilters, SHOWN_STATUSES, STATUS_LOOK, hasFilters } from './request-status';

export interface UserOption {
  readonly id: string;
  readonly name: string;
}

/** Title search, status, user and the date order; every change goes to the URL through the page. */
@Component({
  selector: 'sp-requests-filters',
  imports: [MatFormFieldModule, MatInputModule, MatSelectModule, MatIconModule, MatButtonModule],
  template: `
    <form class="filters" role="search" aria-label="Filter requests" (submit)="$event.preventDefault()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="q">
        <mat-label>Search titles</mat-label>
        <mat-icon matPrefix aria-hidden="true">search</mat-icon>
        <input
          matInput
          type="search"
          data-testid="requests-filter-q"
          [value]="filters().q"
          (input)="onTyped($event)"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select
          data-testid="requests-filter-status"
          [value]="filters().status"
          (selectionChange)="emit({ status: $event.value })"
        >
          <mat-option value="">Any status</mat-option>
          @for (status of statuses; track status) {
            <mat-option [value]="status">{{ look[status].label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>User</mat-label>
        <mat-select
          data-testid="requests-filter-user"
          [value]="filters().user"
          (selectionChange)="emit({ user: $event.value })"
        >
          <mat-option value="">Everyone</mat-option>
          @for (user of users(); track user.id) {
            <mat-option [value]="user.id">{{ user.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <button
        mat-stroked-button
        type="button"
        data-testid="requests-sort"
        [attr.data-sort]="filters().sort"
        [attr.aria-label]="
          filters().sort === 'newest'
            ? 'Sorted by date, newest first: show oldest first'
            : 'Sorted by date, oldest first: show newest first'
        "
        (click)="emit({ sort: filters().sort === 'newest' ? 'oldest' : 'newest' })"
      >
        <mat-icon>{{ filters().sort === 'newest' ? 'arrow_downward' : 'arrow_upward' }}</mat-icon>
        {{ filters().sort === 'newest' ? 'Newest first' : 'Oldest first' }}
      </button>
      <button
        mat-button
        type="button"
        data-testid="requests-filter-clear"
        [disabled]="!active()"
        (click)="changed.emit({ ...none, sort: filters().sort })"
      >
        <mat-icon>filter_alt_off</mat-icon>
        Clear
      </button>
    </form>
  `,
  styles: `
    .filters {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr) auto auto;
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
      button {
        justify-self: start;
      }
      [data-testid='requests-sort'] {
        justify-self: stretch;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestsFiltersComponent {
  readonly filters = input.required<RequestFilters>();
  readonly users = input<readonly UserOption[]>([]);
  readonly changed = output<RequestFilters>();

  protected readonly statuses = SHOWN_STATUSES;
  protected readonly look = STATUS_LOOK;
  protected readonly none = NO_FILTERS;
  protected readonly active = computed(() => hasFilters(this.filters()));
  private readonly typed = new Subject<string>();

  constructor() {
    this.typed
      .pipe(debounceTime(TEXT_FILTER_DEBOUNCE_MS), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((q) => this.emit({ q: q.trim() }));
  }

  protected onTyped(event: Event): void {
    this.typed.next((event.target as HTMLInputElement).value);
  }

  protected emit(patch: Partial<RequestFilters>): void {
    this.changed.emit({ ...this.filters(), ...patch });
  }
}
