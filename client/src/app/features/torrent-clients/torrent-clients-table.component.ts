import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';

import { type TorrentClientType } from '../../api';
import { TYPE_LABELS, type TorrentClientRow } from './torrent-client-form';

export interface ClientEnabledChange {
  readonly row: TorrentClientRow;
  readonly enabled: boolean;
}

const COLUMNS = ['name', 'type', 'url', 'login', 'poll', 'enabled', 'actions'];

/** The seed's two sections and the `torrent_clients` entries: a table on wide screens, cards on phones. */
@Component({
  selector: 'sp-torrent-clients-table',
  imports: [
    MatTableModule,
    MatSlideToggleModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    NgTemplateOutlet,
  ],
  templateUrl: './torrent-clients-table.component.html',
  styleUrl: './torrent-clients-table.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentClientsTableComponent {
  readonly rows = input.required<readonly TorrentClientRow[]>();
  readonly compact = input(false);
  /** Rows whose enabled switch is being saved. */
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly edit = output<TorrentClientRow>();
  readonly remove = output<TorrentClientRow>();
  readonly enabledChange = output<ClientEnabledChange>();

  protected readonly columns = COLUMNS;

  protected labelOf(type: TorrentClientType): string {
    return TYPE_LABELS[type];
  }

  /** Who signs in, in a few words: "admin · password set", "password set", "no login". */
  protected loginOf(row: TorrentClientRow): string {
    const parts = [row.username, row.has_password ? 'password set' : ''].filter(Boolean);
    return parts.length ? parts.join(' · ') : 'No login';
  }
}
