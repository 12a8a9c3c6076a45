import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import {
  type ContainerDto,
  type MergedTorrentStatsDto,
  type PlexSessionsDto,
  getTorrentStats,
  listContainers,
  listPlexSessions,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';

/** An upstream that is down or not set up: the card says so, no snackbar. */
const UPSTREAM_ERRORS = handledErrors([502, 503, 504]);

/** The Dashboard's reads of other pages' sources (Plex sessions, torrents, containers, requests). */
@Injectable({ providedIn: 'root' })
export class DashboardClient {
  private readonly api = inject(ApiCaller);

  nowPlaying(): Observable<PlexSessionsDto> {
    return this.api.call(listPlexSessions, undefined, UPSTREAM_ERRORS);
  }

  torrents(): Observable<MergedTorrentStatsDto> {
    return this.api.call(getTorrentStats, undefined);
  }

  /** The shown containers that are not running (exited, paused, restarting, dead, created). */
  containersDown(): Observable<{ total: number; down: ContainerDto[] }> {
    return this.api.call(listContainers, undefined, UPSTREAM_ERRORS).pipe(
      map((list) => ({
        total: list.containers.length,
        down: list.containers.filter((c) => c.state !== 'running'),
      })),
    );
  }
}
