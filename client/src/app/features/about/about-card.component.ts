import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { DateTimePipe, DurationPipe } from '../../common/format/format.pipes';

import { type AboutDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';

/** The panel itself: its version, how long it has run, and where it keeps its files. */
@Component({
  selector: 'sp-about-card',
  imports: [MatCardModule, MatIconModule, DateTimePipe, DurationPipe, RemoteContentComponent],
  template: `
    <mat-card appearance="outlined" data-testid="about-card">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">info</mat-icon>
        <mat-card-title><h2>Seedbox Panel</h2></mat-card-title>
        <mat-card-subtitle>This installation</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="about()" loadingLabel="Loading panel details" (retry)="retry.emit()">
          @if (value(); as a) {
            <dl>
              <div>
                <dt>Version</dt>
                <dd data-testid="about-version" class="sp-tabular">{{ a.version }}</dd>
              </div>
              <div>
                <dt>Uptime</dt>
                <dd data-testid="about-uptime">{{ a.uptime_seconds | duration }}</dd>
              </div>
              <div>
                <dt>Started</dt>
                <dd>
                  <time [attr.datetime]="a.started_at">{{ a.started_at | datetime: 'date-time-s' }}</time>
                </dd>
              </div>
              <div>
                <dt>Config file</dt>
                <dd>
                  <code data-testid="about-config-file">{{ a.config_file }}</code>
                </dd>
              </div>
              <div>
                <dt>Database</dt>
                <dd>
                  <code>{{ a.database_file }}</code>
                </dd>
              </div>
              <div>
                <dt>Node.js</dt>
                <dd class="sp-tabular">{{ a.node_version }}</dd>
              </div>
              <div>
                <dt>Overrides</dt>
                <dd data-testid="about-overrides">
                  @for (name of a.environment_overrides; track name; let last = $last) {
                    <code>{{ name }}</code>{{ last ? '' : ', ' }}
                  } @empty {
                    <span class="muted">No environment variable overrides config.json</span>
                  }
                </dd>
              </div>
            </dl>
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: '../dashboard/dashboard-card.scss',
  styles: `
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
      font-size: 14px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    dl div {
      grid-template-columns: 112px 1fr;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AboutCardComponent {
  readonly about = input.required<Remote<AboutDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.about()));
}
