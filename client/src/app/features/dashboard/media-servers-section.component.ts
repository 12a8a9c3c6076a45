import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { type MediaServerStatusDto, type MediaServerType } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { TYPE_ICONS, TYPE_LABELS } from '../media-servers/media-server-form';
import { MediaServerCardComponent } from './media-server-card.component';

const TYPES: readonly MediaServerType[] = ['plex', 'jellyfin', 'emby'];

/** The media servers, one card each, with a legend of the type icons. */
@Component({
  selector: 'sp-media-servers-section',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    RouterLink,
    StateMessageComponent,
    RemoteContentComponent,
    MediaServerCardComponent,
  ],
  template: `
    <section aria-labelledby="media-servers-heading">
      <header>
        <h2 id="media-servers-heading">Media servers</h2>
        <ul class="legend" aria-label="Server types">
          @for (type of types; track type) {
            <li>
              <mat-icon aria-hidden="true">{{ icons[type] }}</mat-icon>
              {{ labels[type] }}
            </li>
          }
        </ul>
        <a mat-button routerLink="/media-servers" data-testid="media-servers-manage">
          Manage
          <mat-icon iconPositionEnd>arrow_forward</mat-icon>
        </a>
      </header>
      <sp-remote-content [remote]="servers()" loadingLabel="Loading media servers" (retry)="retry.emit()">
        @if (list().length > 0) {
          <div class="cards">
            @for (server of list(); track server.name) {
              <sp-media-server-card [server]="server" />
            }
          </div>
        } @else {
          <mat-card appearance="outlined">
            <sp-state-message
              data-testid="media-servers-empty"
              icon="dns"
              message="No media servers yet. Add Plex, Jellyfin or Emby to sync their users into Seerr."
              [retryable]="false"
            />
          </mat-card>
        }
      </sp-remote-content>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 16px;
      margin-bottom: 8px;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      flex: 1;
      margin: 0;
      padding: 0;
      list-style: none;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 599.98px) {
      h2 {
        flex: 1;
      }
      .legend {
        order: 3;
        flex-basis: 100%;
      }
    }
    .legend li {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .legend mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
      gap: 16px;
    }
    .placeholder {
      padding: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaServersSectionComponent {
  readonly servers = input.required<Remote<readonly MediaServerStatusDto[]>>();
  readonly retry = output<void>();

  protected readonly types = TYPES;
  protected readonly icons = TYPE_ICONS;
  protected readonly labels = TYPE_LABELS;
  protected readonly list = computed(() => remoteValue(this.servers()) ?? []);
}
