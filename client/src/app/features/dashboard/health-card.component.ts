import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { type HealthDto } from '../../api';
import { type Remote } from '../../core/util/remote';
import { DurationPipe } from '../../common/duration.pipe';
import { StateMessageComponent } from '../../common/state-message.component';

@Component({
  selector: 'sp-health-card',
  imports: [
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    DatePipe,
    DurationPipe,
    StateMessageComponent,
  ],
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">monitor_heart</mat-icon>
        <mat-card-title><h2>Panel</h2></mat-card-title>
        <mat-card-subtitle>Server health</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @switch (health().state) {
          @case ('loading') {
            <mat-progress-bar mode="indeterminate" aria-label="Loading panel health" />
          }
          @case ('error') {
            <sp-state-message kind="error" [message]="errorMessage()" (retry)="retry.emit()" />
          }
          @case ('ok') {
            @if (value(); as h) {
              <dl>
                <div>
                  <dt>Status</dt>
                  <dd>
                    <span class="status" [class.bad]="h.status !== 'ok'" data-testid="health-status">
                      <mat-icon aria-hidden="true">{{
                        h.status === 'ok' ? 'check_circle' : 'error'
                      }}</mat-icon>
                      {{ h.status === 'ok' ? 'Running' : h.status }}
                    </span>
                  </dd>
                </div>
                <div>
                  <dt>Version</dt>
                  <dd data-testid="health-version" class="sp-tabular">{{ h.version }}</dd>
                </div>
                <div>
                  <dt>Uptime</dt>
                  <dd data-testid="health-uptime">{{ h.uptime_seconds | duration }}</dd>
                </div>
                <div>
                  <dt>Started</dt>
                  <dd>
                    <time [attr.datetime]="h.started_at">{{
                      h.started_at | date: 'MMM d, y, HH:mm:ss'
                    }}</time>
                  </dd>
                </div>
              </dl>
            }
          }
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HealthCardComponent {
  readonly health = input.required<Remote<HealthDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => {
    const health = this.health();
    return health.state === 'ok' ? health.value : null;
  });
  protected readonly errorMessage = computed(() => {
    const health = this.health();
    return health.state === 'error' ? health.message : '';
  });
}
