import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { type TautulliPlaysDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { BarChartComponent } from '../../common/charts/bar-chart.component';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { formatCalendarDay } from '../../common/format/dates';

/** Plays per day over the last weeks, one colour per kind of media, from Tautulli. */
@Component({
  selector: 'sp-tautulli-plays-card',
  imports: [MatCardModule, MatIconModule, RemoteContentComponent, BarChartComponent],
  template: `
    <mat-card appearance="outlined" data-testid="tautulli-plays" [attr.data-state]="plays().state">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">bar_chart</mat-icon>
        <mat-card-title><h2>Plays per day</h2></mat-card-title>
        <mat-card-subtitle>
          @if (value(); as v) {
            <span data-testid="tautulli-plays-total">{{ v.total }} plays in the last {{ v.days }} days</span>
          } @else {
            From Tautulli
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content
          [remote]="plays()"
          loadingLabel="Loading plays per day"
          errorTestId="tautulli-plays-error"
          (retry)="retry.emit()"
        >
          @if (value(); as v) {
            <sp-bar-chart
              data-testid="tautulli-plays-chart"
              [label]="'Plays per day over the last ' + v.days + ' days'"
              xLabel="Day"
              yLabel="Plays"
              [categories]="days()"
              [series]="series()"
            />
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: '../dashboard/dashboard-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TautulliPlaysCardComponent {
  readonly plays = input.required<Remote<TautulliPlaysDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.plays()));
  // Tautulli's dates are calendar days ("2026-11-21"), the same wherever the browser is.
  protected readonly days = computed(() =>
    (this.value()?.dates ?? []).map((date) => formatCalendarDay(date)),
  );
  protected readonly series = computed(() =>
    (this.value()?.series ?? []).map((s) => ({ name: s.name, values: s.data })),
  );
}
