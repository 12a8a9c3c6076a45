import { DecimalPipe, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type MediaServerStatusDto, type MediaServerType } from '../../api';
import { TYPE_ICONS, TYPE_LABELS } from './media-server-form';

export interface EnabledChange {
  readonly server: MediaServerStatusDto;
  readonly enabled: boolean;
}

const COLUMNS = ['name', 'type', 'url', 'users', 'request_limit', 'password_suffix', 'enabled', 'actions'];

/** The configured media servers: a table on wide screens, a card per server on phones. */
@Component({
  selector: 'sp-media-servers-table',
  imports: [
    MatTableModule,
    MatSlideToggleModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    DecimalPipe,
    NgTemplateOutlet,
  ],
  templateUrl: './media-servers-table.component.html',
  styleUrl: './media-servers-table.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaServersTableComponent {
  readonly servers = input.required<readonly MediaServerStatusDto[]>();
  readonly compact = input(false);
  /** Servers whose enabled switch is being saved. */
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly edit = output<MediaServerStatusDto>();
  readonly test = output<MediaServerStatusDto>();
  readonly remove = output<MediaServerStatusDto>();
  readonly enabledChange = output<EnabledChange>();

  protected readonly columns = COLUMNS;

  protected iconOf(type: MediaServerType): string {
    return TYPE_ICONS[type];
  }

  protected labelOf(type: MediaServerType): string {
    return TYPE_LABELS[type];
  }
}
