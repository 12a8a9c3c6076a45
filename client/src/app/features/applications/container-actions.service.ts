import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { type Observable, catchError, filter, map, of, switchMap, timeout } from 'rxjs';

import { listPlexSessions } from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { handledErrors } from '../../core/api/api-context';
import { Notifier } from '../../core/notify/notifier.service';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { TorrentsClient } from '../torrents/torrents-client.service';
import { type ActionTarget, type ServiceActivity, actionQuestion } from './container-impact';
import { type ContainerAction, SERVICE_NAMES } from './container-labels';
import { ContainersClient } from './containers-client.service';

const DIALOG_SIZE = { width: '460px', maxWidth: 'calc(100vw - 24px)' };
/** How long the question waits for a service to say what it is doing before asking without it. */
const ACTIVITY_WAIT_MS = 4000;

/**
 * Start, stop and restart a container after a question that names what stops (the Plex streams, the
 * active torrents, or the container), with the outcome in a snackbar. Used by the Applications page
 * and by the services' Restart buttons; `run` replaces the container call for a service whose own
 * route restarts it (Plex and rTorrent, whose routes restart their configured container).
 */
@Injectable({ providedIn: 'root' })
export class ContainerActions {
  private readonly api = inject(ApiCaller);
  private readonly containers = inject(ContainersClient);
  private readonly torrents = inject(TorrentsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  /**
   * Emits once after the action succeeded (a failure is reported by the error interceptor and errors);
   * completes without a value when the question is cancelled. `started` runs once it is confirmed.
   */
  confirmAndRun(
    target: ActionTarget,
    action: ContainerAction,
    options: { readonly run?: () => Observable<unknown>; readonly started?: () => void } = {},
  ): Observable<unknown> {
    return this.activity(target, action).pipe(
      map((activity) => actionQuestion(action, target, activity)),
      switchMap((question) =>
        this.dialog
          .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
            data: question,
            ...DIALOG_SIZE,
          })
          .afterClosed(),
      ),
      filter((confirmed) => confirmed === true),
      switchMap(() => {
        options.started?.();
        return options.run ? options.run() : this.containers.act(target.name, action);
      }),
      map((result) => {
        const done = action === 'start' ? 'Started' : action === 'stop' ? 'Stopped' : 'Restarted';
        this.notifier.success(
          `${done} ${target.name || (target.service ? SERVICE_NAMES[target.service] : 'the container')}.`,
        );
        return result;
      }),
    );
  }

  /** What the linked service is doing; a service that does not answer soon is asked without. */
  private activity(target: ActionTarget, action: ContainerAction): Observable<ServiceActivity> {
    if (action === 'start' || target.service === null) return of({ kind: 'none' } as const);
    let figure: Observable<ServiceActivity>;
    switch (target.service) {
      case 'plex':
        figure = this.api
          .call(listPlexSessions, undefined, handledErrors('all'))
          .pipe(map((sessions) => ({ kind: 'streams', count: sessions.count }) as const));
        break;
      case 'utorrent':
      case 'rutorrent':
        figure = this.torrents
          .stats(target.service)
          .pipe(map((stats) => ({ kind: 'torrents', count: stats.active }) as const));
        break;
      default:
        return of({ kind: 'none' } as const);
    }
    return figure.pipe(
      timeout(ACTIVITY_WAIT_MS),
      catchError(() => of({ kind: 'unknown' } as const)),
    );
  }
}
