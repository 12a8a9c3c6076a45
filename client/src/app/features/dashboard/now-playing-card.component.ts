import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { formatBitrate } from '../../common/format/units';

import { type PlexSessionsDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';

/** The most sessions listed by name; the rest are counted. */
const LISTED = 5;

/** Plex's sessions now: how many, who watches what, the bandwidth they take and how many transcode. */
@Component({
  selector: 'sp-now-playing-card',
  imports: [
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    RouterLink,
    RemoteContentComponent,
    StateMessageComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="now-playing-card">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">play_circle</mat-icon>
        <mat-card-title><h2>Now playing</h2></mat-card-title>
        <mat-card-subtitle>Plex, live</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="sessions()" loadingLabel="Loading Plex sessions" (retry)="retry.emit()">
          @if (value(); as s) {
            <dl class="figures">
              <div>
                <dt>Streams</dt>
                <dd class="sp-tabular" data-testid="now-playing-count">{{ s.count }}</dd>
              </div>
              <div>
                <dt>Bandwidth</dt>
                <dd class="sp-tabular" data-testid="now-playing-bandwidth">{{ bandwidth() }}</dd>
              </div>
              <div>
                <dt>Transcodes</dt>
                <dd class="sp-tabular" data-testid="now-playing-transcodes">{{ s.transcodes }}</dd>
              </div>
            </dl>
            @if (s.sessions.length > 0) {
              <ul class="who">
                @for (session of listed(); track session.session_id) {
                  <li data-testid="now-playing-row">
                    <mat-icon aria-hidden="true">{{
                      session.state === 'paused' ? 'pause' : 'play_arrow'
                    }}</mat-icon>
                    <span class="user">{{ session.user }}</span>
                    <span class="title">{{ session.title }}</span>
                    @if (session.decision === 'transcode') {
                      <span class="tag">transcode</span>
                    }
                  </li>
                }
              </ul>
              @if (more() > 0) {
                <p class="more">and {{ more() }} more</p>
              }
            } @else {
              <sp-state-message message="Nothing is playing." icon="tv_off" [retryable]="false" />
            }
          }
        </sp-remote-content>
      </mat-card-content>
      <mat-card-actions align="end">
        <a mat-button routerLink="/plex" data-testid="now-playing-open">
          Plex
          <mat-icon iconPositionEnd>arrow_forward</mat-icon>
        </a>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .figures {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    .figures div {
      display: flex;
      flex-direction: column-reverse;
      gap: 2px;
    }
    .figures dd {
      font: var(--mat-sys-headline-small);
      white-space: nowrap;
    }
    @media (max-width: 599.98px) {
      .figures dd {
        font: var(--mat-sys-title-large);
      }
    }
    .who {
      display: grid;
      gap: 6px;
      margin: 16px 0 0;
      padding: 0;
      list-style: none;
    }
    .who li {
      display: flex;
      align-items: center;
      gap: 8px;
      min-width: 0;
    }
    .who mat-icon {
      flex: none;
      width: 18px;
      height: 18px;
      font-size: 18px;
      color: var(--mat-sys-on-surface-variant);
    }
    .user {
      flex: none;
      font: var(--mat-sys-title-small);
    }
    .title {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: var(--mat-sys-on-surface-variant);
    }
    .tag {
      flex: none;
      padding: 0 6px;
      border-radius: 6px;
      background: var(--sp-warning-container);
      color: var(--sp-on-warning-container);
      font: var(--mat-sys-label-small);
    }
    .more {
      margin: 6px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NowPlayingCardComponent {
  readonly sessions = input.required<Remote<PlexSessionsDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.sessions()));
  protected readonly bandwidth = computed(() => formatBitrate(this.value()?.total_bandwidth_kbps ?? 0));
  protected readonly listed = computed(() => this.value()?.sessions.slice(0, LISTED) ?? []);
  protected readonly more = computed(() => Math.max(0, (this.value()?.sessions.length ?? 0) - LISTED));
}
