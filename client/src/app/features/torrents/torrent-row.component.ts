import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { type MatMenuPanel, MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

import { BytesPipe } from '../../common/format/format.pipes';
import { formatDuration } from '../../common/format/durations';
import { formatDateTime } from '../../common/format/dates';
import { formatRatio } from '../../common/format/units';

import { StatusChipComponent } from '../../common/status-chip.component';
import { type TorrentColumnId } from './torrent-columns';
import { STATE_LOOKS } from './torrent-labels';
import { type TorrentRow } from './torrent-query';

/** One torrent as a table row (wide screens) or a three-line card (phones). */
@Component({
  selector: 'sp-torrent-row',
  imports: [
    MatCheckboxModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    BytesPipe,
    StatusChipComponent,
  ],
  host: {
    role: 'row',
    '[class.compact]': 'compact()',
    '[class.selected]': 'selected()',
    '[attr.aria-selected]': 'selected()',
    '[attr.aria-busy]': 'busy()',
    '[attr.aria-rowindex]': 'rowIndex()',
    '[attr.data-hash]': 'torrent().hash',
    '[class.stale]': 'torrent().stale',
    '[attr.data-client]': 'torrent().client_id',
    '[attr.data-stale]': 'torrent().stale',
    '[attr.data-state]': 'torrent().state',
    'data-testid': 'torrent-row',
  },
  template: `
    <div role="cell" class="select">
      <mat-checkbox
        [checked]="selected()"
        (change)="toggled.emit()"
        [aria-label]="'Select ' + torrent().name"
        data-testid="torrent-select"
      />
    </div>
    <div role="cell" class="name">
      <button
        type="button"
        class="title"
        [title]="torrent().name"
        data-testid="torrent-name"
        (click)="opened.emit()"
      >
        @if (torrent().stale) {
          <mat-icon
            class="stale-icon"
            data-testid="torrent-stale"
            aria-label="Stale"
            title="From the last list read: the client does not answer now"
            >cloud_off</mat-icon
          >
        }
        {{ torrent().name }}
      </button>
      @if (torrent().label && !shows('label')) {
        <span class="label">{{ torrent().label }}</span>
      }
    </div>
    @for (column of columns(); track column) {
      @switch (column) {
        @case ('client') {
          <div role="cell" class="client" data-testid="torrent-client">{{ torrent().client_name }}</div>
        }
        @case ('state') {
          <div role="cell" class="state">
            @if (busy()) {
              <mat-progress-spinner mode="indeterminate" diameter="20" aria-label="Working" />
            } @else {
              <sp-status-chip
                [label]="look().label"
                [tone]="look().tone"
                [icon]="look().icon"
                data-testid="torrent-state"
              />
            }
          </div>
        }
        @case ('progress') {
          <div role="cell" class="progress">
            <mat-progress-bar
              mode="determinate"
              [value]="percent()"
              [attr.aria-label]="'Progress of ' + torrent().name"
            />
            <span class="sp-tabular">{{ percentText() }}%</span>
          </div>
        }
        @case ('size') {
          <div role="cell" class="size sp-tabular">{{ torrent().size | bytes }}</div>
        }
        @case ('down') {
          <div role="cell" class="down sp-tabular" data-testid="torrent-down">
            <mat-icon aria-hidden="true" class="rate-icon">arrow_downward</mat-icon
            >{{ torrent().down_rate | bytes: 'rate' }}
          </div>
        }
        @case ('up') {
          <div role="cell" class="up sp-tabular">
            <mat-icon aria-hidden="true" class="rate-icon">arrow_upward</mat-icon
            >{{ torrent().up_rate | bytes: 'rate' }}
          </div>
        }
        @case ('eta') {
          <div role="cell" class="eta sp-tabular">{{ eta() }}</div>
        }
        @case ('ratio') {
          <div role="cell" class="ratio sp-tabular">{{ ratio() }}</div>
        }
        @case ('added') {
          <div role="cell" class="added sp-tabular" [title]="torrent().added ?? ''">{{ added() }}</div>
        }
        @case ('label') {
          <div role="cell" class="label-cell" data-testid="torrent-label">{{ torrent().label || '—' }}</div>
        }
        @case ('tracker') {
          <div role="cell" class="tracker" data-testid="torrent-tracker" [title]="torrent().tracker">
            {{ torrent().tracker || '—' }}
          </div>
        }
      }
    }
    <div role="cell" class="actions">
      <button
        mat-icon-button
        type="button"
        [matMenuTriggerFor]="menu()"
        [matMenuTriggerData]="{ torrent: torrent() }"
        [attr.aria-label]="'Actions for ' + torrent().name"
        data-testid="torrent-menu"
      >
        <mat-icon>more_vert</mat-icon>
      </button>
    </div>
  `,
  styleUrl: './torrent-row.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentRowComponent {
  readonly torrent = input.required<TorrentRow>();
  /** The optional columns to show, in order. */
  readonly columns = input.required<readonly TorrentColumnId[]>();
  readonly menu = input.required<MatMenuPanel>();
  readonly selected = input(false);
  readonly busy = input(false);
  readonly compact = input(false);
  /** 1-based, counting the header row (aria-rowindex). */
  readonly rowIndex = input(0);
  readonly toggled = output<void>();
  /** The name was clicked: show the torrent's detail. */
  readonly opened = output<void>();

  protected readonly look = computed(() => STATE_LOOKS[this.torrent().state]);
  protected readonly added = computed(() => {
    const added = this.torrent().added;
    // A date alone: the clock choice does not change it.
    return formatDateTime(added, 'date', '24h');
  });
  protected readonly ratio = computed(() => formatRatio(this.torrent().ratio));
  protected readonly percent = computed(() => Math.floor(this.torrent().progress * 1000) / 10);
  /** One decimal below 100 % so that 99.95 % never reads as done. */
  protected readonly percentText = computed(() =>
    this.percent() >= 100 ? '100' : this.percent().toFixed(1),
  );
  protected readonly eta = computed(() => {
    const { eta, progress } = this.torrent();
    if (progress >= 1 || eta === 0) return 'Done';
    return eta === null ? '—' : formatDuration(eta);
  });

  protected shows(column: TorrentColumnId): boolean {
    return this.columns().includes(column);
  }
}
