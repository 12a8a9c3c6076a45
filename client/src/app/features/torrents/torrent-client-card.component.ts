import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { BytesPipe } from '../../common/format/format.pipes';
import { formatRate, formatRatio } from '../../common/format/units';

import { type ContainerDto, type TorrentClientKind } from '../../api';
import { StateMessageComponent } from '../../common/state-message.component';
import { ServiceContainerComponent } from '../applications/service-container.component';
import { CLIENT_ICONS, CLIENT_PRODUCTS } from './torrent-labels';
import { type TorrentSummary } from './torrent-query';
import { type ClientInfo, type ReplicaState } from './torrent-replica';

/** One torrent client at a glance: connection, counts, size, ratio, live rates and limits. */
@Component({
  selector: 'sp-torrent-client-card',
  imports: [
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    MatProgressBarModule,
    DecimalPipe,
    BytesPipe,
    StateMessageComponent,
    ServiceContainerComponent,
  ],
  template: `
    <mat-card
      appearance="outlined"
      data-testid="torrent-client-card"
      [attr.data-client]="clientId()"
      [attr.data-kind]="kind()"
      [attr.data-state]="state()"
    >
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">{{ icon() }}</mat-icon>
        <mat-card-title
          ><h2>{{ name() }}</h2></mat-card-title
        >
        <mat-card-subtitle>
          @if (name() !== product()) {
            <span class="product">{{ product() }} ·</span>
          }
          <span class="status" [class.bad]="state() === 'error'">
            <mat-icon aria-hidden="true">{{ state() === 'error' ? 'error' : 'check_circle' }}</mat-icon>
            {{ connection() }}
          </span>
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @switch (state()) {
          @case ('loading') {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + name()" />
          }
          @case ('error') {
            <sp-state-message
              kind="error"
              data-testid="torrent-client-error"
              [message]="error() ?? name() + ' is unavailable.'"
              (retry)="retry.emit()"
            />
          }
          @default {
            <dl>
              <div>
                <dt>Torrents</dt>
                <dd class="sp-tabular" data-testid="torrent-client-total">{{ summary().total | number }}</dd>
              </div>
              <div>
                <dt>Active</dt>
                <dd class="sp-tabular">{{ summary().active | number }}</dd>
              </div>
              <div>
                <dt>Size</dt>
                <dd class="sp-tabular">{{ summary().size | bytes }}</dd>
              </div>
              <div>
                <dt>Ratio</dt>
                <dd class="sp-tabular">{{ ratio() }}</dd>
              </div>
              <div>
                <dt><mat-icon aria-hidden="true">arrow_downward</mat-icon>Down</dt>
                <dd class="sp-tabular" data-testid="torrent-client-down">
                  {{ summary().downRate | bytes: 'rate' }}
                  <small>{{ limit(info()?.bandwidth?.down_limit) }}</small>
                </dd>
              </div>
              <div>
                <dt><mat-icon aria-hidden="true">arrow_upward</mat-icon>Up</dt>
                <dd class="sp-tabular" data-testid="torrent-client-up">
                  {{ summary().upRate | bytes: 'rate' }}
                  <small>{{ limit(info()?.bandwidth?.up_limit) }}</small>
                </dd>
              </div>
            </dl>
          }
        }
      </mat-card-content>
      @if (state() === 'ready' || restartable() || container()) {
        <mat-card-actions align="end">
          <sp-service-container
            [service]="name()"
            [container]="container()"
            [restartable]="restartable()"
            [busy]="restarting()"
            testId="torrent-client-restart"
            (restart)="restart.emit()"
          />
          @if (state() === 'ready') {
            <button
              mat-button
              type="button"
              data-testid="torrent-client-limits"
              [attr.aria-label]="'Set ' + name() + ' rate limits'"
              [disabled]="!info()?.bandwidth"
              (click)="editLimits.emit()"
            >
              <mat-icon>speed</mat-icon>
              Limits
            </button>
          }
        </mat-card-actions>
      }
    </mat-card>
  `,
  styleUrl: './torrent-client-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentClientCardComponent {
  readonly clientId = input.required<string>();
  readonly name = input.required<string>();
  readonly kind = input.required<TorrentClientKind>();
  readonly state = input.required<ReplicaState>();
  readonly error = input<string | null>(null);
  readonly info = input<ClientInfo | null>(null);
  readonly summary = input.required<TorrentSummary>();
  /** The client's container in Applications, when Docker links one. */
  readonly container = input<ContainerDto | null>(null);
  /** Whether the card offers Restart (a linked container, or rTorrent's own restart route). */
  readonly restartable = input(false);
  readonly restarting = input(false);
  readonly retry = output<void>();
  readonly restart = output<void>();
  readonly editLimits = output<void>();

  protected readonly product = computed(() => CLIENT_PRODUCTS[this.kind()]);
  protected readonly icon = computed(() => CLIENT_ICONS[this.kind()]);
  protected readonly connection = computed(() => {
    const version = this.info()?.status?.version;
    switch (this.state()) {
      case 'loading':
        return 'Connecting…';
      case 'error':
        return this.info()?.status?.configured === false ? 'Not configured' : 'Unavailable';
      default:
        return version ? `Connected · ${version}` : 'Connected';
    }
  });
  protected readonly ratio = computed(() => formatRatio(this.info()?.stats?.overall_ratio));

  protected limit(bytesPerSecond: number | null | undefined): string {
    if (bytesPerSecond === undefined) return '';
    return bytesPerSecond === null || bytesPerSecond === 0
      ? 'no limit'
      : `limit ${formatRate(bytesPerSecond)}`;
  }
}
