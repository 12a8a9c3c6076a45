import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { type ReadinessDto, type ServiceHealthListDto, type ServiceKind, type ServiceState } from '../../api';
import { type Remote, remoteValue } from '../../core/util/remote';
import { RemoteContentComponent } from '../../common/remote-content.component';

const KIND_LABELS: Readonly<Record<ServiceKind, string>> = {
  seerr: 'Seerr',
  'media-server': 'Media server',
  plex: 'Plex Media Server',
  tautulli: 'Tautulli',
  'torrent-client': 'Torrent client',
  docker: 'Docker',
};

const STATE_LABELS: Readonly<Record<ServiceState, string>> = { up: 'up', down: 'down', off: 'not set up' };

/** One dot per upstream (reason on hover or focus), the reasons of those down, and readiness's verdict. */
@Component({
  selector: 'sp-services-card',
  imports: [MatCardModule, MatIconModule, MatTooltipModule, RouterLink, RemoteContentComponent],
  template: `
    <mat-card appearance="outlined" data-testid="services-card">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">lan</mat-icon>
        <mat-card-title><h2>Services</h2></mat-card-title>
        <mat-card-subtitle>
          @if (readinessValue(); as r) {
            <a routerLink="/about" data-testid="services-readiness" [attr.data-status]="r.status">{{
              r.status === 'ok' ? 'Readiness: all checks pass' : 'Readiness: degraded'
            }}</a>
          } @else {
            Every upstream of the stack
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <sp-remote-content [remote]="services()" loadingLabel="Checking the services" (retry)="retry.emit()">
          <ul class="dots" aria-label="Service health">
            @for (s of list(); track s.id) {
              <li
                tabindex="0"
                data-testid="service-dot"
                [attr.data-id]="s.id"
                [attr.data-state]="s.state"
                [matTooltip]="s.detail"
                [attr.aria-label]="s.name + ' (' + kinds[s.kind] + '): ' + states[s.state] + '. ' + s.detail"
              >
                <span class="dot" [attr.data-state]="s.state" aria-hidden="true"></span>
                <span class="what">
                  <span class="name">{{ s.name }}</span>
                  @if (kinds[s.kind] !== s.name) {
                    <span class="kind">{{ kinds[s.kind] }}</span>
                  }
                </span>
              </li>
            }
          </ul>
          @if (down().length > 0) {
            <ul class="reasons" role="alert" data-testid="services-down">
              @for (s of down(); track s.id) {
                <li>
                  <mat-icon aria-hidden="true">cloud_off</mat-icon><span>{{ s.detail }}</span>
                </li>
              }
            </ul>
          }
        </sp-remote-content>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    .dots {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
      gap: 6px 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .dots li {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 8px;
      align-items: center;
      padding: 4px 6px;
      border-radius: 8px;
      cursor: default;
    }
    .dots li:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
    }
    .what {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .dot {
      width: 12px;
      height: 12px;
      border-radius: 50%;
      background: var(--mat-sys-outline);
    }
    .dot[data-state='up'] {
      background: light-dark(#1e8e3e, #6dd58c);
    }
    .dot[data-state='down'] {
      background: var(--mat-sys-error);
      box-shadow: 0 0 0 3px var(--mat-sys-error-container);
    }
    .dot[data-state='off'] {
      background: transparent;
      border: 2px solid var(--mat-sys-outline);
      box-sizing: border-box;
    }
    .name {
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    .kind {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .reasons {
      display: grid;
      gap: 6px;
      margin: 12px 0 0;
      padding: 0;
      list-style: none;
      color: var(--mat-sys-error);
    }
    .reasons li {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      overflow-wrap: anywhere;
    }
    .reasons mat-icon {
      flex: none;
      width: 20px;
      height: 20px;
      font-size: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicesCardComponent {
  readonly services = input.required<Remote<ServiceHealthListDto>>();
  readonly readiness = input.required<Remote<ReadinessDto>>();
  readonly retry = output<void>();

  protected readonly kinds = KIND_LABELS;
  protected readonly states = STATE_LABELS;
  protected readonly list = computed(() => remoteValue(this.services())?.services ?? []);
  protected readonly down = computed(() => this.list().filter((s) => s.state === 'down'));
  protected readonly readinessValue = computed(() => remoteValue(this.readiness()));
}
