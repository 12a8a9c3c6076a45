import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { type MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { debounceTime, map } from 'rxjs';

import { type TorrentSortField, type TorrentState } from '../../api';
import { TORRENT_STATE } from '../../api/models/torrent-state-array';
import { STATE_LOOKS } from './torrent-labels';
import { DEFAULT_TORRENT_QUERY, type StateCounts, type TorrentQuery } from './torrent-query';

const SEARCH_DEBOUNCE_MS = 250;

export const SORT_LABELS: Readonly<Record<TorrentSortField, string>> = {
  name: 'Name',
  size: 'Size',
  progress: 'Progress',
  state: 'State',
  down_rate: 'Download rate',
  up_rate: 'Upload rate',
  ratio: 'Ratio',
  eta: 'Time left',
  added: 'Added',
  label: 'Label',
  tracker: 'Tracker',
  client: 'Client',
};

/** A client instance the filter offers. */
export interface ClientChoice {
  readonly id: string;
  readonly name: string;
}

/** Client, search and sort fields over state chips that carry their counts. */
@Component({
  selector: 'sp-torrent-filters',
  imports: [
    ReactiveFormsModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    MatButtonModule,
    DecimalPipe,
  ],
  template: `
    <div class="fields" role="search" aria-label="Filter torrents">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="q">
        <mat-label>Search</mat-label>
        <mat-icon matPrefix aria-hidden="true">search</mat-icon>
        <input
          matInput
          type="search"
          [formControl]="search"
          placeholder="Name or info-hash"
          data-testid="torrent-search"
          aria-label="Search torrents by name or info-hash"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Client</mat-label>
        <mat-select
          [value]="query().client"
          (valueChange)="changed.emit({ client: $event })"
          data-testid="torrent-client-filter"
        >
          <mat-option value="">All clients</mat-option>
          @for (client of clients(); track client.id) {
            <mat-option [value]="client.id">{{ client.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (compact()) {
        <div class="sort">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Sort by</mat-label>
            <mat-select
              [value]="query().sort"
              (valueChange)="changed.emit({ sort: $event })"
              data-testid="torrent-sort"
            >
              @for (field of sortFields; track field[0]) {
                <mat-option [value]="field[0]">{{ field[1] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <button
            mat-icon-button
            type="button"
            data-testid="torrent-sort-order"
            [attr.aria-label]="
              query().order === 'asc' ? 'Ascending; sort descending' : 'Descending; sort ascending'
            "
            (click)="changed.emit({ order: query().order === 'asc' ? 'desc' : 'asc' })"
          >
            <mat-icon>{{ query().order === 'asc' ? 'arrow_upward' : 'arrow_downward' }}</mat-icon>
          </button>
        </div>
      }
    </div>
    <mat-chip-listbox
      class="states"
      aria-label="Filter by state"
      hideSingleSelectionIndicator
      [value]="query().state"
      (change)="pickState($event)"
    >
      @for (chip of chips(); track chip.state) {
        <mat-chip-option
          [value]="chip.state"
          [selectable]="chip.state !== query().state"
          data-testid="torrent-state-chip"
          [attr.data-state]="chip.state || 'all'"
        >
          {{ chip.label }} <span class="count sp-tabular">{{ chip.count | number }}</span>
        </mat-chip-option>
      }
    </mat-chip-listbox>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .fields {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
      gap: 12px;
    }
    .sort {
      display: flex;
      grid-column: 1 / -1;
      align-items: center;
      gap: 4px;
      mat-form-field {
        flex: 1;
      }
    }
    mat-icon[matPrefix] {
      margin-inline: 12px 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .count {
      margin-left: 4px;
      font-weight: 400;
    }
    @media (max-width: 599.98px) {
      .fields {
        grid-template-columns: 1fr;
        gap: 8px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentFiltersComponent {
  readonly query = input<TorrentQuery>(DEFAULT_TORRENT_QUERY);
  readonly counts = input.required<StateCounts>();
  readonly compact = input(false);
  /** The active client instances. */
  readonly clients = input<readonly ClientChoice[]>([]);
  readonly changed = output<Partial<TorrentQuery>>();

  protected readonly sortFields = Object.entries(SORT_LABELS);
  protected readonly search = new FormControl('', { nonNullable: true });

  /** "All" and every state that has torrents (or is the one selected). */
  protected readonly chips = computed(() => {
    const counts = this.counts();
    const selected = this.query().state;
    const states = TORRENT_STATE.filter((state) => counts[state] > 0 || state === selected);
    return [
      { state: '' as const, label: 'All', count: counts.all },
      ...states.map((state) => ({ state, label: STATE_LOOKS[state].label, count: counts[state] })),
    ];
  });

  constructor() {
    // The URL is the source of truth: mirror it into the field without echoing it back.
    effect(() => {
      const q = this.query().q;
      if (this.search.value.trim() !== q) {
        this.search.setValue(q, { emitEvent: false });
      }
    });
    this.search.valueChanges
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((value) => value.trim()),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((q) => {
        if (q !== this.query().q) this.changed.emit({ q });
      });
  }

  protected pickState(event: MatChipListboxChange): void {
    // A click on the selected chip deselects it; that means "All", as does picking All.
    const state = (event.value ?? '') as TorrentState | '';
    this.changed.emit({ state });
  }
}
