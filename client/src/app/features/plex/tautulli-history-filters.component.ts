import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

import { type TautulliLibraryDto, type TautulliMediaType, type TautulliUserDto } from '../../api';
import { fromAfterTo } from '../../common/date-range';

/** The history's filters; days are `YYYY-MM-DD`, empty when not set. */
export interface HistoryFilter {
  readonly userId: number | null;
  readonly sectionId: string | null;
  readonly mediaType: TautulliMediaType | null;
  readonly from: string;
  readonly to: string;
}

export const NO_FILTER: HistoryFilter = { userId: null, sectionId: null, mediaType: null, from: '', to: '' };

export const MEDIA_TYPES: ReadonlyArray<{ readonly value: TautulliMediaType; readonly label: string }> = [
  { value: 'movie', label: 'Movies' },
  { value: 'episode', label: 'Episodes' },
  { value: 'track', label: 'Music' },
  { value: 'live', label: 'Live TV' },
];

/** Whether the range is the wrong way round (both are days, so text order is date order). */
/**
 * User, library, media type and a from/to range above the history table. A range the wrong way round
 * is said at once and not sent (the server would refuse it with a 400 naming `from`).
 */
@Component({
  selector: 'sp-tautulli-history-filters',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  template: `
    <div class="filters" role="group" aria-label="History filters" data-testid="history-filters">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>User</mat-label>
        <mat-select
          canSelectNullableOptions
          data-testid="history-filter-user"
          [value]="draft().userId"
          (selectionChange)="set({ userId: $event.value })"
        >
          <mat-option [value]="null">Everyone</mat-option>
          @for (u of users(); track u.user_id) {
            <mat-option [value]="u.user_id">{{ u.friendly_name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Library</mat-label>
        <mat-select
          canSelectNullableOptions
          data-testid="history-filter-library"
          [value]="draft().sectionId"
          (selectionChange)="set({ sectionId: $event.value })"
        >
          <mat-option [value]="null">Every library</mat-option>
          @for (l of libraries(); track l.section_id) {
            <mat-option [value]="l.section_id">{{ l.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Media type</mat-label>
        <mat-select
          canSelectNullableOptions
          data-testid="history-filter-type"
          [value]="draft().mediaType"
          (selectionChange)="set({ mediaType: $event.value })"
        >
          <mat-option [value]="null">Any</mat-option>
          @for (t of mediaTypes; track t.value) {
            <mat-option [value]="t.value">{{ t.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>From</mat-label>
        <input
          matInput
          type="date"
          data-testid="history-filter-from"
          [value]="draft().from"
          [attr.aria-invalid]="wrongWay()"
          [attr.aria-describedby]="wrongWay() ? 'history-range-error' : null"
          (change)="set({ from: dateOf($event) })"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>To</mat-label>
        <input
          matInput
          type="date"
          data-testid="history-filter-to"
          [value]="draft().to"
          (change)="set({ to: dateOf($event) })"
        />
      </mat-form-field>
      @if (active()) {
        <button mat-button type="button" data-testid="history-filter-clear" (click)="clear()">
          <mat-icon>filter_alt_off</mat-icon>
          Clear
        </button>
      }
    </div>
    @if (wrongWay()) {
      <p class="range-error" id="history-range-error" role="alert" data-testid="history-filter-error">
        <mat-icon aria-hidden="true">error</mat-icon>
        From must not be after To.
      </p>
    }
  `,
  styles: `
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
      gap: 8px 12px;
      align-items: center;
      margin-bottom: 12px;
    }
    .range-error {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0 0 12px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TautulliHistoryFiltersComponent {
  readonly users = input<readonly TautulliUserDto[]>([]);
  readonly libraries = input<readonly TautulliLibraryDto[]>([]);
  /** Emits every valid change; a range the wrong way round is kept here until it is fixed. */
  readonly filterChange = output<HistoryFilter>();

  protected readonly mediaTypes = MEDIA_TYPES;
  protected readonly draft = signal<HistoryFilter>(NO_FILTER);
  protected readonly wrongWay = computed(() => fromAfterTo(this.draft()));
  protected readonly active = computed(() => {
    const f = this.draft();
    return f.userId !== null || f.sectionId !== null || f.mediaType !== null || !!f.from || !!f.to;
  });

  protected set(change: Partial<HistoryFilter>): void {
    this.draft.update((f) => ({ ...f, ...change }));
    if (!this.wrongWay()) this.filterChange.emit(this.draft());
  }

  protected clear(): void {
    this.draft.set(NO_FILTER);
    this.filterChange.emit(NO_FILTER);
  }

  protected dateOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
