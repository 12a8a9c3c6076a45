import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type Observable, forkJoin, map, of } from 'rxjs';

import { type TorrentDataCheckDto } from '../../api';
import { remoteState } from '../../core/util/remote-state';
import { StateMessageComponent } from '../../common/state-message.component';
import { type TorrentRow, hashesByClient } from './torrent-query';
import { MAX_HASHES_PER_CALL, type RemoveData, TorrentsClient } from './torrents-client.service';

export interface RemoveTorrentsData {
  readonly torrents: readonly Pick<TorrentRow, 'name' | 'client_id' | 'client_name' | 'hash'>[];
}

export type RemoveTorrentsChoice = RemoveData;

const LISTED = 5;

/**
 * Confirms a removal and asks, explicitly, whether the downloaded data goes too. With the data, it asks
 * the clients first where each torrent's data is: data that cannot be deleted safely, or that other
 * torrents also use, is named here, before anything is removed.
 */
@Component({
  selector: 'sp-remove-torrents-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatProgressBarModule,
    StateMessageComponent,
  ],
  template: `
    <h2 mat-dialog-title>{{ title() }}</h2>
    <mat-dialog-content>
      <ul class="names" data-testid="remove-names">
        @for (torrent of listed(); track $index) {
          <li>
            <span class="name">{{ torrent.name }}</span>
            <span class="client">{{ torrent.client_name }}</span>
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
      @if (deleteData()) {
        @switch (check.state().state) {
          @case ('loading') {
            <mat-progress-bar mode="indeterminate" aria-label="Checking where the data is" />
          }
          @case ('error') {
            <sp-state-message
              kind="error"
              data-testid="remove-check-error"
              [message]="check.error() ?? ''"
              (retry)="check.reload()"
            />
          }
        }
        @if (unsafe().length) {
          <section class="problems" data-testid="remove-unsafe">
            <p>The panel cannot delete this data safely; nothing will be removed with data:</p>
            <ul>
              @for (item of unsafe().slice(0, listedProblems); track item.hash) {
                <li>
                  <strong>{{ item.name }}</strong>: {{ item.reason }}
                  @if (item.path) {
                    <span class="path">{{ item.path }}</span>
                  }
                </li>
              }
            </ul>
            @if (unsafe().length > listedProblems) {
              <p class="more">and {{ unsafe().length - listedProblems }} more</p>
            }
          </section>
        }
        @if (shared().length) {
          <section class="problems" data-testid="remove-shared">
            <p>Other torrents use the same files; deleting them breaks those torrents:</p>
            <ul>
              @for (item of shared().slice(0, listedProblems); track item.hash) {
                <li>
                  <strong>{{ item.name }}</strong> shares its data with
                  {{ sharedNames(item) }}
                </li>
              }
            </ul>
            <mat-checkbox [checked]="force()" (change)="force.set($event.checked)" data-testid="remove-force">
              Delete the shared data anyway
            </mat-checkbox>
          </section>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close cdkFocusInitial data-testid="remove-cancel">
        Cancel
      </button>
      @if (deleteData() && blocked()) {
        <button
          mat-stroked-button
          type="button"
          data-testid="remove-torrent-only"
          [mat-dialog-close]="{ deleteData: false }"
        >
          Remove torrent only
        </button>
      }
      <button
        mat-flat-button
        type="button"
        class="destructive"
        data-testid="remove-confirm"
        [disabled]="deleteData() && !canDeleteData()"
        [mat-dialog-close]="choice()"
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
    .problems {
      margin: 12px 0 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .problems p,
    .problems ul {
      margin: 0 0 4px;
    }
    .problems ul {
      padding-left: 20px;
    }
    .problems li {
      display: list-item;
      overflow-wrap: anywhere;
    }
    .path {
      display: block;
      font-family: ui-monospace, monospace;
      font-size: 12px;
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
  private readonly api = inject(TorrentsClient);

  protected readonly listedProblems = LISTED;
  protected readonly deleteData = signal(false);
  protected readonly force = signal(false);
  protected readonly listed = computed(() => this.data.torrents.slice(0, LISTED));
  protected readonly more = computed(() => Math.max(0, this.data.torrents.length - LISTED));
  protected readonly title = computed(() =>
    this.data.torrents.length === 1
      ? 'Remove this torrent?'
      : `Remove ${this.data.torrents.length} torrents?`,
  );

  /** Asked only once the data is to go; answered again when the box is ticked again. */
  protected readonly check = remoteState(this.deleteData, (deleteData) =>
    deleteData ? this.checkAll() : of([]),
  );
  private readonly refused = computed(() => (this.check.value() ?? []).filter((item) => !item.deletable));
  protected readonly unsafe = computed(() => this.refused().filter((item) => !item.forceable));
  protected readonly shared = computed(() => this.refused().filter((item) => item.forceable));
  protected readonly blocked = computed(() => this.refused().length > 0);
  protected readonly canDeleteData = computed(
    () =>
      this.check.state().state === 'ok' &&
      this.unsafe().length === 0 &&
      (this.shared().length === 0 || this.force()),
  );
  protected readonly choice = computed((): RemoveTorrentsChoice =>
    this.deleteData()
      ? { deleteData: true, force: this.shared().length > 0 && this.force() }
      : { deleteData: false },
  );

  protected sharedNames(item: TorrentDataCheckDto): string {
    return item.shared_with.map((other) => `"${other.name}"`).join(', ');
  }

  private checkAll(): Observable<TorrentDataCheckDto[]> {
    const calls: Observable<TorrentDataCheckDto[]>[] = [];
    for (const [id, hashes] of hashesByClient(this.data.torrents)) {
      for (let from = 0; from < hashes.length; from += MAX_HASHES_PER_CALL) {
        calls.push(
          this.api.checkData(id, hashes.slice(from, from + MAX_HASHES_PER_CALL)).pipe(map((r) => r.items)),
        );
      }
    }
    return forkJoin(calls).pipe(map((parts) => parts.flat()));
  }
}
