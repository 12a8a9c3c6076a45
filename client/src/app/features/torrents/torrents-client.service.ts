import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type AddTorrentUrlDto,
  type AddedTorrentDto,
  type BandwidthDto,
  type BulkResultDto,
  type MergedTorrentPageDto,
  type RestartedDto,
  type SetBandwidthDto,
  type TorrentActionResultDto,
  type TorrentBulkAction,
  type TorrentClientStatusDto,
  type TorrentClientSummaryDto,
  type TorrentDataCheckResultDto,
  type TorrentDetailDto,
  type TorrentLabelResultDto,
  type TorrentRemoveResultDto,
  type TorrentStatsDto,
  addTorrentClientUrl,
  bulkTorrentClientAction,
  checkTorrentClientData,
  getTorrentClientBandwidth,
  getTorrentClientStats,
  getTorrentClientStatus,
  getTorrentClientTorrentDetail,
  listTorrentClients,
  listTorrents,
  pauseTorrentClientTorrent,
  removeTorrentClientTorrent,
  restartTorrentClient,
  resumeTorrentClientTorrent,
  setTorrentClientBandwidth,
  setTorrentClientTorrentLabel,
  startTorrentClientTorrent,
  stopTorrentClientTorrent,
  torrentEvents,
  uploadTorrentClientTorrent,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

/** Whether a removal deletes the data too, and deletes data other torrents share (`force`). */
export interface RemoveData {
  readonly deleteData: boolean;
  readonly force?: boolean;
}

/** A per-torrent action other than remove. */
export type TorrentAction = Exclude<TorrentBulkAction, 'remove'>;

const ACTIONS = {
  start: startTorrentClientTorrent,
  stop: stopTorrentClientTorrent,
  pause: pauseTorrentClientTorrent,
  resume: resumeTorrentClientTorrent,
} as const;

/** The most hashes one bulk or data-check call takes. */
export const MAX_HASHES_PER_CALL = 1000;

/** The largest page the list route serves. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Thin wrapper over the generated torrent functions, by client instance id. Reads used for the page's
 * cards and list handle their own errors (a client that is down is shown in its card).
 */
@Injectable({ providedIn: 'root' })
export class TorrentsClient {
  private readonly api = inject(ApiCaller);

  /** Every configured instance (the page shows the active ones). */
  clients(): Observable<TorrentClientSummaryDto[]> {
    return this.api.call(listTorrentClients, undefined, handledErrors('all'));
  }

  status(id: string): Observable<TorrentClientStatusDto> {
    return this.api.call(getTorrentClientStatus, { id }, handledErrors('all'));
  }

  stats(id: string): Observable<TorrentStatsDto> {
    return this.api.call(getTorrentClientStats, { id }, handledErrors('all'));
  }

  bandwidth(id: string): Observable<BandwidthDto> {
    return this.api.call(getTorrentClientBandwidth, { id }, handledErrors('all'));
  }

  setBandwidth(id: string, body: SetBandwidthDto): Observable<BandwidthDto> {
    return this.api.call(setTorrentClientBandwidth, { id, body }, handledErrors('all'));
  }

  /**
   * One page of one client's rows of the merged list, in a stable order (sorting and filtering happen
   * in the browser). A client that is down still answers its last rows, marked stale.
   */
  page(id: string, page: number): Observable<MergedTorrentPageDto> {
    return this.api.call(
      listTorrents,
      { client: id, page, page_size: MAX_PAGE_SIZE, sort: 'name', order: 'asc' },
      handledErrors('all'),
    );
  }

  act(id: string, action: TorrentAction, hash: string): Observable<TorrentActionResultDto> {
    return this.api.call(ACTIONS[action], { id, hash });
  }

  remove(id: string, hash: string, data: RemoveData): Observable<TorrentRemoveResultDto> {
    return this.api.call(removeTorrentClientTorrent, { id, hash, body: data });
  }

  bulk(
    id: string,
    action: TorrentBulkAction,
    hashes: string[],
    data: RemoveData = { deleteData: false },
  ): Observable<BulkResultDto> {
    return this.api.call(bulkTorrentClientAction, {
      id,
      action,
      body: action === 'remove' ? { hashes, ...data } : { hashes },
    });
  }

  /** What removing with data would do to each torrent; the dialog shows its own error. */
  checkData(id: string, hashes: string[]): Observable<TorrentDataCheckResultDto> {
    return this.api.call(checkTorrentClientData, { id, body: { hashes } }, handledErrors('all'));
  }

  addUrl(id: string, body: AddTorrentUrlDto): Observable<AddedTorrentDto> {
    return this.api.call(addTorrentClientUrl, { id, body }, handledErrors('all'));
  }

  /** Uploads a .torrent file; the dialog shows its own error. */
  upload(id: string, torrent: Blob, label: string, start: boolean): Observable<AddedTorrentDto> {
    const body = label ? { torrent, label, start } : { torrent, start };
    return this.api.call(uploadTorrentClientTorrent, { id, body }, handledErrors('all'));
  }

  /** Files, peers and trackers of one torrent; the drawer shows its own error. */
  detail(id: string, hash: string): Observable<TorrentDetailDto> {
    return this.api.call(getTorrentClientTorrentDetail, { id, hash }, handledErrors('all'));
  }

  setLabel(id: string, hash: string, label: string): Observable<TorrentLabelResultDto> {
    return this.api.call(setTorrentClientTorrentLabel, { id, hash, body: { label } });
  }

  restart(id: string): Observable<RestartedDto> {
    return this.api.call(restartTorrentClient, { id });
  }

  /** The path of the merged server-sent event stream (read by EventStreamService, not HttpClient). */
  eventsPath(): string {
    return torrentEvents.PATH;
  }
}
