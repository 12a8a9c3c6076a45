import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type AddTorrentUrlDto,
  type AddedTorrentDto,
  type BandwidthDto,
  type BulkResultDto,
  type SetBandwidthDto,
  type TorrentActionResultDto,
  type TorrentBulkAction,
  type TorrentClientKind,
  type TorrentClientStatusDto,
  type TorrentDataCheckResultDto,
  type TorrentPageDto,
  type TorrentRemoveResultDto,
  type TorrentStatsDto,
  addRutorrentUrl,
  addUtorrentUrl,
  bulkRutorrentAction,
  bulkUtorrentAction,
  checkRutorrentData,
  checkUtorrentData,
  getRutorrentBandwidth,
  getRutorrentStats,
  getRutorrentStatus,
  getUtorrentBandwidth,
  getUtorrentStats,
  getUtorrentStatus,
  listRutorrentTorrents,
  listUtorrentTorrents,
  pauseRutorrentTorrent,
  pauseUtorrentTorrent,
  removeRutorrentTorrent,
  removeUtorrentTorrent,
  resumeRutorrentTorrent,
  resumeUtorrentTorrent,
  rutorrentEvents,
  setRutorrentBandwidth,
  setUtorrentBandwidth,
  startRutorrentTorrent,
  startUtorrentTorrent,
  stopRutorrentTorrent,
  stopUtorrentTorrent,
  utorrentEvents,
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

/** The generated functions of one client; both share one set of routes under their own prefix. */
const ROUTES = {
  utorrent: {
    status: getUtorrentStatus,
    stats: getUtorrentStats,
    bandwidth: getUtorrentBandwidth,
    setBandwidth: setUtorrentBandwidth,
    list: listUtorrentTorrents,
    start: startUtorrentTorrent,
    stop: stopUtorrentTorrent,
    pause: pauseUtorrentTorrent,
    resume: resumeUtorrentTorrent,
    remove: removeUtorrentTorrent,
    checkData: checkUtorrentData,
    bulk: bulkUtorrentAction,
    addUrl: addUtorrentUrl,
    events: utorrentEvents,
  },
  rutorrent: {
    status: getRutorrentStatus,
    stats: getRutorrentStats,
    bandwidth: getRutorrentBandwidth,
    setBandwidth: setRutorrentBandwidth,
    list: listRutorrentTorrents,
    start: startRutorrentTorrent,
    stop: stopRutorrentTorrent,
    pause: pauseRutorrentTorrent,
    resume: resumeRutorrentTorrent,
    remove: removeRutorrentTorrent,
    checkData: checkRutorrentData,
    bulk: bulkRutorrentAction,
    addUrl: addRutorrentUrl,
    events: rutorrentEvents,
  },
} as const;

/** The most hashes one bulk or data-check call takes. */
export const MAX_HASHES_PER_CALL = 1000;

/** The largest page the list route serves. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Thin wrapper over the generated uTorrent and rTorrent functions, by client kind. Reads used for the
 * page's cards and list handle their own errors (a client that is down is shown in its card).
 */
@Injectable({ providedIn: 'root' })
export class TorrentsClient {
  private readonly api = inject(ApiCaller);

  status(kind: TorrentClientKind): Observable<TorrentClientStatusDto> {
    return this.api.call(ROUTES[kind].status, undefined, handledErrors('all'));
  }

  stats(kind: TorrentClientKind): Observable<TorrentStatsDto> {
    return this.api.call(ROUTES[kind].stats, undefined, handledErrors('all'));
  }

  bandwidth(kind: TorrentClientKind): Observable<BandwidthDto> {
    return this.api.call(ROUTES[kind].bandwidth, undefined, handledErrors('all'));
  }

  setBandwidth(kind: TorrentClientKind, body: SetBandwidthDto): Observable<BandwidthDto> {
    return this.api.call(ROUTES[kind].setBandwidth, { body }, handledErrors('all'));
  }

  /** One page of the whole list in a stable order (sorting and filtering happen in the browser). */
  page(kind: TorrentClientKind, page: number): Observable<TorrentPageDto> {
    return this.api.call(
      ROUTES[kind].list,
      { page, page_size: MAX_PAGE_SIZE, sort: 'name', order: 'asc' },
      handledErrors('all'),
    );
  }

  act(kind: TorrentClientKind, action: TorrentAction, hash: string): Observable<TorrentActionResultDto> {
    return this.api.call(ROUTES[kind][action], { hash });
  }

  remove(kind: TorrentClientKind, hash: string, data: RemoveData): Observable<TorrentRemoveResultDto> {
    return this.api.call(ROUTES[kind].remove, { hash, body: data });
  }

  bulk(
    kind: TorrentClientKind,
    action: TorrentBulkAction,
    hashes: string[],
    data: RemoveData = { deleteData: false },
  ): Observable<BulkResultDto> {
    return this.api.call(ROUTES[kind].bulk, {
      action,
      body: action === 'remove' ? { hashes, ...data } : { hashes },
    });
  }

  /** What removing with data would do to each torrent; the dialog shows its own error. */
  checkData(kind: TorrentClientKind, hashes: string[]): Observable<TorrentDataCheckResultDto> {
    return this.api.call(ROUTES[kind].checkData, { body: { hashes } }, handledErrors('all'));
  }

  addUrl(kind: TorrentClientKind, body: AddTorrentUrlDto): Observable<AddedTorrentDto> {
    return this.api.call(ROUTES[kind].addUrl, { body }, handledErrors('all'));
  }

  /** The path of the client's server-sent event stream (read by EventStreamService, not HttpClient). */
  eventsPath(kind: TorrentClientKind): string {
    return ROUTES[kind].events.PATH;
  }
}
