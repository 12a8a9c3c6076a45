import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

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
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
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
                    [attr.data-session-id]="s.session_id"
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
                    @if (isOpen(s)) {
                      <dl
                        class="details"
                        data-testid="plex-session-details"
                        [attr.id]="'details-' + s.session_key"
                      >
                        <div>
                          <dt>Video</dt>
                          <dd data-testid="plex-session-video">{{ videoLine(s) }}</dd>
                        </div>
                        <div>
                          <dt>Audio</dt>
                          <dd data-testid="plex-session-audio">{{ audioLine(s) }}</dd>
                        </div>
                        <div>
                          <dt>Delivery</dt>
                          <dd data-testid="plex-session-delivery">
                            {{ decisionLook(s).label }}
                            @if (s.details.transcode_reason; as reason) {
                              · {{ reason }}
                            }
                          </dd>
                        </div>
                        <div>
                          <dt>Player</dt>
                          <dd>{{ s.player }} · {{ s.product }} · {{ s.platform }}</dd>
                        </div>
                        <div>
                          <dt>Location</dt>
                          <dd data-testid="plex-session-location">
                            <span class="upper">{{ s.location ?? 'unknown' }}</span>
                            @if (s.address) {
                              · {{ s.address }}
                            }
                          </dd>
                        </div>
                      </dl>
                    }
                    <div class="actions">
                      <button
                        mat-button
                        type="button"
                        data-testid="plex-session-toggle"
                        [attr.aria-expanded]="isOpen(s)"
                        [attr.aria-controls]="'details-' + s.session_key"
                        (click)="toggle(s)"
                      >
                        <mat-icon>{{ isOpen(s) ? 'expand_less' : 'expand_more' }}</mat-icon>
                        {{ isOpen(s) ? 'Hide details' : 'Details' }}
                      </button>
                      <button
                        mat-button
                        type="button"
                        class="stop"
                        data-testid="plex-session-stop"
                        [disabled]="stopping().has(s.session_id)"
                        [attr.aria-label]="'Stop the stream of ' + s.title + ' for ' + s.user"
                        (click)="stop.emit(s)"
                      >
                        @if (stopping().has(s.session_id)) {
                          <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
                        } @else {
                          <mat-icon>stop_circle</mat-icon>
                        }
                        Stop stream
                      </button>
                    </div>
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
  /** Session ids whose stop request is on its way. */
  readonly stopping = input<ReadonlySet<string>>(new Set());
  readonly retry = output<void>();
  readonly stop = output<PlexSessionDto>();

  protected readonly bitrate = formatBitrate;
  /** Session keys whose details are open (kept across ticks of the stream). */
  private readonly open = signal<ReadonlySet<string>>(new Set());

  protected isOpen(session: PlexSessionDto): boolean {
    return this.open().has(session.session_key);
  }

  protected toggle(session: PlexSessionDto): void {
    this.open.update((keys) => {
      const next = new Set(keys);
      if (!next.delete(session.session_key)) next.add(session.session_key);
      return next;
    });
  }

  /** "hevc 4K → h264" when converted, "h264 1080p" when not; "None" for music. */
  protected videoLine(session: PlexSessionDto): string {
    const d = session.details;
    if (!d.video_codec) return 'None';
    const source = [d.video_codec, d.resolution].filter(Boolean).join(' ');
    return session.video_decision === 'transcode' && d.stream_video_codec
      ? `${source} → ${d.stream_video_codec}`
      : source;
  }

  protected audioLine(session: PlexSessionDto): string {
    const d = session.details;
    if (!d.audio_codec) return 'Unknown';
    return session.audio_decision === 'transcode' && d.stream_audio_codec
      ? `${d.audio_codec} → ${d.stream_audio_codec}`
      : d.audio_codec;
  }
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
