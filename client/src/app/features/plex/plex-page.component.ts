import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { type Observable, catchError, filter, finalize, forkJoin, map, of, switchMap, tap } from 'rxjs';

import { type PlexLibraryDto, type PlexSessionDto, type PlexSessionsDto } from '../../api';
import { describeApiError } from '../../core/api/api-error';
import { Notifier } from '../../core/notify/notifier.service';
import { mediaQuery } from '../../core/util/media-query';
import { LOADING, type Remote, remoteError, remoteValue } from '../../core/util/remote';
import { remoteState } from '../../core/util/remote-state';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { linkedContainers } from '../applications/linked-containers';
import { type BandwidthSample, addSample } from './bandwidth-samples';
import { ConnectionDialogComponent, type ConnectionDialogData } from './connection-dialog.component';
import { PlexBandwidthCardComponent } from './plex-bandwidth-card.component';
import { PlexClient } from './plex-client.service';
import { PlexLibrariesComponent } from './plex-libraries.component';
import { type PlexAction, PlexServerCardComponent } from './plex-server-card.component';
import { PlexSessionsComponent } from './plex-sessions.component';
import { TautulliCardComponent, type TautulliOverview } from './tautulli-card.component';
import { type HistoryQuery, TautulliClient } from './tautulli-client.service';
import { type HistoryPageChange, TautulliHistoryComponent } from './tautulli-history.component';
import {
  type HistoryFilter,
  NO_FILTER,
  TautulliHistoryFiltersComponent,
} from './tautulli-history-filters.component';
import { StopStreamDialogComponent, type StopStreamDialogData } from './stop-stream-dialog.component';
import { TautulliTopStatsComponent } from './tautulli-top-stats.component';
import { TautulliPlaysCardComponent } from './tautulli-plays-card.component';
import { TautulliUsersComponent } from './tautulli-users.component';

const PLAYS_DAYS = 30;
/** The top cards: the same period as the plays chart, five rows each. */
const TOP_DAYS = 30;
const TOP_ROWS = 5;
/** A restarted service needs a moment before it answers again. */
const AFTER_RESTART_MS = 5000;
const DIALOG_SIZE = { width: '440px', maxWidth: 'calc(100vw - 24px)' };

