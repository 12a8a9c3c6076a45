import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import {
  type PlexActionResultDto,
  type PlexLibraryDto,
  type PlexRestartResultDto,
  type PlexRestartTargetDto,
  type PlexTerminateResultDto,
  type PlexScanResultDto,
  type PlexSessionsDto,
  type PlexSettingsDto,
  type PlexStatusDto,
  type UpdatePlexSettingsDto,
  getPlexRestartTarget,
  getPlexSettings,
  getPlexStatus,
  listPlexLibraries,
  optimizePlex,
  plexSessionEvents,
  restartPlex,
  scanPlexLibrary,
  terminatePlexSession,
  updatePlexSettings,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';
import { EventStreamService } from '../../core/api/event-stream.service';

/** Plex down, slow or not configured (502/504/503) is shown in its card, not in a snackbar. */
const SHOWN_IN_CARD = handledErrors([502, 503, 504]);

/** The `data` of a `failure` event: why this tick could not read the sessions. */
export interface PlexSessionsFailure {
  readonly statusCode: number;
  readonly message: string;
}

/** One tick of the live sessions stream: what is playing, or why Plex could not be read. */
export type PlexLiveEvent =
  | { readonly event: 'sessions'; readonly data: PlexSessionsDto }
  | { readonly event: 'failure'; readonly data: PlexSessionsFailure };

/** Thin wrapper over the generated Plex functions and the sessions event stream. */
@Injectable({ providedIn: 'root' })
export class PlexClient {
  private readonly api = inject(ApiCaller);
  private readonly streams = inject(EventStreamService);

  status(): Observable<PlexStatusDto> {
    return this.api.call(getPlexStatus, undefined, SHOWN_IN_CARD);
  }

  libraries(): Observable<PlexLibraryDto[]> {
    return this.api.call(listPlexLibraries, undefined, SHOWN_IN_CARD);
  }

  /**
   * The sessions every few seconds for as long as it is subscribed. Errors only with a 503 (Plex is
   * not configured: reconnecting cannot help); other drops are reconnected with backoff.
   */
  sessionEvents(): Observable<PlexLiveEvent> {
    return this.streams
      .events<PlexSessionsDto | PlexSessionsFailure, PlexLiveEvent['event']>(
        plexSessionEvents.PATH,
        ['sessions', 'failure'],
        { giveUpOn: [503] },
      )
      .pipe(map((message) => message as PlexLiveEvent));
  }

  scan(key: string): Observable<PlexScanResultDto> {
    return this.api.call(scanPlexLibrary, { key, body: {} });
  }

  optimize(): Observable<PlexActionResultDto> {
    return this.api.call(optimizePlex, undefined);
  }

  /** Stops a stream; `message` is shown on the player (the server's default when empty). */
  terminate(sessionId: string, message: string): Observable<PlexTerminateResultDto> {
    return this.api.call(terminatePlexSession, { sessionId, body: message ? { message } : {} });
  }

  /** Which container a restart would use, or why there is none; the card says so when it cannot. */
  restartTarget(): Observable<PlexRestartTargetDto> {
    return this.api.call(getPlexRestartTarget, undefined, handledErrors('all'));
  }

  /** A 501 (no container configured) carries the how-to sentence the card shows. */
  restart(): Observable<PlexRestartResultDto> {
    return this.api.call(restartPlex, undefined, handledErrors([501]));
  }

  settings(): Observable<PlexSettingsDto> {
    return this.api.call(getPlexSettings, undefined);
  }

  /** A rejected field is shown in the dialog, not in a snackbar. */
  updateSettings(body: UpdatePlexSettingsDto): Observable<PlexSettingsDto> {
    return this.api.call(updatePlexSettings, { body }, handledErrors([400]));
  }
}
