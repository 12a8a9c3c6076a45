import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { type Observable, filter, forkJoin, of, switchMap, tap } from 'rxjs';

import {
  type BandwidthDto,
  type BulkResultDto,
  type TorrentBulkAction,
  type TorrentClientKind,
  type TorrentDto,
} from '../../api';
import { Notifier } from '../../core/notify/notifier.service';
import {
  AddTorrentDialogComponent,
  type AddTorrentData,
  type AddTorrentResult,
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
import { ACTION_LOOKS, CLIENT_NAMES } from './torrent-labels';
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

  act(torrent: TorrentDto, action: TorrentAction): Observable<unknown> {
    return this.api
      .act(torrent.client, action, torrent.hash)
      .pipe(tap((result) => this.notifier.success(`${ACTION_LOOKS[action].done} ${result.name}.`)));
  }

  /** Asks (with the delete-data choice), then removes; emits once done, nothing when cancelled. */
  remove(torrents: readonly TorrentDto[]): Observable<unknown> {
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
            ? this.api.remove(torrents[0].client, torrents[0].hash, choice).pipe(
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
    torrents: readonly TorrentDto[],
    action: TorrentBulkAction,
    data: RemoveData = { deleteData: false },
  ): Observable<unknown> {
    const calls: Observable<BulkResultDto>[] = [];
    for (const kind of Object.keys(CLIENT_NAMES) as TorrentClientKind[]) {
      const hashes = torrents.filter((t) => t.client === kind).map((t) => t.hash);
      for (let from = 0; from < hashes.length; from += MAX_HASHES_PER_CALL) {
        calls.push(this.api.bulk(kind, action, hashes.slice(from, from + MAX_HASHES_PER_CALL), data));
      }
    }
    return (calls.length ? forkJoin(calls) : of([])).pipe(tap((results) => this.report(action, results)));
  }

  add(clients: readonly TorrentClientKind[]): Observable<AddTorrentResult> {
    return this.dialog
      .open<AddTorrentDialogComponent, AddTorrentData, AddTorrentResult>(AddTorrentDialogComponent, {
        data: { clients },
        width: '560px',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .pipe(
        filter((result): result is AddTorrentResult => result !== undefined),
        tap(({ client, added }) => this.notifier.success(`Added ${added.name} to ${CLIENT_NAMES[client]}.`)),
      );
  }

  limits(client: TorrentClientKind, bandwidth: BandwidthDto): Observable<BandwidthDto> {
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
        tap(() => this.notifier.success(`Saved the ${CLIENT_NAMES[client]} rate limits.`)),
      );
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
