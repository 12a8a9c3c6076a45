import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';

import { type TorrentDto } from '../../api';
import { CLIENT_NAMES } from './torrent-labels';

export interface RemoveTorrentsData {
  readonly torrents: readonly Pick<TorrentDto, 'name' | 'client'>[];
}

export interface RemoveTorrentsChoice {
  readonly deleteData: boolean;
}

const LISTED = 5;

/** Confirms a removal and asks, explicitly, whether the downloaded data goes too. */
@Component({
  selector: 'sp-remove-torrents-dialog',
  imports: [MatDialogModule, MatButtonModule, MatCheckboxModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ title() }}</h2>
    <mat-dialog-content>
      <ul class="names" data-testid="remove-names">
        @for (torrent of listed(); track $index) {
          <li>
            <span class="name">{{ torrent.name }}</span>
            <span class="client">{{ clientNames[torrent.client] }}</span>
          </li>
        }
        @if (more() > 0) {
          <li class="more">and {{ more() }} more</li>
        }
      </ul>
      <mat-checkbox
        [checked]="deleteData()"
        (change)="deleteData.set($event.checked)"
        data-testid="remove-delete-data"
        aria-describedby="remove-data-help"
      >
        Also delete the downloaded data
      </mat-checkbox>
      <p id="remove-data-help" class="help" [class.warn]="deleteData()" data-testid="remove-data-help">
        @if (deleteData()) {
          <mat-icon aria-hidden="true">warning</mat-icon>
          The files are deleted from the client's download folder. This cannot be undone.
        } @else {
          The torrent leaves the client; its files stay on disk.
        }
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close cdkFocusInitial data-testid="remove-cancel">
        Cancel
      </button>
      <button
        mat-flat-button
        type="button"
        class="destructive"
        data-testid="remove-confirm"
        [mat-dialog-close]="{ deleteData: deleteData() }"
      >
        {{ deleteData() ? 'Remove and delete data' : 'Remove' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .names {
      margin: 0 0 12px;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      padding: 4px 0;
    }
    .name {
      min-width: 0;
      overflow-wrap: anywhere;
      color: var(--mat-sys-on-surface);
    }
    .client,
    .more {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
    .help {
      display: flex;
      align-items: flex-start;
      gap: 6px;
      margin: 4px 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .help.warn {
      color: var(--mat-sys-error);
    }
    .help mat-icon {
      flex: none;
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RemoveTorrentsDialogComponent {
  private readonly data = inject<RemoveTorrentsData>(MAT_DIALOG_DATA);

  protected readonly clientNames = CLIENT_NAMES;
  protected readonly deleteData = signal(false);
  protected readonly listed = computed(() => this.data.torrents.slice(0, LISTED));
  protected readonly more = computed(() => Math.max(0, this.data.torrents.length - LISTED));
  protected readonly title = computed(() =>
    this.data.torrents.length === 1
      ? 'Remove this torrent?'
      : `Remove ${this.data.torrents.length} torrents?`,
  );
}
