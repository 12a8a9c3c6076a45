import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

import { type PlexServerDto } from '../../api';
import { bestConnection } from './media-server-form';

/** The Plex servers found for a plex.tv token; picking one fills the form. */
@Component({
  selector: 'sp-plex-discovery',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    <div class="bar">
      <button
        mat-stroked-button
        type="button"
        data-testid="plex-discover"
        [disabled]="loading() || !canSearch()"
        (click)="search.emit()"
      >
        @if (loading()) {
          <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
        } @else {
          <mat-icon>travel_explore</mat-icon>
        }
        Find my Plex servers
      </button>
      <span class="hint">{{
        canSearch() ? 'Looks up the servers of this plex.tv token.' : 'Enter the plex.tv token first.'
      }}</span>
    </div>
    @if (error(); as message) {
      <p class="error" role="alert" data-testid="plex-discover-error">{{ message }}</p>
    }
    @if (servers(); as list) {
      @if (list.length === 0) {
        <p class="hint" role="status">This account has no Plex servers.</p>
      } @else {
        <ul class="servers" aria-label="Plex servers found">
          @for (server of list; track server.machine_identifier) {
            <li>
              <button
                type="button"
                class="server"
                data-testid="plex-server"
                [class.picked]="server.machine_identifier === picked()"
                [attr.aria-pressed]="server.machine_identifier === picked()"
                (click)="pick.emit(server)"
              >
                <mat-icon aria-hidden="true">{{
                  server.machine_identifier === picked() ? 'radio_button_checked' : 'radio_button_unchecked'
                }}</mat-icon>
                <span class="text">
                  <span class="name">{{ server.name }}{{ server.owned ? '' : ' (shared with you)' }}</span>
                  <span class="uri sp-mono">{{ addressOf(server) }}</span>
                </span>
              </button>
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    mat-progress-spinner {
      margin-right: 8px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .error {
      margin: 8px 0 0;
      color: var(--mat-sys-error);
    }
    .servers {
      display: grid;
      gap: 6px;
      margin: 12px 0 0;
      padding: 0;
      list-style: none;
    }
    .server {
      display: flex;
      align-items: center;
      gap: 12px;
      width: 100%;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: transparent;
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: pointer;
    }
    .server:hover {
      background: var(--mat-sys-surface-container-high);
    }
    .server:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .server.picked {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .server mat-icon {
      flex: none;
      color: var(--mat-sys-primary);
    }
    .text {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .uri {
      overflow-wrap: anywhere;
      opacity: 0.8;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlexDiscoveryComponent {
  readonly servers = input<readonly PlexServerDto[] | null>(null);
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly canSearch = input(false);
  readonly picked = input<string | null>(null);
  readonly search = output<void>();
  readonly pick = output<PlexServerDto>();

  protected addressOf(server: PlexServerDto): string {
    return bestConnection(server)?.uri ?? 'No address published';
  }
}
