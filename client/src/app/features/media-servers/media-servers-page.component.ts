import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  linkedSignal,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { filter, finalize, switchMap } from 'rxjs';

import { type MediaServerStatusDto } from '../../api';
import { mediaQuery } from '../../core/util/media-query';
import { remoteState } from '../../core/util/remote-state';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { MediaServerDialogComponent, type MediaServerDialogData } from './media-server-dialog.component';
import { MediaServersClient } from './media-servers-client.service';
import { type EnabledChange, MediaServersTableComponent } from './media-servers-table.component';

const DIALOG_SIZE = { width: '640px', maxWidth: 'calc(100vw - 24px)', maxHeight: 'calc(100dvh - 24px)' };

@Component({
  selector: 'sp-media-servers-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    MediaServersTableComponent,
    StateMessageComponent,
  ],
  template: `
    <header class="page-header">
      <div>
        <h1>Media servers</h1>
        <p class="subtitle">Where the sync reads its users: Plex, Jellyfin and Emby</p>
      </div>
      <div class="header-actions">
        <button
          mat-icon-button
          type="button"
          aria-label="Refresh media servers"
          matTooltip="Refresh"
          data-testid="servers-refresh"
          (click)="reload()"
        >
          <mat-icon>refresh</mat-icon>
        </button>
        <button mat-flat-button type="button" data-testid="server-add" (click)="add()">
          <mat-icon>add</mat-icon>
          Add server
        </button>
      </div>
    </header>

    <mat-card appearance="outlined" class="table-card">
      <div class="progress">
        @if (servers().state === 'loading') {
          <mat-progress-bar mode="indeterminate" aria-label="Loading media servers" />
        }
      </div>
      @switch (servers().state) {
        @case ('error') {
          <sp-state-message kind="error" [message]="errorMessage()" (retry)="reload()" />
        }
        @case ('ok') {
          @if (list().length > 0) {
            <sp-media-servers-table
              [servers]="list()"
              [compact]="compact()"
              [busy]="busy()"
              (edit)="edit($event)"
              (test)="edit($event, true)"
              (remove)="remove($event)"
              (enabledChange)="setEnabled($event)"
            />
          } @else {
            <sp-state-message
              data-testid="servers-empty"
              icon="dns"
              message="No media servers yet. Add your Plex, Jellyfin or Emby server so the sync can read its users."
            />
          }
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
export class MediaServersPageComponent {
  private readonly client = inject(MediaServersClient);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly compact = mediaQuery('(max-width: 839.98px)');
  // Keep the rows on screen while reloading after a change.
  // The first load may use the server's cached user lists; a reload (refresh, after a change) reads anew.
  private loads = 0;
  private readonly fetched = remoteState(() => this.client.list(this.loads++ > 0), {
    whileReloading: 'value',
  });
  protected readonly servers = this.fetched.state;
  /** Rows changed in place (enabled switch) since the last load. */
  private readonly patched = linkedSignal<unknown, ReadonlyMap<string, MediaServerStatusDto>>({
    source: this.servers,
    computation: () => new Map(),
  });
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly list = computed(() => {
    const servers = this.servers();
    const patched = this.patched();
    return servers.state === 'ok' ? servers.value.map((s) => patched.get(s.name) ?? s) : [];
  });
  protected readonly errorMessage = computed(() => this.fetched.error() ?? '');

  protected reload(): void {
    this.fetched.reload();
  }

  protected add(): void {
    this.openDialog({ server: null });
  }

  protected edit(server: MediaServerStatusDto, autoTest = false): void {
    this.openDialog({ server, autoTest });
  }

  protected remove(server: MediaServerStatusDto): void {
    this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
        data: {
          title: `Delete ${server.name}?`,
          message: `The sync stops reading ${server.name}. Seerr accounts are not touched now, but with removal on, users found only on this server are removed by the next sync.`,
          confirm: 'Delete',
          destructive: true,
        },
        maxWidth: 'calc(100vw - 24px)',
        width: '440px',
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.client.remove(server.name)),
        takeUntilDestroyed(this.destroyRef),
      )
      // The error interceptor reports a failure.
      .subscribe({ next: () => this.reload(), error: () => undefined });
  }

  protected setEnabled({ server, enabled }: EnabledChange): void {
    const name = server.name;
    this.busy.update((busy) => new Set(busy).add(name));
    this.patch({ ...server, enabled });
    this.client
      .update(name, { enabled })
      // Enabling reads the server's users, so fetch the row again for its count or error.
      .pipe(
        switchMap(() => this.client.get(name)),
        finalize(() => this.unbusy(name)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ next: (fresh) => this.patch(fresh), error: () => this.reload() });
  }

  private openDialog(data: MediaServerDialogData): void {
    this.dialog
      .open<MediaServerDialogComponent, MediaServerDialogData>(MediaServerDialogComponent, {
        ...DIALOG_SIZE,
        data,
        autoFocus: data.server ? 'dialog' : 'first-tabbable',
      })
      .afterClosed()
      // Read anew whatever closed it: a save changed the list, a test may have shown a server is back.
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.reload());
  }

  private patch(server: MediaServerStatusDto): void {
    this.patched.update((patched) => new Map(patched).set(server.name, server));
  }

  private unbusy(name: string): void {
    this.busy.update((busy) => {
      const next = new Set(busy);
      next.delete(name);
      return next;
    });
  }
}
