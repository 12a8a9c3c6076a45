import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type MediaServerStatusDto } from '../../api';
import { StatusChipComponent } from '../../common/status-chip.component';
import { TYPE_ICONS, TYPE_LABELS } from '../media-servers/media-server-form';

/** One media server: its type, whether the sync reads it, and its user count or why it can't be read. */
@Component({
  selector: 'sp-media-server-card',
  imports: [MatCardModule, MatIconModule, MatTooltipModule, DecimalPipe, StatusChipComponent],
  template: `
    <mat-card
      appearance="outlined"
      data-testid="media-server-card"
      [attr.data-name]="server().name"
      [attr.data-ok]="server().error === null"
    >
      <mat-card-header>
        <mat-icon
          mat-card-avatar
          role="img"
          [attr.data-type]="server().type"
          [attr.aria-label]="typeLabel()"
          [matTooltip]="typeLabel()"
          >{{ typeIcon() }}</mat-icon
        >
        <mat-card-title
          ><h3>{{ server().name }}</h3></mat-card-title
        >
        <mat-card-subtitle class="where">{{ typeLabel() }} · {{ host() }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (!server().enabled) {
          <sp-status-chip label="Disabled" icon="pause_circle" />
          <p class="muted">Not read by the sync.</p>
        } @else if (server().error; as error) {
          <p class="error" role="alert" data-testid="media-server-card-error">
            <mat-icon aria-hidden="true">cloud_off</mat-icon>
            <span>{{ error }}</span>
          </p>
        } @else {
          <p class="users">
            <span class="value sp-tabular" data-testid="media-server-card-users">{{
              server().users ?? 0 | number
            }}</span>
            {{ server().users === 1 ? 'user' : 'users' }}
          </p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './dashboard-card.scss',
  styles: `
    mat-card-header {
      margin-bottom: 4px;
    }
    [mat-card-avatar][data-type='plex'] {
      background: var(--sp-warning-container);
      color: var(--sp-on-warning-container);
    }
    [mat-card-avatar][data-type='jellyfin'] {
      background: var(--sp-removed-container);
      color: var(--sp-on-removed-container);
    }
    [mat-card-avatar][data-type='emby'] {
      background: var(--sp-success-container);
      color: var(--sp-on-success-container);
    }
    .where {
      overflow-wrap: anywhere;
    }
    h3 {
      margin: 0;
      font: inherit;
      overflow-wrap: anywhere;
    }
    p {
      margin: 0;
    }
    .muted {
      margin-top: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .users .value {
      font: var(--mat-sys-headline-small);
    }
    .error {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      color: var(--mat-sys-error);
      overflow-wrap: anywhere;
    }
    .error mat-icon {
      flex: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaServerCardComponent {
  readonly server = input.required<MediaServerStatusDto>();

  protected readonly typeLabel = computed(() => TYPE_LABELS[this.server().type]);
  protected readonly typeIcon = computed(() => TYPE_ICONS[this.server().type]);
  protected readonly host = computed(() => {
    try {
      return new URL(this.server().url).host;
    } catch {
      return this.server().url;
    }
  });
}
