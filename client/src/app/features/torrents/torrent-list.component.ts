import { ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';

import { type SortOrder, type TorrentBulkAction, type TorrentSortField } from '../../api';
import { type TorrentColumn, type TorrentColumnId, gridTracks } from './torrent-columns';
import { ACTION_LOOKS, actionApplies } from './torrent-labels';
import { type TorrentRow, torrentKey } from './torrent-query';
import { TorrentRowComponent } from './torrent-row.component';

export interface TorrentActionRequest {
  readonly torrent: TorrentRow;
  readonly action: TorrentBulkAction;
}

const ROW_HEIGHT = 52;
const CARD_HEIGHT = 96;

/** What a phone's three-line card shows, whatever columns are chosen. */
const COMPACT_COLUMNS: readonly TorrentColumnId[] = ['client', 'state', 'progress', 'size', 'down', 'up'];

/**
 * The torrents as an ARIA table whose body is a virtual scroll viewport: only the rows in view (and a
 * small buffer) exist in the DOM, so 5,000 torrents scroll like 50. One row menu serves every row.
 */
@Component({
  selector: 'sp-torrent-list',
  imports: [
    ScrollingModule,
    MatCheckboxModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    TorrentRowComponent,
  ],
  host: {
    role: 'table',
    'aria-label': 'Torrents',
    '[attr.aria-rowcount]': 'torrents().length + 1',
    '[class.compact]': 'compact()',
    '[style.--torrent-columns]': 'tracks()',
  },
  template: `
    <div role="rowgroup">
      <div role="row" class="header" aria-rowindex="1">
        <div role="columnheader" class="select">
          <mat-checkbox
            [checked]="allSelected()"
            [indeterminate]="someSelected()"
            [disabled]="torrents().length === 0"
            (change)="selectAll.emit($event.checked)"
            aria-label="Select all shown torrents"
            data-testid="torrent-select-all"
          />
        </div>
        @if (compact()) {
          <div role="columnheader" class="compact-title">Select all shown</div>
        } @else {
          <div role="columnheader" class="name" [attr.aria-sort]="ariaSort('name')">
            <button
              type="button"
              class="sort"
              [class.active]="sort() === 'name'"
              (click)="sortChange.emit('name')"
            >
              Name
              <mat-icon aria-hidden="true">{{
                sort() === 'name' && order() === 'desc' ? 'arrow_downward' : 'arrow_upward'
              }}</mat-icon>
            </button>
          </div>
          @for (column of columns(); track column.id) {
            <div
              role="columnheader"
              [class]="column.id"
              [class.numeric]="column.numeric"
              [attr.aria-sort]="ariaSort(column.field)"
            >
              @if (column.field; as field) {
                <button
                  type="button"
                  class="sort"
                  [class.active]="sort() === field"
                  (click)="sortChange.emit(field)"
                >
                  {{ column.label }}
                  <mat-icon aria-hidden="true">{{
                    sort() === field && order() === 'desc' ? 'arrow_downward' : 'arrow_upward'
                  }}</mat-icon>
                </button>
              } @else {
                {{ column.label }}
              }
            </div>
          }
          <div role="columnheader" class="actions"><span class="sp-visually-hidden">Actions</span></div>
        }
      </div>
    </div>
    <cdk-virtual-scroll-viewport
      role="rowgroup"
      class="viewport"
      data-testid="torrent-viewport"
      [itemSize]="itemSize()"
      minBufferPx="400"
      maxBufferPx="800"
    >
      <sp-torrent-row
        *cdkVirtualFor="let torrent of torrents(); trackBy: trackByKey; let i = index"
        [style.height.px]="itemSize()"
        [torrent]="torrent"
        [columns]="cellColumns()"
        [menu]="menu"
        [selected]="selected().has(key(torrent))"
        [busy]="busy().has(key(torrent))"
        [compact]="compact()"
        [rowIndex]="i + 2"
        (toggled)="toggle.emit(torrent)"
        (opened)="open.emit(torrent)"
      />
    </cdk-virtual-scroll-viewport>

    <mat-menu #menu="matMenu">
      <ng-template matMenuContent let-torrent="torrent">
        <button mat-menu-item type="button" data-testid="torrent-action-details" (click)="open.emit(torrent)">
          <mat-icon>info</mat-icon>
          Details
        </button>
        @for (action of actions; track action) {
          <button
            mat-menu-item
            type="button"
            [disabled]="torrent.stale || !applies(action, torrent.state)"
            [attr.data-testid]="'torrent-action-' + action"
            (click)="act.emit({ torrent, action })"
          >
            <mat-icon>{{ looks[action].icon }}</mat-icon>
            {{ looks[action].label }}
          </button>
        }
      </ng-template>
    </mat-menu>
  `,
  styleUrl: './torrent-list.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentListComponent {
  readonly torrents = input.required<readonly TorrentRow[]>();
  /** The optional columns the user chose, in order. */
  readonly columns = input.required<readonly TorrentColumn[]>();
  readonly selected = input<ReadonlySet<string>>(new Set());
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly sort = input<TorrentSortField>('name');
  readonly order = input<SortOrder>('asc');
  readonly compact = input(false);
  readonly toggle = output<TorrentRow>();
  /** Show this torrent's detail. */
  readonly open = output<TorrentRow>();
  readonly selectAll = output<boolean>();
  readonly sortChange = output<TorrentSortField>();
  readonly act = output<TorrentActionRequest>();

  protected readonly tracks = computed(() => gridTracks(this.columns()));
  protected readonly cellColumns = computed(() =>
    this.compact() ? COMPACT_COLUMNS : this.columns().map((column) => column.id),
  );
  protected readonly looks = ACTION_LOOKS;
  protected readonly actions = Object.keys(ACTION_LOOKS) as TorrentBulkAction[];
  protected readonly applies = actionApplies;
  protected readonly key = torrentKey;
  protected readonly itemSize = computed(() => (this.compact() ? CARD_HEIGHT : ROW_HEIGHT));

  private readonly shownSelected = computed(() => {
    const selected = this.selected();
    return selected.size === 0 ? 0 : this.torrents().filter((t) => selected.has(torrentKey(t))).length;
  });
  protected readonly allSelected = computed(
    () => this.torrents().length > 0 && this.shownSelected() === this.torrents().length,
  );
  protected readonly someSelected = computed(() => this.shownSelected() > 0 && !this.allSelected());

  protected trackByKey(_index: number, torrent: TorrentRow): string {
    return torrentKey(torrent);
  }

  protected ariaSort(field: TorrentSortField | null): string | null {
    if (field === null) return null;
    if (field !== this.sort()) return 'none';
    return this.order() === 'asc' ? 'ascending' : 'descending';
  }
}
