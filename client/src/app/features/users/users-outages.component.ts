import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type DetailedUsersDto } from '../../api';
import { seerrStaleText, serverOutageTexts } from './users-format';

/**
 * The banners over the Users table when a media server or Seerr could not be read: the reason, and
 * whether the table shows their last good list (and how old it is) or leaves their part out.
 */
@Component({
  selector: 'sp-users-outages',
  imports: [MatIconModule, MatTooltipModule],
  template: `
    @if (servers().length) {
      <div class="sp-error-banner" role="alert" data-testid="users-server-errors">
        <mat-icon aria-hidden="true">warning</mat-icon>
        <div>
          <strong>Some servers could not be read:</strong>
          <ul>
            @for (line of servers(); track line) {
              <li>{{ line }}</li>
            }
          </ul>
        </div>
      </div>
    }
    @if (data().seerr_error; as seerrError) {
      <div class="sp-error-banner" role="alert" data-testid="users-seerr-error">
        <mat-icon aria-hidden="true">cloud_off</mat-icon>
        @if (staleSeerr(); as stale) {
          <div data-testid="users-seerr-stale" [matTooltip]="'Read at ' + data().seerr_read_at">
            <strong>{{ stale }}</strong>
          </div>
        } @else {
          <div>
            <strong
              >Seerr could not be read: its columns (sync status, Seerr id, requests, sign-in, limit) are
              unknown.</strong
            >
            <p>{{ seerrError }}</p>
          </div>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    ul {
      margin: 4px 0 0;
      padding-left: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersOutagesComponent {
  readonly data = input.required<DetailedUsersDto>();
  /** The page's clock, so the ages are re-worded with its "read … ago". */
  readonly now = input.required<number>();

  private readonly clock = computed(() => Math.max(this.now(), Date.now()));
  protected readonly servers = computed(() => serverOutageTexts(this.data(), this.clock()));
  protected readonly staleSeerr = computed(() => {
    const { seerr_error: error, seerr_stale: stale, seerr_read_at: readAt } = this.data();
    return error && stale && readAt ? seerrStaleText(error, readAt, this.clock()) : null;
  });
}
