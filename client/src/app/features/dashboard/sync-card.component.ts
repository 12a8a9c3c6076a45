import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { DateTimePipe } from '../../common/format/format.pipes';

import { type SyncStatusDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StatusChipComponent } from '../../common/status-chip.component';
import { SyncCountsComponent } from '../sync/sync-counts.component';
import { RUN_STATUS } from '../sync/sync-labels';

/** The last sync's result and the next scheduled one, with a shortcut to preview a new run. */
@Component({
  selector: 'sp-sync-card',
  imports: [
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    RouterLink,
    DateTimePipe,
    RemoteContentComponent,
    StatusChipComponent,
    SyncCountsComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="sync-card">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">sync</mat-icon>
        <mat-card-title><h2>Sync</h2></mat-card-title>
        <mat-card-subtitle>Seerr users from your media servers</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="status()" loadingLabel="Loading the sync status" (retry)="retry.emit()">
          @if (value(); as s) {
            <dl>
              <div>
                <dt>Last run</dt>
                <dd data-testid="sync-card-last">
                  @if (s.running) {
                    <sp-status-chip label="Running now" tone="info" icon="sync" />
                  } @else if (s.last_run; as run) {
                    <div class="last">
                      @if (look(); as l) {
                        <sp-status-chip
                          data-testid="sync-card-status"
                          [attr.data-status]="run.status"
                          [label]="l.label"
                          [tone]="l.tone"
                          [icon]="l.icon"
                        />
                      }
                      <time [attr.datetime]="run.started_at">{{
                        run.started_at | datetime: 'day-time'
                      }}</time>
                    </div>
                    <sp-sync-counts class="counts" [counts]="run.counts" />
                  } @else {
                    Never
                  }
                </dd>
              </div>
              <div>
                <dt>Next run</dt>
                <dd data-testid="sync-card-next">
                  @if (s.next_run_at) {
                    <time [attr.datetime]="s.next_run_at">{{ s.next_run_at | datetime: 'day-time' }}</time>
                    <span class="muted"> · every {{ s.interval_minutes }} min</span>
                  } @else {
                    <span class="muted">Not scheduled</span>
                  }
                </dd>
              </div>
            </dl>
          }
        </sp-remote-content>
      </mat-card-content>
      <mat-card-actions align="end">
        <a mat-button routerLink="/sync" data-testid="sync-card-open">History</a>
        <a mat-flat-button routerLink="/sync" [queryParams]="{ preview: 1 }" data-testid="sync-card-now">
          <mat-icon>sync</mat-icon>
          Sync now
        </a>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .last {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
      font: var(--mat-sys-body-medium);
    }
    .counts {
      display: block;
      margin-top: 6px;
      font: var(--mat-sys-body-small);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    mat-card-actions {
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncCardComponent {
  readonly status = input.required<Remote<SyncStatusDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.status()));
  protected readonly look = computed(() => {
    const run = this.value()?.last_run;
    return run ? RUN_STATUS[run.status] : null;
  });
}