@Component({
  selector: 'sp-plex-page',
  host: { class: 'sp-page' },
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    PlexServerCardComponent,
    TautulliCardComponent,
    PlexSessionsComponent,
    PlexBandwidthCardComponent,
    TautulliPlaysCardComponent,
    PlexLibrariesComponent,
    TautulliUsersComponent,
    TautulliHistoryComponent,
    TautulliHistoryFiltersComponent,
    TautulliTopStatsComponent,
  ],
  templateUrl: './plex-page.component.html',
  styleUrl: './plex-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlexPageComponent {
  private readonly plex = inject(PlexClient);
  private readonly tautulli = inject(TautulliClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly compact = mediaQuery('(max-width: 839.98px)');
  protected readonly next = (count: number): number => count + 1;

  // Each card loads on its own: Plex being down leaves Tautulli's cards working, and the reverse.
  private readonly liveReloads = signal(0);

  protected readonly status = remoteState(() => this.plex.status());
  protected readonly libraries = remoteState(() => this.plex.libraries());
  protected readonly tautulliOverview = remoteState(() => this.tautulliStatus());
  protected readonly plays = remoteState(() => this.tautulli.plays(PLAYS_DAYS));
  protected readonly users = remoteState(() => this.tautulli.users());

  protected readonly topStats = remoteState(() => this.tautulli.stats(TOP_DAYS, TOP_ROWS));
  protected readonly topDays = TOP_DAYS;
  /** For the history's library filter. */
  protected readonly tautulliLibraries = remoteState(() => this.tautulli.libraries());

  protected readonly historyPage = signal({ page: 1, pageSize: 10 });
  protected readonly historyFilter = signal<HistoryFilter>(NO_FILTER);
  protected readonly historyFiltered = computed(() => this.historyFilter() !== NO_FILTER);
  private readonly historyQuery = computed((): HistoryQuery => {
    const { page, pageSize } = this.historyPage();
    const f = this.historyFilter();
    return {
      page,
      page_size: pageSize,
      user_id: f.userId ?? undefined,
      section_id: f.sectionId ?? undefined,
      media_type: f.mediaType ?? undefined,
      from: f.from || undefined,
      to: f.to || undefined,
    };
  });
  protected readonly history = remoteState(this.historyQuery, (query) => this.tautulli.history(query), {
    whileReloading: 'shown',
  });

  /** Whether Plex can be restarted from here: the card disables Restart with the reason when not. */
  protected readonly restartTarget = remoteState(() => this.plex.restartTarget());
  protected readonly restartBlocked = computed(() => this.restartTarget.value()?.reason ?? null);
  protected readonly stopping = signal<ReadonlySet<string>>(new Set());

  protected readonly live = signal<Remote<PlexSessionsDto>>(LOADING);
  protected readonly samples = signal<readonly BandwidthSample[]>([]);
  protected readonly liveError = computed(() => remoteError(this.live()));

  private readonly linked = linkedContainers();
  protected readonly plexContainer = this.linked.of('plex');
  protected readonly tautulliContainer = this.linked.of('tautulli');

  protected readonly plexBusy = signal<PlexAction | null>(null);
  protected readonly restartNotice = signal<string | null>(null);
  protected readonly tautulliBusy = signal(false);
  protected readonly scanning = signal<ReadonlySet<string>>(new Set());

  constructor() {
    // The sessions stream pushes a tick every few seconds; each one is also a bandwidth sample.
    toObservable(this.liveReloads)
      .pipe(
        switchMap(() =>
          this.plex.sessionEvents().pipe(
            map((message): Remote<PlexSessionsDto> => {
              if (message.event === 'failure') {
                return { state: 'error', message: message.data.message };
              }
              this.samples.update((samples) => addSample(samples, message.data));
              return { state: 'ok', value: message.data };
            }),
            catchError((error: unknown) =>
              of<Remote<PlexSessionsDto>>({ state: 'error', message: describeApiError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((live) => this.live.set(live));
  }

  protected refreshAll(): void {
    for (const card of [
      this.status,
      this.libraries,
      this.tautulliOverview,
      this.plays,
      this.users,
      this.history,
      this.topStats,
      this.tautulliLibraries,
      this.restartTarget,
    ]) {
      card.reload();
    }
    this.linked.reload();
    this.restartNotice.set(null);
    this.reconnectIfDown();
  }

  /** A running stream refreshes itself; only one that gave up (Plex not configured) is reopened. */
  protected reconnectIfDown(): void {
    if (this.live().state === 'error') {
      this.reopenLive();
    }
  }

  protected onHistoryPage(change: HistoryPageChange): void {
    this.historyPage.set(change);
  }

  /** New filters start again at the first page. */
  protected onHistoryFilter(filter: HistoryFilter): void {
    this.historyFilter.set(filter);
    this.historyPage.update((p) => ({ ...p, page: 1 }));
  }

  /** Asks for the message, stops the stream, and drops it from the list until the next tick. */
  protected stopStream(session: PlexSessionDto): void {
    this.dialog
      .open<StopStreamDialogComponent, StopStreamDialogData, string>(StopStreamDialogComponent, {
        data: { title: session.title, user: session.user, player: session.player },
        ...DIALOG_SIZE,
      })
      .afterClosed()
      .pipe(
        filter((message): message is string => message !== undefined),
        tap(() => this.stopping.update((ids) => new Set(ids).add(session.session_id))),
        switchMap((message) =>
          this.plex.terminate(session.session_id, message).pipe(
            finalize(() =>
              this.stopping.update((ids) => {
                const rest = new Set(ids);
                rest.delete(session.session_id);
                return rest;
              }),
            ),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      // The error interceptor reports a failure.
      .subscribe({
        next: (result) => {
          this.notifier.success(result.message);
          this.live.update((live) => withoutSession(live, session.session_id));
        },
        error: () => undefined,
      });
  }

  protected scan(library: PlexLibraryDto): void {
    this.scanning.update((keys) => new Set(keys).add(library.key));
    this.plex
      .scan(library.key)
      .pipe(
        finalize(() =>
          this.scanning.update((keys) => {
            const rest = new Set(keys);
            rest.delete(library.key);
            return rest;
          }),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      // The error interceptor reports a failure.
      .subscribe({
        next: (result) => {
          this.notifier.success(result.message);
          this.libraries.reload();
        },
        error: () => undefined,
      });
  }

  protected optimize(): void {
    this.plexBusy.set('optimize');
    this.plex
      .optimize()
      .pipe(
        finalize(() => this.plexBusy.set(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ next: (result) => this.notifier.success(result.message), error: () => undefined });
  }

  protected restartPlex(): void {
    // The live stream already counts who is watching: the question names the streams that stop.
    const streams = remoteValue(this.live())?.count;
    this.confirm({
      title: 'Restart Plex?',
      message:
        streams === undefined
          ? 'Everyone watching loses their stream while Plex Media Server restarts, usually for a few seconds.'
          : `${streams === 0 ? 'Nothing is playing now.' : `${streams} Plex stream${streams === 1 ? '' : 's'} will stop.`} ` +
            'Plex Media Server restarts, usually for a few seconds.',
      confirm: 'Restart',
      destructive: true,
    })
      .pipe(
        tap(() => {
          this.plexBusy.set('restart');
          this.restartNotice.set(null);
        }),
        switchMap(() => this.plex.restart().pipe(finalize(() => this.plexBusy.set(null)))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => {
          this.notifier.success(result.message);
          setTimeout(() => this.status.reload(), AFTER_RESTART_MS);
        },
        // 501: no container is configured; the card explains how to enable restarts. The error
        // interceptor reports any other failure.
        error: (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 501) {
            this.restartNotice.set(describeApiError(error));
          }
        },
      });
  }

  protected restartTautulli(): void {
    this.confirm({
      title: 'Restart Tautulli?',
      message:
        'Tautulli stops recording plays while it restarts, usually for a few seconds. Plex is not affected.',
      confirm: 'Restart',
      destructive: true,
    })
      .pipe(
        tap(() => this.tautulliBusy.set(true)),
        switchMap(() => this.tautulli.restart().pipe(finalize(() => this.tautulliBusy.set(false)))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => {
          this.notifier.success(result.message);
          setTimeout(() => this.tautulliOverview.reload(), AFTER_RESTART_MS);
        },
        error: () => undefined,
      });
  }

  protected configure(service: ConnectionDialogData['service']): void {
    this.dialog
      .open<ConnectionDialogComponent, ConnectionDialogData, boolean>(ConnectionDialogComponent, {
        data: { service },
        ...DIALOG_SIZE,
      })
      .afterClosed()
      .pipe(
        filter((saved) => saved === true),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => {
        this.notifier.success(`${service === 'plex' ? 'Plex' : 'Tautulli'} connection saved.`);
        if (service === 'plex') {
          // A new URL or token: reopen the stream so it reads the new server.
          this.samples.set([]);
          this.reopenLive();
        }
        this.refreshAll();
      });
  }

  private reopenLive(): void {
    this.live.set(LOADING);
    this.liveReloads.update(this.next);
  }

  /** Emits once when confirmed; completes without a value when cancelled. */
  private confirm(data: ConfirmDialogData): Observable<true> {
    return this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
        data,
        ...DIALOG_SIZE,
      })
      .afterClosed()
      .pipe(filter((confirmed): confirmed is true => confirmed === true));
  }

  /** Tautulli's status, with the Plex it watches when that can be read too. */
  private tautulliStatus(): Observable<TautulliOverview> {
    return forkJoin({
      status: this.tautulli.status(),
      server: this.tautulli.serverInfo().pipe(catchError(() => of(null))),
    });
  }
}

/** The live value without one session (it stopped); the next tick of the stream confirms it. */
function withoutSession(live: Remote<PlexSessionsDto>, sessionId: string): Remote<PlexSessionsDto> {
  const value = remoteValue(live);
  if (!value) return live;
  const sessions = value.sessions.filter((s) => s.session_id !== sessionId);
  return { state: 'ok', value: { ...value, sessions, count: sessions.length } };
}
