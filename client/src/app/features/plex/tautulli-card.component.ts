import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

import { type ContainerDto, type TautulliServerInfoDto, type TautulliStatusDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { ContainerLinkComponent } from '../applications/container-link.component';
import { ServiceCardHeaderComponent } from './service-card-header.component';

/** Everything the Tautulli card shows; the Plex it watches is optional (that call may fail alone). */
export interface TautulliOverview {
  readonly status: TautulliStatusDto;
  readonly server: TautulliServerInfoDto | null;
}

/** Tautulli: its version, whether it is connected to Plex (and which version), and its restart. */
@Component({
  selector: 'sp-tautulli-card',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    RemoteContentComponent,
    ServiceCardHeaderComponent,
    ContainerLinkComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="tautulli-card" [attr.data-state]="overview().state">
      <sp-service-card-header
        service="Tautulli"
        title="Tautulli"
        icon="insights"
        tone="tautulli"
        testId="tautulli"
        settingsTestId="tautulli-settings"
        [state]="overview().state"
        (configure)="configure.emit()"
      />
      <mat-card-content>
        <sp-remote-content
          [remote]="overview()"
          loadingLabel="Loading Tautulli status"
          errorTestId="tautulli-error"
          (retry)="retry.emit()"
        >
          @if (value(); as t) {
            <dl data-testid="tautulli-figures">
              <div>
                <dt>Version</dt>
                <dd data-testid="tautulli-version">{{ t.status.version }}</dd>
              </div>
              <div>
                <dt>Plex</dt>
                <dd data-testid="tautulli-plex">
                  <span class="status" [class.bad]="!t.status.pms_connected">
                    <mat-icon aria-hidden="true">{{ t.status.pms_connected ? 'link' : 'link_off' }}</mat-icon>
                    {{ t.status.pms_connected ? 'Connected' : 'Not connected' }}
                  </span>
                </dd>
              </div>
              @if (t.server; as server) {
                <div>
                  <dt>Watches</dt>
                  <dd data-testid="tautulli-plex-version">{{ server.name }} · Plex {{ server.version }}</dd>
                </div>
              }
              <div>
                <dt>Install</dt>
                <dd>{{ t.status.install_type }} · {{ t.status.branch }} · {{ t.status.platform }}</dd>
              </div>
            </dl>
          }
        </sp-remote-content>
      </mat-card-content>
      <mat-card-actions align="end">
        @if (container(); as c) {
          <sp-container-link class="container" [container]="c" />
        }
        <button
          mat-stroked-button
          type="button"
          data-testid="tautulli-restart"
          [disabled]="busy() || overview().state !== 'ok'"
          (click)="restart.emit()"
        >
          @if (busy()) {
            <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
          } @else {
            <mat-icon>restart_alt</mat-icon>
          }
          Restart
        </button>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrls: ['../dashboard/dashboard-card.scss', './plex-card.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TautulliCardComponent {
  readonly overview = input.required<Remote<TautulliOverview>>();
  readonly busy = input(false);
  /** Tautulli's container in Applications, when Docker links one. */
  readonly container = input<ContainerDto | null>(null);
  readonly retry = output<void>();
  readonly restart = output<void>();
  readonly configure = output<void>();

  protected readonly value = computed(() => remoteValue(this.overview()));
}
