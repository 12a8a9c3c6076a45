import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { TimeChartComponent } from '../../common/charts/time-chart.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { type BandwidthSample } from './bandwidth-samples';
import { formatBitrate } from '../../common/format/units';

/** Stream bandwidth over the last minutes, from the samples the sessions stream brought. */
@Component({
  selector: 'sp-plex-bandwidth-card',
  imports: [MatCardModule, MatIconModule, MatProgressBarModule, StateMessageComponent, TimeChartComponent],
  template: `
    <mat-card appearance="outlined" data-testid="plex-bandwidth" [attr.data-samples]="samples().length">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">speed</mat-icon>
        <mat-card-title><h2>Stream bandwidth</h2></mat-card-title>
        <mat-card-subtitle>Sampled live while this page is open</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (samples().length > 0) {
          <sp-time-chart
            data-testid="plex-bandwidth-chart"
            label="Plex stream bandwidth"
            yLabel="Bandwidth"
            xLabel="Time"
            [times]="times()"
            [series]="series()"
            [format]="format"
          />
        } @else if (error(); as message) {
          <sp-state-message kind="error" icon="cloud_off" [message]="message" [retryable]="false" />
        } @else {
          <mat-progress-bar mode="indeterminate" aria-label="Waiting for the first sample" />
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: '../dashboard/dashboard-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlexBandwidthCardComponent {
  readonly samples = input.required<readonly BandwidthSample[]>();
  /** Why no sample could be taken, when none has been. */
  readonly error = input<string | null>(null);

  protected readonly format = formatBitrate;
  protected readonly times = computed(() => this.samples().map((s) => s.time));
  protected readonly series = computed(() => [
    { name: 'Total', values: this.samples().map((s) => s.total) },
    { name: 'LAN', values: this.samples().map((s) => s.lan) },
    { name: 'WAN', values: this.samples().map((s) => s.wan) },
  ]);
}
