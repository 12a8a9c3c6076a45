import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { type MatMenuPanel, MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

import { type TorrentDto } from '../../api';
import { BytesPipe } from '../../common/bytes.pipe';
import { humanDuration } from '../../common/duration.pipe';
import { StatusChipComponent } from '../../common/status-chip.component';
import { CLIENT_NAMES, STATE_LOOKS } from './torrent-labels';

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
    '[attr.data-client]': 'torrent().client',
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
      <span class="title" [title]="torrent().name" data-testid="torrent-name">{{ torrent().name }}</span>
      @if (torrent().label) {
        <span class="label">{{ torrent().label }}</span>
      }
    </div>
    <div role="cell" class="client" data-testid="torrent-client">{{ clientName() }}</div>
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
    <div role="cell" class="progress">
      <mat-progress-bar
        mode="determinate"
        [value]="percent()"
        [attr.aria-label]="'Progress of ' + torrent().name"
      />
      <span class="sp-tabular">{{ percentText() }}%</span>
    </div>
    <div role="cell" class="size sp-tabular">{{ torrent().size | bytes }}</div>
    <div role="cell" class="down sp-tabular" data-testid="torrent-down">
      <mat-icon aria-hidden="true" class="rate-icon">arrow_downward</mat-icon
      >{{ torrent().down_rate | bytes: 'rate' }}
    </div>
    <div role="cell" class="up sp-tabular">
      <mat-icon aria-hidden="true" class="rate-icon">arrow_upward</mat-icon
      >{{ torrent().up_rate | bytes: 'rate' }}
    </div>
    <div role="cell" class="eta sp-tabular">{{ eta() }}</div>
    <div role="cell" class="ratio sp-tabular">{{ torrent().ratio.toFixed(2) }}</div>
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
  readonly torrent = input.required<TorrentDto>();
  readonly menu = input.required<MatMenuPanel>();
  readonly selected = input(false);
  readonly busy = input(false);
  readonly compact = input(false);
  /** 1-based, counting the header row (aria-rowindex). */
  readonly rowIndex = input(0);
  readonly toggled = output<void>();

  protected readonly look = computed(() => STATE_LOOKS[this.torrent().state]);
  protected readonly clientName = computed(() => CLIENT_NAMES[this.torrent().client]);
  protected readonly percent = computed(() => Math.floor(this.torrent().progress * 1000) / 10);
  /** One decimal below 100 % so that 99.95 % never reads as done. */
  protected readonly percentText = computed(() =>
    this.percent() >= 100 ? '100' : this.percent().toFixed(1),
  );
  protected readonly eta = computed(() => {
    const { eta, progress } = this.torrent();
    if (progress >= 1 || eta === 0) return 'Done';
    return eta === null ? '—' : humanDuration(eta);
  });
}
