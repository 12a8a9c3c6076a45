import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

import { formatCount, formatRate } from '../../common/format/units';

import { CLIENT_ICONS } from './torrent-labels';
import { type TorrentReplica } from './torrent-replica';

/**
 * Every client in one line above the list: its state, torrent count and live rates, plus the totals.
 * A click on a client (or on "Clients") opens the cards with the detail and the controls.
 */
@Component({
  selector: 'sp-torrent-client-strip',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="strip" role="list" aria-label="Torrent clients">
      @for (replica of replicas(); track replica.id) {
        <button
          type="button"
          role="listitem"
          class="client"
          data-testid="torrent-strip-client"
          [attr.data-client]="replica.id"
          [attr.data-state]="replica.state()"
          [class.bad]="replica.state() === 'error'"
          [title]="replica.error() ?? replica.name"
          (click)="toggle.emit()"
        >
          <mat-icon aria-hidden="true">{{ icons[replica.kind] }}</mat-icon>
          <span class="dot" [attr.data-state]="replica.state()" aria-hidden="true"></span>
          <span class="name">{{ replica.name }}</span>
          @if (replica.state() === 'error') {
            <span class="figure">{{ replica.torrents().length ? 'stale' : 'down' }}</span>
          } @else {
            <span class="figure sp-tabular">{{ count(replica.summary().total) }}</span>
          }
          <span class="sp-visually-hidden">{{ replica.state() === 'error' ? replica.error() : '' }}</span>
        </button>
      }
      <span class="totals sp-tabular" data-testid="torrent-strip-totals">
        <mat-icon aria-hidden="true">arrow_downward</mat-icon>{{ rate(totals().down) }}
        <mat-icon aria-hidden="true">arrow_upward</mat-icon>{{ rate(totals().up) }}
      </span>
      <button
        mat-button
        type="button"
        class="expand"
        data-testid="torrent-strip-toggle"
        [attr.aria-expanded]="expanded()"
        (click)="toggle.emit()"
      >
        <mat-icon>{{ expanded() ? 'expand_less' : 'expand_more' }}</mat-icon>
        {{ expanded() ? 'Hide clients' : 'Clients' }}
      </button>
    </div>
  `,
  styles: `
    .strip {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .client {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      height: 32px;
      padding: 0 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-large);
      cursor: pointer;
      mat-icon {
        width: 18px;
        height: 18px;
        font-size: 18px;
        color: var(--mat-sys-on-surface-variant);
      }
      &.bad {
        border-color: var(--mat-sys-error);
      }
      &:focus-visible {
        outline: 2px solid var(--mat-sys-primary);
        outline-offset: 2px;
      }
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--mat-sys-outline);
      &[data-state='ready'] {
        background: light-dark(#1b7f3b, #6fdc8c);
      }
      &[data-state='error'] {
        background: var(--mat-sys-error);
      }
    }
    .figure {
      color: var(--mat-sys-on-surface-variant);
    }
    .totals {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      margin-left: auto;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      mat-icon {
        width: 16px;
        height: 16px;
        font-size: 16px;
        margin-left: 8px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentClientStripComponent {
  readonly replicas = input.required<readonly TorrentReplica[]>();
  readonly expanded = input(false);
  readonly toggle = output<void>();

  protected readonly icons = CLIENT_ICONS;
  protected readonly count = formatCount;
  protected readonly totals = computed(() => {
    let down = 0;
    let up = 0;
    for (const replica of this.replicas()) {
      down += replica.summary().downRate;
      up += replica.summary().upRate;
    }
    return { down, up };
  });

  protected rate(bytesPerSecond: number): string {
    return formatRate(bytesPerSecond);
  }
}
