import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import { type SyncProgressDto, syncEvents } from '../../api';
import { EventStreamService } from './event-stream.service';

/**
 * Live sync progress from `GET /api/sync/events` (`event: progress` with a SyncProgressDto; the `ping`
 * every 15 s is skipped).
 *
 * Not a generated call: the generated `syncEvents` runs on HttpClient, which hands over a body only when
 * the response ends, and an event stream never ends; `EventSource` cannot send the bearer token. The
 * stream is therefore read by EventStreamService (fetch + a reader, the session's token, one refresh on
 * 401); only the path comes from the generated function.
 */
@Injectable({ providedIn: 'root' })
export class SyncEventsService {
  private readonly streams = inject(EventStreamService);

  /** Progress for as long as it is subscribed; a dropped stream is reopened with backoff. */
  progress(): Observable<SyncProgressDto> {
    return this.streams
      .events<SyncProgressDto, 'progress'>(syncEvents.PATH, ['progress'])
      .pipe(map((event) => event.data));
  }
}
