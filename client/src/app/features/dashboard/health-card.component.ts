import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { DateTimePipe, DurationPipe } from '../../common/format/format.pipes';

import { type HealthDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';

@Component({
  selector: 'sp-health-card',
  imports: [MatCardModule, MatIconModule, DateTimePipe, DurationPipe, RemoteContentComponent],
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">monitor_heart</mat-icon>
        <mat-card-title><h2>Panel</h2></mat-card-title>
        <mat-card-subtitle>Server health</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="health()" loadingLabel="Loading panel health" (retry)="retry.emit()">
          @if (value(); as h) {
            <dl>
              <div>
                <dt>Status</dt>
                <dd>
                  <span class="status" [class.bad]="h.status !== 'ok'" data-testid="health-status">
                    <mat-icon aria-hidden="true">{{ h.status === 'ok' ? 'check_circle' : 'error' }}</mat-icon>
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
                  <time [attr.datetime]="h.started_at">{{ h.started_at | datetime: 'date-time-s' }}</time>
                </dd>
              </div>
            </dl>
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HealthCardComponent {
  readonly health = input.required<Remote<HealthDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.health()));
}
