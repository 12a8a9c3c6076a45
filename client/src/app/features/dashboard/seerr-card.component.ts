import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { type SeerrOverviewDto } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';

/** Seerr's live figures, or the sentence saying why it could not be read. */
@Component({
  selector: 'sp-seerr-card',
  imports: [
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    RouterLink,
    DecimalPipe,
    StateMessageComponent,
    RemoteContentComponent,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="seerr-card">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">group</mat-icon>
        <mat-card-title><h2>Seerr</h2></mat-card-title>
        <mat-card-subtitle>
          @if (value()?.live?.version; as version) {
            <span data-testid="seerr-card-version">Version {{ version }}</span>
          } @else {
            Requests and user accounts
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="seerr()" loadingLabel="Loading Seerr" (retry)="retry.emit()">
          @if (value(); as s) {
            @if (!s.config.url) {
              <sp-state-message
                data-testid="seerr-card-unset"
                icon="link_off"
                message="Seerr is not set up yet."
                [retryable]="false"
              />
            } @else if (!s.live.reachable) {
              <div class="down" role="alert" data-testid="seerr-card-error">
                <mat-icon aria-hidden="true">cloud_off</mat-icon>
                <p>{{ s.live.error ?? 'Seerr could not be read.' }}</p>
                <button mat-stroked-button type="button" (click)="retry.emit()">
                  <mat-icon>refresh</mat-icon>
                  Try again
                </button>
              </div>
            } @else {
              <dl class="figures" data-testid="seerr-card-figures">
                <div>
                  <dt>Users</dt>
                  <dd class="sp-tabular" data-testid="seerr-card-users">
                    {{ s.live.users ?? 0 | number }}
                  </dd>
                </div>
                <div>
                  <dt>Requests</dt>
                  <dd class="sp-tabular">{{ s.live.total_requests ?? 0 | number }}</dd>
                </div>
                <div>
                  <dt>Pending</dt>
                  <dd class="sp-tabular" data-testid="seerr-card-pending">
                    <a routerLink="/requests">{{ s.live.pending_requests ?? 0 | number }}</a>
                  </dd>
                </div>
                <div>
                  <dt>Media deleted</dt>
                  <dd class="sp-tabular">{{ s.live.deleted_media_requests ?? 0 | number }}</dd>
                </div>
              </dl>
            }
          }
        </sp-remote-content>
      </mat-card-content>
      <mat-card-actions align="end">
        <a mat-button routerLink="/requests" data-testid="seerr-card-requests">Requests</a>
        <a mat-button routerLink="/seerr" data-testid="seerr-card-settings">
          Settings
          <mat-icon iconPositionEnd>arrow_forward</mat-icon>
        </a>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .figures {
      grid-template-columns: repeat(4, minmax(0, 1fr));
    }
    @media (max-width: 599.98px) {
      .figures {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
    .figures div {
      display: flex;
      flex-direction: column-reverse;
      gap: 2px;
    }
    .figures dd {
      font: var(--mat-sys-headline-small);
    }
    .down {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 8px 12px;
      align-items: start;
      color: var(--mat-sys-error);
    }
    .down p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .down button {
      grid-column: 2;
      justify-self: start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SeerrCardComponent {
  readonly seerr = input.required<Remote<SeerrOverviewDto>>();
  readonly retry = output<void>();

  protected readonly value = computed(() => remoteValue(this.seerr()));
}
