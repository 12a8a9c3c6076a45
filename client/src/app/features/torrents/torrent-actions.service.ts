import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { type Observable, filter, forkJoin, of, switchMap, tap } from 'rxjs';

import { type BandwidthDto, type BulkResultDto, type TorrentBulkAction } from '../../api';
import { Notifier } from '../../core/notify/notifier.service';
import {
  AddTorrentDialogComponent,
  type AddTorrentData,
  type AddTorrentResult,
  type AddTorrentTarget,
} from './add-torrent-dialog.component';
import {
  BandwidthLimitsDialogComponent,
  type BandwidthLimitsData,
} from './bandwidth-limits-dialog.component';
import {
  type RemoveTorrentsChoice,
  type RemoveTorrentsData,
  RemoveTorrentsDialogComponent,
} from './remove-torrents-dialog.component';
import { ACTION_LOOKS } from './torrent-labels';
import { type TorrentRow, hashesByClient } from './torrent-query';
import {
  MAX_HASHES_PER_CALL,
  type RemoveData,
  type TorrentAction,
  TorrentsClient,
} from './torrents-client.service';

const plural = (count: number): string => `${count} torrent${count === 1 ? '' : 's'}`;

/**
 * What the Torrents page does to torrents: calls, confirmation dialogs and the snackbar that reports
 * the outcome. The list itself changes through the event streams, not through these answers. Failed
 * calls are reported by the error interceptor.
 */
@Injectable()
export class TorrentActions {
  private readonly api = inject(TorrentsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  act(torrent: TorrentRow, action: TorrentAction): Observable<unknown> {
    return this.api
      .act(torrent.client_id, action, torrent.hash)
      .pipe(tap((result) => this.notifier.success(`${ACTION_LOOKS[action].done} ${result.name}.`)));
  }

  /** Asks (with the delete-data choice), then removes; emits once done, nothing when cancelled. */
  remove(torrents: readonly TorrentRow[]): Observable<unknown> {
    return this.dialog
      .open<RemoveTorrentsDialogComponent, RemoveTorrentsData, RemoveTorrentsChoice>(
        RemoveTorrentsDialogComponent,
        {
          data: { torrents },
          width: '520px',
          maxWidth: 'calc(100vw - 32px)',
        },
      )
      .afterClosed()
      .pipe(
        filter((choice): choice is RemoveTorrentsChoice => choice !== undefined),
        switchMap((choice) =>
          torrents.length === 1
            ? this.api.remove(torrents[0].client_id, torrents[0].hash, choice).pipe(
                // "manual": the torrent is gone but its data could not be deleted; say where it is.
                tap((result) =>
                  result.data === 'manual'
                    ? this.notifier.error(result.message)
                    : this.notifier.success(result.message),
                ),
              )
            : this.bulk(torrents, 'remove', choice),
        ),
      );
  }

  /** One call per client (and per thousand hashes); the snackbar sums up every outcome. */
  bulk(
    torrents: readonly TorrentRow[],
    action: TorrentBulkAction,
    data: RemoveData = { deleteData: false },
  ): Observable<unknown> {
    const calls: Observable<BulkResultDto>[] = [];
    for (const [id, hashes] of hashesByClient(torrents)) {
      for (let from = 0; from < hashes.length; from += MAX_HASHES_PER_CALL) {
        calls.push(this.api.bulk(id, action, hashes.slice(from, from + MAX_HASHES_PER_CALL), data));
      }
    }
    return (calls.length ? forkJoin(calls) : of([])).pipe(tap((results) => this.report(action, results)));
  }

  /** The add dialog (by link, or by file: `file` is one dropped on the page). */
  add(clients: readonly AddTorrentTarget[], file?: File): Observable<AddTorrentResult> {
    return this.dialog
      .open<AddTorrentDialogComponent, AddTorrentData, AddTorrentResult>(AddTorrentDialogComponent, {
        data: { clients, file },
        width: '560px',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .pipe(
        filter((result): result is AddTorrentResult => result !== undefined),
        tap(({ client, added }) => this.notifier.success(`Added ${added.name} to ${client.name}.`)),
      );
  }

  limits(client: AddTorrentTarget, bandwidth: BandwidthDto): Observable<BandwidthDto> {
    return this.dialog
      .open<BandwidthLimitsDialogComponent, BandwidthLimitsData, BandwidthDto>(
        BandwidthLimitsDialogComponent,
        {
          data: { client, bandwidth },
          width: '400px',
          maxWidth: 'calc(100vw - 32px)',
        },
      )
      .afterClosed()
      .pipe(
        filter((result): result is BandwidthDto => result !== undefined),
        tap(() => this.notifier.success(`Saved the ${client.name} rate limits.`)),
      );
  }

  restart(id: string): Observable<unknown> {
    return this.api.restart(id);
  }

  private report(action: TorrentBulkAction, results: readonly BulkResultDto[]): void {
    const items = results.flatMap((result) => result.results);
    const failed = items.filter((item) => !item.ok);
    const manual = items.filter((item) => item.data === 'manual' && item.message).map((item) => item.message);
    const done = `${ACTION_LOOKS[action].done} ${plural(items.length - failed.length)}`;
    if (failed.length === 0 && manual.length === 0) {
      this.notifier.success(`${done}.`);
      return;
    }
    const problems = [...failed.map((item) => `${item.name ?? item.hash}: ${item.error}`), ...manual];
    this.notifier.error(`${done}; ${problems.join(' · ')}`);
  }
}
