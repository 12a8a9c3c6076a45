import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { DateTimePipe } from '../../common/format/format.pipes';

import { type PlexSessionDto, type PlexSessionsDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { StatusChipComponent } from '../../common/status-chip.component';
import { formatPosition } from '../../common/format/durations';
import { formatBitrate } from '../../common/format/units';
import { DECISION_LOOKS, STATE_LOOKS } from './plex-format';

const UNKNOWN_STATE = { label: 'Unknown', tone: 'neutral', icon: 'help' } as const;

/** What is playing now, as pushed by the sessions stream: who, what, where, how far and how. */
@Component({
  selector: 'sp-plex-sessions',
  imports: [
    DateTimePipe,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    StateMessageComponent,
    RemoteContentComponent,
    StatusChipComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="plex-sessions" [attr.data-state]="live().state">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">play_circle</mat-icon>
        <mat-card-title><h2>Now playing</h2></mat-card-title>
        <mat-card-subtitle>
          @if (value(); as v) {
            <span class="live" data-testid="plex-sessions-updated" [attr.data-read-at]="v.read_at">
              <span class="dot" aria-hidden="true"></span>
              Live · updated <time [attr.datetime]="v.read_at">{{ v.read_at | datetime: 'time-s' }}</time>
            </span>
          } @else {
            Sessions on Plex, refreshed live
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content
          [remote]="live()"
          loadingLabel="Connecting to the live sessions"
          errorTestId="plex-sessions-error"
          (retry)="retry.emit()"
        >
          @if (value(); as v) {
            <dl class="figures">
              <div>
                <dt>Streams</dt>
                <dd class="sp-tabular" data-testid="plex-sessions-count">{{ v.count }}</dd>
              </div>
              <div>
                <dt>Transcodes</dt>
                <dd class="sp-tabular" data-testid="plex-sessions-transcodes">{{ v.transcodes }}</dd>
              </div>
              <div>
                <dt>Bandwidth</dt>
                <dd class="sp-tabular" data-testid="plex-sessions-bandwidth">
                  {{ bitrate(v.total_bandwidth_kbps) }}
                </dd>
              </div>
              <div>
                <dt>LAN · WAN</dt>
                <dd class="sp-tabular small">
                  {{ bitrate(v.lan_bandwidth_kbps) }} · {{ bitrate(v.wan_bandwidth_kbps) }}
                </dd>
              </div>
            </dl>
            @if (v.sessions.length > 0) {
              <ul class="sessions" aria-label="Sessions">
                @for (s of v.sessions; track s.session_key) {
                  <li
                    class="session"
                    data-testid="plex-session"
                    [attr.data-state]="s.state"
                    [attr.data-decision]="s.decision"
                  >
                    <div class="head">
                      <mat-icon class="type" aria-hidden="true">{{ typeIcon(s) }}</mat-icon>
                      <div class="what">
                        <p class="title" data-testid="plex-session-title">{{ s.title }}</p>
                        <p class="meta">
                          <span data-testid="plex-session-user"
                            ><mat-icon aria-hidden="true">person</mat-icon>{{ s.user }}</span
                          >
                          <span
                            ><mat-icon aria-hidden="true">devices</mat-icon>{{ s.player }} ·
                            {{ s.product }}</span
                          >
                          @if (s.location) {
                            <span class="upper">{{ s.location }}</span>
                          }
                        </p>
                      </div>
                      <div class="chips">
                        <sp-status-chip
                          [label]="stateLook(s).label"
                          [tone]="stateLook(s).tone"
                          [icon]="stateLook(s).icon"
                        />
                        <sp-status-chip
                          data-testid="plex-session-decision"
                          [label]="decisionLook(s).label"
                          [tone]="decisionLook(s).tone"
                          [icon]="decisionLook(s).icon"
                        />
                      </div>
                    </div>
                    <mat-progress-bar
                      mode="determinate"
                      [value]="s.progress_percent"
                      [attr.aria-label]="'Progress of ' + s.title"
                    />
                    <p class="foot sp-tabular">
                      <span data-testid="plex-session-progress"
                        >{{ clock(s.view_offset_ms) }} / {{ clock(s.duration_ms) }}</span
                      >
                      <span>{{ bitrate(s.bandwidth_kbps) }}</span>
                      @if (s.decision === 'transcode' && s.transcode_speed !== null) {
                        <span>{{ s.transcode_hw ? 'HW' : 'SW' }} transcode {{ s.transcode_speed }}×</span>
                      }
                    </p>
                  </li>
                }
              </ul>
            } @else {
              <sp-state-message
                data-testid="plex-sessions-empty"
                icon="tv_off"
                message="Nothing is playing right now."
                [retryable]="false"
              />
            }
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrls: ['../dashboard/dashboard-card.scss', './plex-sessions.component.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlexSessionsComponent {
  readonly live = input.required<Remote<PlexSessionsDto>>();
  readonly retry = output<void>();

  protected readonly bitrate = formatBitrate;
  protected readonly clock = formatPosition;

  protected readonly value = computed(() => remoteValue(this.live()));

  protected stateLook(session: PlexSessionDto): (typeof STATE_LOOKS)[string] {
    return STATE_LOOKS[session.state] ?? UNKNOWN_STATE;
  }

  protected decisionLook(session: PlexSessionDto): (typeof DECISION_LOOKS)[keyof typeof DECISION_LOOKS] {
    return DECISION_LOOKS[session.decision];
  }

  protected typeIcon(session: PlexSessionDto): string {
    return session.media_type === 'episode' ? 'tv' : session.media_type === 'track' ? 'music_note' : 'movie';
  }
}
