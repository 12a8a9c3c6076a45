import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type TorrentBulkAction } from '../../api';
import { ACTION_LOOKS } from './torrent-labels';

/** What can be done to every selected torrent at once. */
@Component({
  selector: 'sp-torrent-bulk-bar',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, MatTooltipModule, DecimalPipe],
  template: `
    <div
      class="bar"
      [class.compact]="compact()"
      role="toolbar"
      aria-label="Act on the selected torrents"
      data-testid="torrent-bulk-bar"
    >
      <span class="count" aria-live="polite" data-testid="torrent-bulk-count"
        >{{ count() | number }} selected</span
      >
      @if (busy()) {
        <mat-progress-spinner mode="indeterminate" diameter="20" aria-label="Working" />
      }
      <span class="spacer"></span>
      @for (action of actions; track action) {
        @if (compact()) {
          <button
            mat-icon-button
            type="button"
            [disabled]="busy()"
            [attr.aria-label]="labels[action] + ' selected'"
            [matTooltip]="labels[action]"
            [attr.data-testid]="'torrent-bulk-' + action"
            (click)="act.emit(action)"
          >
            <mat-icon>{{ looks[action].icon }}</mat-icon>
          </button>
        } @else {
          <button
            mat-button
            type="button"
            [disabled]="busy()"
            [attr.data-testid]="'torrent-bulk-' + action"
            (click)="act.emit(action)"
          >
            <mat-icon>{{ looks[action].icon }}</mat-icon>
            {{ labels[action] }}
          </button>
        }
      }
      <button
        mat-icon-button
        type="button"
        aria-label="Clear the selection"
        data-testid="torrent-bulk-clear"
        (click)="clear.emit()"
      >
        <mat-icon>close</mat-icon>
      </button>
    </div>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      min-height: 48px;
      padding: 0 8px 0 16px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .bar.compact {
      flex-wrap: nowrap;
      gap: 0;
      padding: 0 4px 0 12px;
    }
    .count {
      font: var(--mat-sys-title-small);
      white-space: nowrap;
    }
    .spacer {
      flex: 1;
    }
    button {
      --mat-button-text-label-text-color: var(--mat-sys-on-secondary-container);
      --mat-icon-button-icon-color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentBulkBarComponent {
  readonly count = input.required<number>();
  readonly busy = input(false);
  readonly compact = input(false);
  readonly act = output<TorrentBulkAction>();
  readonly clear = output<void>();

  protected readonly looks = ACTION_LOOKS;
  protected readonly actions = Object.keys(ACTION_LOOKS) as TorrentBulkAction[];
  /** Without the dialog's ellipsis: the buttons name what they do to the selection. */
  protected readonly labels: Readonly<Record<TorrentBulkAction, string>> = {
    start: 'Start',
    stop: 'Stop',
    pause: 'Pause',
    resume: 'Resume',
    remove: 'Remove',
  };
}
