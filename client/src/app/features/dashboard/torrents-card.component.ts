import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { TimeChartComponent } from '../../common/charts/time-chart.component';
import { BytesPipe } from '../../common/format/format.pipes';
import { rateAxis } from '../../common/format/units';

import { type MergedTorrentStatsDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { type RateSample } from '../torrents/torrent-bandwidth-card.component';

/** Each torrent client's download and upload speed now, and the totals over the last minutes. */
@Component({
  selector: 'sp-torrents-card',
  imports: [
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    MatTooltipModule,
    RouterLink,
    BytesPipe,
    TimeChartComponent,
    RemoteContentComponent,
    StateMessageComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="torrents-card" [attr.data-samples]="samples().length">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">downloading</mat-icon>
        <mat-card-title><h2>Torrents</h2></mat-card-title>
        <mat-card-subtitle>
          @if (value(); as s) {
            <span class="sp-tabular" data-testid="torrents-totals"
              >↓ {{ s.down_rate | bytes: 'rate' }} · ↑ {{ s.up_rate | bytes: 'rate' }}</span
            >
          } @else {
            Speed of every client, live
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="stats()" loadingLabel="Loading torrent speeds" (retry)="retry.emit()">
          @if (rows().length > 0) {
            <table class="clients">
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col" class="num">Down</th>
                  <th scope="col" class="num">Up</th>
                </tr>
              </thead>
              <tbody>
                @for (row of rows(); track row.id) {
                  <tr
                    data-testid="torrents-client"
                    [attr.data-id]="row.id"
                    [attr.data-connected]="row.connected"
                  >
                    <th scope="row">
                      <span
                        class="dot"
                        [class.down]="!row.connected"
                        role="img"
                        [attr.aria-label]="row.connected ? 'Connected' : 'Not connected'"
                        [matTooltip]="row.error ?? 'Connected'"
                      ></span>
                      {{ row.name }}
                    </th>
                    <td class="num sp-tabular" data-testid="torrents-client-down">
                      {{ row.down_rate | bytes: 'rate' }}
                    </td>
                    <td class="num sp-tabular" data-testid="torrents-client-up">
                      {{ row.up_rate | bytes: 'rate' }}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
            @if (samples().length > 1) {
              <sp-time-chart
                data-testid="torrents-chart"
                label="Torrent bandwidth, every client"
                xLabel=""
                [times]="times()"
                [series]="series()"
                [format]="axis().format"
              />
            }
          } @else {
            <sp-state-message
              message="No torrent client is set up."
              icon="settings_input_component"
              [retryable]="false"
            />
          }
        </sp-remote-content>
      </mat-card-content>
      <mat-card-actions align="end">
        <a mat-button routerLink="/torrents" data-testid="torrents-open">
          Torrents
          <mat-icon iconPositionEnd>arrow_forward</mat-icon>
        </a>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .clients {
      width: 100%;
      margin-bottom: 8px;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);
    }
    .clients th,
    .clients td {
      padding: 4px 0;
      text-align: left;
      font-weight: normal;
    }
    thead th {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .clients .num {
      text-align: right;
      padding-left: 12px;
      white-space: nowrap;
    }
    .dot {
      display: inline-block;
      width: 8px;
      height: 8px;
      margin-right: 6px;
      border-radius: 50%;
      background: light-dark(#1e8e3e, #6dd58c);
    }
    .dot.down {
      background: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentsCardComponent {
  readonly stats = input.required<Remote<MergedTorrentStatsDto>>();
  readonly samples = input.required<readonly RateSample[]>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.stats()));
  protected readonly rows = computed(() => {
    const stats = this.value();
    if (!stats) {
      return [];
    }
    const rates = new Map(stats.client_rates.map((r) => [r.id, r]));
    return stats.clients.map((c) => ({
      id: c.id,
      name: c.name,
      connected: c.connected,
      error: c.error,
      down_rate: rates.get(c.id)?.down_rate ?? 0,
      up_rate: rates.get(c.id)?.up_rate ?? 0,
    }));
  });

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
