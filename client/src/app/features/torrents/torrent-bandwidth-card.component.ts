import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { TimeChartComponent } from '../../common/charts/time-chart.component';
import { rateAxis } from '../../common/format/units';

/** Total rates of every client at one moment, bytes/s. */
export interface RateSample {
  readonly at: number;
  readonly down: number;
  readonly up: number;
}

/** Download and upload rates of every client over the last minutes, sampled while the page is open. */
@Component({
  selector: 'sp-torrent-bandwidth-card',
  imports: [MatCardModule, MatIconModule, MatProgressBarModule, TimeChartComponent],
  template: `
    <mat-card appearance="outlined" data-testid="torrent-bandwidth" [attr.data-samples]="samples().length">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">speed</mat-icon>
        <mat-card-title><h2>Bandwidth</h2></mat-card-title>
        <mat-card-subtitle>Every client, live</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (samples().length > 0) {
          <sp-time-chart
            data-testid="torrent-bandwidth-chart"
            label="Torrent bandwidth"
            yLabel=""
            xLabel="Time"
            [times]="times()"
            [series]="series()"
            [format]="axis().format"
          />
        } @else {
          <mat-progress-bar mode="indeterminate" aria-label="Waiting for the first sample" />
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: '../dashboard/dashboard-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentBandwidthCardComponent {
  readonly samples = input.required<readonly RateSample[]>();

  /**
   * One unit for the whole axis, so ticks are round numbers of it ("2 MiB/s", not "1.91 MiB/s"). The ticks
   * carry the unit, so the axis has no title (it would overlap their labels).
   */
  protected readonly axis = computed(() =>
    rateAxis(Math.max(0, ...this.samples().map((s) => Math.max(s.down, s.up)))),
  );
  protected readonly times = computed(() => this.samples().map((s) => s.at));
  protected readonly series = computed(() => {
    const { size } = this.axis().unit;
    return [
      { name: 'Download', values: this.samples().map((s) => s.down / size) },
      { name: 'Upload', values: this.samples().map((s) => s.up / size) },
    ];
  });
}
