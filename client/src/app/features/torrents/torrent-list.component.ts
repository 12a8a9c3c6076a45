import { ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';

import { type SortOrder, type TorrentBulkAction, type TorrentDto, type TorrentSortField } from '../../api';
import { ACTION_LOOKS, actionApplies } from './torrent-labels';
import { torrentKey } from './torrent-query';
import { TorrentRowComponent } from './torrent-row.component';

export interface TorrentActionRequest {
  readonly torrent: TorrentDto;
  readonly action: TorrentBulkAction;
}

const ROW_HEIGHT = 52;
const CARD_HEIGHT = 96;

/** Header cells in the order of the row's cells; `field` null = not sortable. */
const COLUMNS: readonly { cls: string; label: string; field: TorrentSortField | null }[] = [
  { cls: 'name', label: 'Name', field: 'name' },
  { cls: 'client', label: 'Client', field: null },
  { cls: 'state', label: 'State', field: 'state' },
  { cls: 'progress', label: 'Progress', field: 'progress' },
  { cls: 'size', label: 'Size', field: 'size' },
  { cls: 'down', label: 'Down', field: 'down_rate' },
  { cls: 'up', label: 'Up', field: 'up_rate' },
  { cls: 'eta', label: 'Time left', field: 'eta' },
  { cls: 'ratio', label: 'Ratio', field: 'ratio' },
];

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
          @for (column of columns; track column.cls) {
            <div role="columnheader" [class]="column.cls" [attr.aria-sort]="ariaSort(column.field)">
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
        [menu]="menu"
        [selected]="selected().has(key(torrent))"
        [busy]="busy().has(key(torrent))"
        [compact]="compact()"
        [rowIndex]="i + 2"
        (toggled)="toggle.emit(torrent)"
      />
    </cdk-virtual-scroll-viewport>

    <mat-menu #menu="matMenu">
      <ng-template matMenuContent let-torrent="torrent">
        @for (action of actions; track action) {
          <button
            mat-menu-item
            type="button"
            [disabled]="!applies(action, torrent.state)"
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
  readonly torrents = input.required<readonly TorrentDto[]>();
  readonly selected = input<ReadonlySet<string>>(new Set());
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly sort = input<TorrentSortField>('name');
  readonly order = input<SortOrder>('asc');
  readonly compact = input(false);
  readonly toggle = output<TorrentDto>();
  readonly selectAll = output<boolean>();
  readonly sortChange = output<TorrentSortField>();
  readonly act = output<TorrentActionRequest>();

  protected readonly columns = COLUMNS;
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

  protected trackByKey(_index: number, torrent: TorrentDto): string {
    return torrentKey(torrent);
  }

  protected ariaSort(field: TorrentSortField | null): string | null {
    if (field === null) return null;
    if (field !== this.sort()) return 'none';
    return this.order() === 'asc' ? 'ascending' : 'descending';
  }
}
