import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type ListTautulliHistory$Params,
  type TautulliHistoryPageDto,
  type TautulliLibraryDto,
  type TautulliPlaysDto,
  type TautulliRestartDto,
  type TautulliServerInfoDto,
  type TautulliSettingsDto,
  type TautulliStatsDto,
  type TautulliStatusDto,
  type TautulliUserDto,
  type UpdateTautulliSettingsDto,
  getTautulliPlays,
  getTautulliServerInfo,
  getTautulliSettings,
  getTautulliStats,
  getTautulliStatus,
  listTautulliHistory,
  listTautulliLibraries,
  listTautulliUsers,
  restartTautulli,
  updateTautulliSettings,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

/** Tautulli down, slow or not configured (502/504/503) is shown in its card, not in a snackbar. */
const SHOWN_IN_CARD = handledErrors([502, 503, 504]);

/** A page of history and its filters, as the route takes them. */
export type HistoryQuery = ListTautulliHistory$Params;

/** Thin wrapper over the generated Tautulli functions. */
@Injectable({ providedIn: 'root' })
export class TautulliClient {
  private readonly api = inject(ApiCaller);

  status(): Observable<TautulliStatusDto> {
    return this.api.call(getTautulliStatus, undefined, SHOWN_IN_CARD);
  }

  /** The Plex server Tautulli watches; optional on the card, so no failure is reported. */
  serverInfo(): Observable<TautulliServerInfoDto> {
    return this.api.call(getTautulliServerInfo, undefined, handledErrors('all'));
  }

  users(): Observable<TautulliUserDto[]> {
    return this.api.call(listTautulliUsers, undefined, SHOWN_IN_CARD);
  }

  /** A refused filter (400, naming the field) is shown in the card too. */
  history(query: HistoryQuery): Observable<TautulliHistoryPageDto> {
    return this.api.call(listTautulliHistory, query, handledErrors([400, 502, 503, 504]));
  }

  /** For the history's library filter; optional, so no failure is reported. */
  libraries(): Observable<TautulliLibraryDto[]> {
    return this.api.call(listTautulliLibraries, undefined, handledErrors('all'));
  }

  stats(days: number, count: number): Observable<TautulliStatsDto> {
    return this.api.call(getTautulliStats, { days, count }, SHOWN_IN_CARD);
  }

  plays(days: number): Observable<TautulliPlaysDto> {
    return this.api.call(getTautulliPlays, { days }, SHOWN_IN_CARD);
  }

  restart(): Observable<TautulliRestartDto> {
    return this.api.call(restartTautulli, undefined);
  }

  settings(): Observable<TautulliSettingsDto> {
    return this.api.call(getTautulliSettings, undefined);
  }

  /** A rejected field is shown in the dialog, not in a snackbar. */
  updateSettings(body: UpdateTautulliSettingsDto): Observable<TautulliSettingsDto> {
    return this.api.call(updateTautulliSettings, { body }, handledErrors([400]));
  }
}
