import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { filter, finalize, switchMap } from 'rxjs';

import { ConfirmDialogComponent, type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { mediaQuery } from '../../core/util/media-query';
import { remoteState } from '../../core/util/remote-state';
import {
  TorrentClientDialogComponent,
  type TorrentClientDialogData,
  type TorrentClientDialogResult,
} from './torrent-client-dialog.component';
import { type TorrentClientRow } from './torrent-client-form';
import { TorrentClientsClient } from './torrent-clients-client.service';
import { type ClientEnabledChange, TorrentClientsTableComponent } from './torrent-clients-table.component';

const DIALOG_SIZE = { width: '640px', maxWidth: 'calc(100vw - 24px)', maxHeight: 'calc(100dvh - 24px)' };

@Component({
  selector: 'sp-torrent-clients-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    StateMessageComponent,
    TorrentClientsTableComponent,
  ],
  template: `
    <header class="page-header">
      <div>
        <h1>Torrent clients</h1>
        <p class="subtitle">
          The seed's uTorrent and rTorrent, and any number of qBittorrent, Transmission, Deluge, rTorrent and
          uTorrent clients
        </p>
      </div>
      <div class="header-actions">
        <button
          mat-icon-button
          type="button"
          aria-label="Refresh torrent clients"
          matTooltip="Refresh"
          data-testid="clients-refresh"
          (click)="reload()"
        >
          <mat-icon>refresh</mat-icon>
        </button>
        <button mat-flat-button type="button" data-testid="client-add" (click)="add()">
          <mat-icon>add</mat-icon>
          Add client
        </button>
      </div>
    </header>

    <mat-card appearance="outlined" class="table-card">
      <div class="progress">
        @if (clients().state === 'loading' || fetching()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading torrent clients" />
        }
      </div>
      @switch (clients().state) {
        @case ('error') {
          <sp-state-message kind="error" [message]="errorMessage()" (retry)="reload()" />
        }
        @case ('ok') {
          <sp-torrent-clients-table
            [rows]="rows()"
            [compact]="compact()"
            [busy]="busy()"
            (edit)="edit($event)"
            (remove)="remove($event)"
            (enabledChange)="setEnabled($event)"
          />
        }
        @default {
          <div class="placeholder" aria-hidden="true"></div>
        }
      }
    </mat-card>
  `,
  styles: `
    .table-card {
      overflow: hidden;
    }
    .progress {
      height: 4px;
    }
    .placeholder {
      min-height: 160px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentClientsPageComponent {
  private readonly client = inject(TorrentClientsClient);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly compact = mediaQuery('(max-width: 839.98px)');
  // Keep the rows on screen while reloading after a change.
  private readonly fetched = remoteState(() => this.client.list(), { whileReloading: 'value' });
  protected readonly clients = this.fetched.state;
  protected readonly fetching = this.fetched.fetching;
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly rows = computed(() => {
    const clients = this.clients();
    return clients.state === 'ok' ? clients.value : [];
  });
  protected readonly errorMessage = computed(() => this.fetched.error() ?? '');

  protected reload(): void {
    this.fetched.reload();
  }

  protected add(): void {
    this.openDialog({ row: null });
  }

  protected edit(row: TorrentClientRow): void {
    this.openDialog({ row });
  }

  protected remove(row: TorrentClientRow): void {
    this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
        data: {
          title: `Delete ${row.name}?`,
          message: `The panel stops polling ${row.name} and its torrents leave the Torrents page. Nothing changes in ${row.name} itself.`,
          confirm: 'Delete',
          destructive: true,
        },
        maxWidth: 'calc(100vw - 24px)',
        width: '440px',
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.client.remove(row.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      // The error interceptor reports a failure.
      .subscribe({ next: () => this.reload(), error: () => undefined });
  }

  protected setEnabled({ row, enabled }: ClientEnabledChange): void {
    this.busy.update((busy) => new Set(busy).add(row.id));
    this.client
      .update(row.id, { enabled })
      .pipe(
        finalize(() => this.unbusy(row.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ next: () => this.reload(), error: () => this.reload() });
  }

  private openDialog(data: TorrentClientDialogData): void {
    this.dialog
      .open<TorrentClientDialogComponent, TorrentClientDialogData, TorrentClientDialogResult>(
        TorrentClientDialogComponent,
        { ...DIALOG_SIZE, data, autoFocus: data.row ? 'dialog' : 'first-tabbable' },
      )
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((changed) => changed && this.reload());
  }

  private unbusy(id: string): void {
    this.busy.update((busy) => {
      const next = new Set(busy);
      next.delete(id);
      return next;
    });
  }
}
