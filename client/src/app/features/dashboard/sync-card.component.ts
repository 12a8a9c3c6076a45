import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';

import { DateTimePipe } from '../../common/format/format.pipes';

import { type SyncPhase, type SyncProgressDto, type SyncStatusDto } from '../../api';
import { type Remote, remoteError, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StatusChipComponent } from '../../common/status-chip.component';
import { SyncCountsComponent } from '../sync/sync-counts.component';
import { PHASE_LABEL, RUN_STATUS } from '../sync/sync-labels';
import { SyncPlanSummaryComponent } from '../sync/sync-plan-summary.component';
import { type DashboardPlan } from './sync-now.flow';

/** The last sync's result and the next scheduled one; Sync now previews here and applies from here. */
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
    SyncPlanSummaryComponent,
    MatProgressBarModule,
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
      @if (progress(); as p) {
        <mat-card-content class="run" data-testid="sync-card-progress" [attr.data-phase]="p.phase">
          <p aria-live="polite">
            <mat-icon class="spin" aria-hidden="true">sync</mat-icon>
            {{ phaseLabel(p.phase) }}
            @if (p.total > 0) {
              <span class="sp-tabular"> · {{ p.done }} of {{ p.total }}</span>
            }
          </p>
          <mat-progress-bar
            [mode]="p.total > 0 ? 'determinate' : 'indeterminate'"
            [value]="p.total > 0 ? (p.done / p.total) * 100 : 0"
            aria-label="Sync progress"
          />
        </mat-card-content>
      } @else if (plan(); as shown) {
        <mat-card-content class="plan" data-testid="sync-card-plan" [attr.data-state]="shown.plan.state">
          <h3>Preview</h3>
          @switch (shown.plan.state) {
            @case ('loading') {
              <mat-progress-bar mode="indeterminate" aria-label="Previewing the sync" />
            }
            @case ('error') {
              <p class="error" role="alert" data-testid="sync-card-plan-error">{{ planError() }}</p>
            }
            @case ('ok') {
              @if (planValue(); as value) {
                <sp-sync-plan-summary [plan]="value" />
              }
            }
          }
        </mat-card-content>
        <mat-card-actions align="end">
          <a mat-button routerLink="/sync" [queryParams]="{ preview: 1 }" data-testid="sync-card-details"
            >Details</a
          >
          <button mat-button type="button" data-testid="sync-card-cancel" (click)="cancel.emit()">
            Cancel
          </button>
          @if (shown.plan.state === 'error') {
            <button mat-flat-button type="button" data-testid="sync-card-now" (click)="syncNow.emit()">
              <mat-icon>refresh</mat-icon>
              Try again
            </button>
          } @else {
            <button
              mat-flat-button
              type="button"
              data-testid="sync-card-apply"
              [disabled]="shown.plan.state !== 'ok'"
              (click)="apply.emit()"
            >
              <mat-icon>play_arrow</mat-icon>
              Apply
            </button>
          }
        </mat-card-actions>
      } @else {
        <mat-card-actions align="end">
          <a mat-button routerLink="/sync" data-testid="sync-card-open">History</a>
          <button
            mat-flat-button
            type="button"
            data-testid="sync-card-now"
            [disabled]="value()?.running === true"
            (click)="syncNow.emit()"
          >
            <mat-icon>sync</mat-icon>
            Sync now
          </button>
        </mat-card-actions>
      }
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
    .plan,
    .run {
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding-top: 12px;
    }
    h3 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    .run p {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 8px;
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
      overflow-wrap: anywhere;
    }
    mat-progress-bar {
      margin: 8px 0;
    }
    @media (prefers-reduced-motion: no-preference) {
      .spin {
        animation: spin 1.2s linear infinite;
      }
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncCardComponent {
  readonly status = input.required<Remote<SyncStatusDto>>();
  /** The preview opened by Sync now, shown in the card until applied or cancelled. */
  readonly plan = input<DashboardPlan | null>(null);
  /** The run started from this card, while it goes. */
  readonly progress = input<SyncProgressDto | null>(null);
  readonly retry = output<void>();
  readonly syncNow = output<void>();
  readonly apply = output<void>();
  readonly cancel = output<void>();

  protected readonly planValue = computed(() => {
    const plan = this.plan()?.plan;
    return plan ? remoteValue(plan) : null;
  });
  protected readonly planError = computed(() => {
    const plan = this.plan()?.plan;
    return plan ? remoteError(plan) : null;
  });
  protected phaseLabel(phase: SyncPhase): string {
    return PHASE_LABEL[phase];
  }

  protected readonly value = computed(() => remoteValue(this.status()));
  protected readonly look = computed(() => {
    const run = this.value()?.last_run;
    return run ? RUN_STATUS[run.status] : null;
  });
}
