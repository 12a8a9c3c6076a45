import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import {
  type ContainerActionResultDto,
  type ContainerFilterDto,
  type ContainerListDto,
  type ContainerLogBatchDto,
  type ContainerLogLineDto,
  type ContainerLogsDto,
  containerLogEvents,
  downloadContainerLogs,
  getContainerLogs,
  listContainers,
  restartContainer,
  startContainer,
  stopContainer,
  updateContainerFilter,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';
import { EventStreamService } from '../../core/api/event-stream.service';
import { type ContainerAction } from './container-labels';

/** Docker unreachable, refused or hanging (502/503/504) is shown on the page, not in a snackbar. */
const SHOWN_ON_PAGE = handledErrors([502, 503, 504]);

/** The `data` of a `failure` event: why Docker stopped sending the log. */
interface LogFailure {
  readonly statusCode: number;
  readonly message: string;
}

const ACTIONS = { start: startContainer, stop: stopContainer, restart: restartContainer } as const;

/** Thin wrapper over the generated container functions and the log-follow event stream. */
@Injectable({ providedIn: 'root' })
export class ContainersClient {
  private readonly api = inject(ApiCaller);
  private readonly streams = inject(EventStreamService);

  list(): Observable<ContainerListDto> {
    return this.api.call(listContainers, undefined, SHOWN_ON_PAGE);
  }

  /** The list for a service's card, which only links to it: a failure there stays quiet. */
  listQuietly(): Observable<ContainerListDto> {
    return this.api.call(listContainers, undefined, handledErrors('all'));
  }

  act(name: string, action: ContainerAction): Observable<ContainerActionResultDto> {
    return this.api.call(ACTIONS[action], { name });
  }

  logs(name: string, tail: number): Observable<ContainerLogsDto> {
    return this.api.call(getContainerLogs, { name, tail }, handledErrors('all'));
  }

  downloadLogs(name: string, tail: number): Observable<string> {
    return this.api.call(downloadContainerLogs, { name, tail });
  }

  updateFilter(body: ContainerFilterDto): Observable<ContainerFilterDto> {
    return this.api.call(updateContainerFilter, { body }, handledErrors([400]));
  }

  /**
   * New log lines of a container for as long as it is subscribed, one batch per chunk Docker sends.
   * A `failure` event (Docker failed mid-stream) errors with its sentence; a dropped stream is
   * reconnected with backoff, and a refusal a retry cannot fix (404, 502, 503) errors.
   */
  follow(name: string): Observable<readonly ContainerLogLineDto[]> {
    const path = `${containerLogEvents.PATH.replace('{name}', encodeURIComponent(name))}?tail=0`;
    return this.streams
      .events<ContainerLogBatchDto | LogFailure, 'lines' | 'failure'>(path, ['lines', 'failure'], {
        giveUpOn: [400, 404, 502, 503],
      })
      .pipe(
        map((event) => {
          if (event.event === 'failure') throw new Error((event.data as LogFailure).message);
          return (event.data as ContainerLogBatchDto).lines;
        }),
      );
  }
}
