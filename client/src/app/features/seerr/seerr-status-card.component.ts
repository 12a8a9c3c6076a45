import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { DateTimePipe, DurationPipe } from '../../common/format/format.pipes';

import { type SeerrOverviewDto } from '../../api';

/** What the panel could read from Seerr just now, and the last and next sync. */
@Component({
  selector: 'sp-seerr-status-card',
  imports: [MatCardModule, MatIconModule, DateTimePipe, DecimalPipe, DurationPipe],
  template: `
    @let live = overview().live;
    @let sync = overview().sync;
    <mat-card appearance="outlined">
      <mat-card-content class="content">
        <div
          class="state"
          [class.bad]="!live.reachable"
          data-testid="seerr-live"
          [attr.data-ok]="live.reachable"
        >
          <mat-icon aria-hidden="true">{{ live.reachable ? 'cloud_done' : 'cloud_off' }}</mat-icon>
          <div>
            @if (live.reachable) {
              <div class="headline">Seerr {{ live.version }} is reachable</div>
              <div class="figures sp-tabular">
                {{ live.users ?? 0 | number }} users · {{ live.total_requests ?? 0 | number }} requests ·
                {{ live.media_items ?? 0 | number }} media items
              </div>
            } @else {
              <div class="headline">
                {{ overview().config.url ? 'Seerr cannot be read' : 'Seerr is not set up yet' }}
              </div>
              <div class="figures">{{ live.error ?? 'Enter its URL and API key below.' }}</div>
            }
          </div>
        </div>
        <dl>
          <div>
            <dt>Last sync</dt>
            <dd>
              @if (sync.last_sync_at) {
                {{ sync.last_sync_at | datetime: 'day-time' }} · {{ sync.last_sync_status }}
              } @else {
                Never
              }
            </dd>
          </div>
          <div>
            <dt>Next sync</dt>
            <dd data-testid="seerr-next-sync">
              @if (sync.next_sync_at) {
                {{ sync.next_sync_at | datetime: 'day-time' }} (in {{ secondsToNext() | duration }})
              } @else {
                Off: no automatic sync
              }
            </dd>
          </div>
        </dl>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .content {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 12px 32px;
      padding: 16px;
    }
    .state {
      display: flex;
      align-items: center;
      gap: 12px;
      min-width: 0;
    }
    .state mat-icon {
      flex: none;
      width: 40px;
      height: 40px;
      display: grid;
      place-items: center;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .state.bad mat-icon {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .headline {
      font: var(--mat-sys-title-medium);
    }
    .figures {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    dl {
      display: grid;
      gap: 4px;
      margin: 0;
    }
    dl div {
      display: flex;
      gap: 12px;
    }
    dt {
      min-width: 72px;
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeerrStatusCardComponent {
  readonly overview = input.required<SeerrOverviewDto>();
  /** When the overview was read; the countdown is relative to it. */
  readonly readAt = input(Date.now());

  protected readonly secondsToNext = computed(() => {
    const next = this.overview().sync.next_sync_at;
    return next ? Math.max(0, (Date.parse(next) - this.readAt()) / 1000) : null;
  });
}
