import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type ContainerDto, type PlexStatusDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { ContainerLinkComponent } from '../applications/container-link.component';
import { ServiceCardHeaderComponent } from './service-card-header.component';

export type PlexAction = 'restart' | 'optimize';

/** Plex Media Server: whether it answers, what it runs, and its restart and optimize actions. */
@Component({
  selector: 'sp-plex-server-card',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatTooltipModule,
    RemoteContentComponent,
    ServiceCardHeaderComponent,
    ContainerLinkComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="plex-server-card" [attr.data-state]="status().state">
      <sp-service-card-header
        service="Plex"
        title="Plex Media Server"
        icon="live_tv"
        tone="plex"
        testId="plex-server"
        settingsTestId="plex-settings"
        [state]="status().state"
        (configure)="configure.emit()"
      />
      <mat-card-content>
        <sp-remote-content
          [remote]="status()"
          loadingLabel="Loading Plex status"
          errorTestId="plex-server-error"
          (retry)="retry.emit()"
        >
          @if (value(); as s) {
            <dl data-testid="plex-server-figures">
              <div>
                <dt>Name</dt>
                <dd data-testid="plex-server-name">{{ s.name }}</dd>
              </div>
              <div>
                <dt>Version</dt>
                <dd data-testid="plex-server-version">{{ s.version }}</dd>
              </div>
              <div>
                <dt>Platform</dt>
                <dd>{{ s.platform }} {{ s.platform_version }}</dd>
              </div>
              <div>
                <dt>Transcodes</dt>
                <dd class="sp-tabular" data-testid="plex-server-transcodes">
                  {{ s.active_transcodes }} active
                </dd>
              </div>
              <div>
                <dt>Account</dt>
                <dd>
                  {{ s.my_plex_username ?? 'Not signed in' }}
                  @if (s.plex_pass) {
                    <span class="pass">Plex Pass</span>
                  }
                </dd>
              </div>
            </dl>
          }
        </sp-remote-content>
        @if (notice(); as notice) {
          <div class="notice" role="status" id="plex-restart-why" data-testid="plex-restart-unavailable">
            <mat-icon aria-hidden="true">info</mat-icon>
            <!-- The server's sentence is long (it names the setting and the socket): its first
                 sentence shows, the how-to folds away. -->
            <div>
              <p>{{ notice.headline }}</p>
              @if (notice.rest) {
                <details>
                  <summary>How to enable restarts</summary>
                  <p>{{ notice.rest }}</p>
                </details>
              }
            </div>
          </div>
        }
      </mat-card-content>
      <mat-card-actions align="end">
        @if (container(); as c) {
          <sp-container-link class="container" [container]="c" />
        }
        <button
          mat-button
          type="button"
          data-testid="plex-optimize"
          [disabled]="busy() !== null || status().state !== 'ok'"
          (click)="optimize.emit()"
        >
          @if (busy() === 'optimize') {
            <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
          } @else {
            <mat-icon>auto_fix_high</mat-icon>
          }
          Optimize
        </button>
        <!-- A disabled button gets no pointer events: the tooltip sits on its wrapper. -->
        <span
          class="restart"
          [matTooltip]="restartBlocked() ? 'Restart needs the Docker container that runs Plex' : ''"
          [matTooltipDisabled]="!restartBlocked()"
        >
          <button
            mat-stroked-button
            type="button"
            data-testid="plex-restart"
            [attr.data-blocked]="restartBlocked() ? 'true' : null"
            [attr.aria-describedby]="restartBlocked() ? 'plex-restart-why' : null"
            [disabled]="busy() !== null || !!restartBlocked()"
            (click)="restart.emit()"
          >
            @if (busy() === 'restart') {
              <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
            } @else {
              <mat-icon>restart_alt</mat-icon>
            }
            Restart
          </button>
        </span>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrls: ['../dashboard/dashboard-card.scss', './plex-card.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlexServerCardComponent {
  readonly status = input.required<Remote<PlexStatusDto>>();
  /** Why restarting is not possible (no container configured), shown until the page reloads. */
  readonly restartNotice = input<string | null>(null);
  /** Why Plex cannot be restarted from the panel (no container runs it): the button is disabled. */
  readonly restartBlocked = input<string | null>(null);
  readonly busy = input<PlexAction | null>(null);
  /** Plex's container in Applications, when Docker links one. */
  readonly container = input<ContainerDto | null>(null);
  readonly retry = output<void>();
  readonly restart = output<void>();
  readonly optimize = output<void>();
  readonly configure = output<void>();

  protected readonly value = computed(() => remoteValue(this.status()));
  protected readonly notice = computed(() => {
    const sentence = this.restartBlocked() ?? this.restartNotice();
    if (!sentence) return null;
    const end = sentence.indexOf('. ');
    return end < 0
      ? { headline: sentence, rest: '' }
      : { headline: sentence.slice(0, end + 1), rest: sentence.slice(end + 2) };
  });
}
