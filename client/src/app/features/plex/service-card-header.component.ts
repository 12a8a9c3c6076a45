import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type Remote } from '../../core/util/remote';

/** The header of a Plex-tab card for one service: its avatar, whether it answers, and its settings button. */
@Component({
  selector: 'sp-service-card-header',
  imports: [MatCardModule, MatButtonModule, MatIconModule, MatTooltipModule],
  template: `
    <mat-card-header>
      <mat-icon mat-card-avatar [class]="tone()" aria-hidden="true">{{ icon() }}</mat-icon>
      <mat-card-title
        ><h2>{{ title() }}</h2></mat-card-title
      >
      <mat-card-subtitle>
        @switch (state()) {
          @case ('ok') {
            <span class="status" [attr.data-testid]="testId() + '-online'">
              <mat-icon aria-hidden="true">check_circle</mat-icon>Online
            </span>
          }
          @case ('error') {
            <span class="status bad"><mat-icon aria-hidden="true">cloud_off</mat-icon>Unavailable</span>
          }
          @default {
            Checking…
          }
        }
      </mat-card-subtitle>
      <button
        mat-icon-button
        type="button"
        class="settings"
        matTooltip="Connection settings"
        [attr.aria-label]="service() + ' connection settings'"
        [attr.data-testid]="settingsTestId()"
        (click)="configure.emit()"
      >
        <mat-icon>tune</mat-icon>
      </button>
    </mat-card-header>
  `,
  styleUrls: ['../dashboard/dashboard-card.scss', './plex-card.scss'],
  styles: ':host { display: block; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceCardHeaderComponent {
  /** The service's short name, for the settings button's label. */
  readonly service = input.required<string>();
  readonly title = input.required<string>();
  readonly icon = input.required<string>();
  /** The avatar's colour class in plex-card.scss. */
  readonly tone = input.required<'plex' | 'tautulli'>();
  readonly state = input.required<Remote<unknown>['state']>();
  /** Prefix of the "Online" badge's test id. */
  readonly testId = input.required<string>();
  readonly settingsTestId = input.required<string>();
  readonly configure = output<void>();
}
