import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';

import { BytesPipe } from '../../common/format/format.pipes';
import { finalize } from 'rxjs';

import { type TorrentTrackerStatus } from '../../api';
import { StateMessageComponent } from '../../common/state-message.component';
import { type ChipLook, StatusChipComponent } from '../../common/status-chip.component';
import { Notifier } from '../../core/notify/notifier.service';
import { remoteState } from '../../core/util/remote-state';
import { STATE_LOOKS } from './torrent-labels';
import { type TorrentRow } from './torrent-query';
import { TorrentsClient } from './torrents-client.service';

const TRACKER_LOOKS: Readonly<Record<TorrentTrackerStatus, ChipLook>> = {
  working: { label: 'Working', tone: 'success', icon: 'check_circle' },
  updating: { label: 'Updating', tone: 'info', icon: 'sync' },
  'not-contacted': { label: 'Not contacted', tone: 'neutral', icon: 'schedule' },
  error: { label: 'Error', tone: 'error', icon: 'error' },
  disabled: { label: 'Disabled', tone: 'neutral', icon: 'block' },
};

/**
 * One torrent in the drawer: where its data is, its error, its label (editable), and its files with
 * priorities, peers and trackers with their messages, read from its client when opened.
 */
@Component({
  selector: 'sp-torrent-detail',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTabsModule,
    BytesPipe,
    StateMessageComponent,
    StatusChipComponent,
  ],
  host: { 'data-testid': 'torrent-detail', '[attr.data-hash]': 'torrent().hash' },
  templateUrl: './torrent-detail.component.html',
  styleUrl: './torrent-detail.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentDetailComponent {
  private readonly api = inject(TorrentsClient);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);

  readonly torrent = input.required<TorrentRow>();
  readonly closed = output<void>();

  private readonly target = computed(() => ({ id: this.torrent().client_id, hash: this.torrent().hash }));
  protected readonly detail = remoteState(this.target, ({ id, hash }) => this.api.detail(id, hash));
  protected readonly look = computed(() => STATE_LOOKS[this.torrent().state]);
  protected readonly trackerLooks = TRACKER_LOOKS;
  protected readonly label = signal('');
  protected readonly savingLabel = signal(false);
  protected readonly labelChanged = computed(() => this.label().trim() !== this.torrent().label);

  constructor() {
    // A new torrent (or its label changed by the stream) resets the field.
    effect(() => this.label.set(this.torrent().label));
  }

  protected percent(progress: number): string {
    return progress >= 1 ? '100' : (Math.floor(progress * 1000) / 10).toFixed(1);
  }

  protected saveLabel(): void {
    const { id, hash } = this.target();
    const label = this.label().trim();
    this.savingLabel.set(true);
    this.api
      .setLabel(id, hash, label)
      .pipe(
        finalize(() => this.savingLabel.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) =>
          this.notifier.success(
            label ? `Labelled ${result.name} "${label}".` : `Removed the label of ${result.name}.`,
          ),
        error: () => undefined,
      });
  }
}
