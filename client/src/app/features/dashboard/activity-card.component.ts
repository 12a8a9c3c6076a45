import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { DateTimePipe } from '../../common/format/format.pipes';

import { type AuditEntryDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { OutcomeChipComponent } from '../../common/outcome-chip.component';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';

@Component({
  selector: 'sp-activity-card',
  imports: [
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    RouterLink,
    DateTimePipe,
    OutcomeChipComponent,
    StateMessageComponent,
    RemoteContentComponent,
  ],
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">history</mat-icon>
        <mat-card-title><h2>Latest activity</h2></mat-card-title>
        <mat-card-subtitle>The 10 most recent audit entries</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content
          [remote]="activity()"
          loadingLabel="Loading latest activity"
          (retry)="retry.emit()"
        >
          @if (entries().length > 0) {
            <ul class="entries">
              @for (entry of entries(); track entry.id) {
                <li data-testid="activity-row">
                  <time class="time sp-tabular" [attr.datetime]="entry.time">{{
                    entry.time | datetime: 'day-time'
                  }}</time>
                  <div class="what">
                    <code class="action">{{ entry.action }}</code>
                    <span class="meta">
                      by {{ entry.actor }}
                      @if (entry.target) {
                        · {{ entry.target }}
                      }
                    </span>
                  </div>
                  <sp-outcome-chip [outcome]="entry.outcome" />
                </li>
              }
            </ul>
          } @else {
            <sp-state-message message="Nothing has happened yet." icon="history_toggle_off" />
          }
        </sp-remote-content>
      </mat-card-content>
      <mat-card-actions align="end">
        <a mat-button routerLink="/audit" data-testid="activity-open-audit">
          Open audit log
          <mat-icon iconPositionEnd>arrow_forward</mat-icon>
        </a>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .entries {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: grid;
      grid-template-columns: 128px 1fr auto;
      gap: 12px;
      align-items: center;
      padding: 10px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    li:last-child {
      border-bottom: 0;
    }
    .time {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .what {
      display: flex;
      flex-wrap: wrap;
      column-gap: 8px;
      min-width: 0;
    }
    .action {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
      font-size: 13px;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    @media (max-width: 599.98px) {
      li {
        grid-template-columns: 1fr auto;
        row-gap: 2px;
      }
      .time {
        grid-column: 1 / -1;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityCardComponent {
  readonly activity = input.required<Remote<readonly AuditEntryDto[]>>();
  readonly retry = output<void>();

  protected readonly entries = computed(() => remoteValue(this.activity()) ?? []);
}
