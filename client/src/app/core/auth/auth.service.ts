import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  type Observable,
  catchError,
  defer,
  finalize,
  firstValueFrom,
  map,
  of,
  shareReplay,
  switchMap,
  tap,
  throwError,
  timeout,
} from 'rxjs';

import { AuthClient } from './auth-client.service';
import { SessionStore } from './session.store';
import { SharedRefresh } from './shared-refresh.service';

/** What the login page says after a session ended without the user signing out here. */
export const SESSION_ENDED_NOTICE = 'Your session ended. Sign in again to continue.';

/** A refresh holds the tab-wide lock, so a hung one must not hold every tab up for long. */
const REFRESH_TIMEOUT_MS = 15_000;

/** Session flows: log in, restore on start-up, refresh (shared between callers and tabs), log out. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly client = inject(AuthClient);
  private readonly session = inject(SessionStore);
  private readonly shared = inject(SharedRefresh);
  private readonly router = inject(Router);
  private refreshing: Observable<string> | null = null;
  /** From a log-out in this tab until its own navigation to /login is over. */
  private signingOut = false;
  /** Set by a log-out in this tab; cleared by signing in again. */
  private signedOutHere = false;
  private readonly endedNotice = signal<string | null>(null);

  /** The login page's notice: set when the session ended without a log-out here, else null. */
  readonly notice = this.endedNotice.asReadonly();

  login(username: string, password: string): Observable<void> {
    return this.client.login(username, password).pipe(
      tap((tokens) => {
        this.session.start(tokens);
        this.signedOutHere = false;
        this.endedNotice.set(null);
      }),
      map(() => undefined),
    );
  }

  /** Resumes a stored session after a reload; resolves either way, the guards decide what happens next. */
  restore(): Promise<void> {
    if (this.session.isLoggedIn() || this.session.refreshToken() === null) {
      return Promise.resolve();
    }
    return firstValueFrom(
      this.refreshAccessToken().pipe(
        map(() => undefined),
        catchError((error: unknown) => {
          // The stored session expired or was ended elsewhere while no page was open: say so at sign-in.
          if (error instanceof HttpErrorResponse && (error.status === 400 || error.status === 401)) {
            this.endedNotice.set(SESSION_ENDED_NOTICE);
          }
          return of(undefined);
        }),
      ),
    );
  }

  /**
   * Emits a new access token. While a refresh is in flight every caller shares it, and other tabs share
   * it too (see {@link SharedRefresh}).
   */
  refreshAccessToken(): Observable<string> {
    if (this.refreshing) {
      return this.refreshing;
    }
    if (this.session.refreshToken() === null) {
      return throwError(() => new Error('No stored session.'));
    }
    this.refreshing = defer(() =>
      this.shared.run((refreshToken) =>
        firstValueFrom(this.client.refresh(refreshToken).pipe(timeout(REFRESH_TIMEOUT_MS))),
      ),
    ).pipe(
      catchError((error: unknown) => {
        // Only a rejected token is forgotten; an unreachable server should not wipe a valid session.
        if (error instanceof HttpErrorResponse && (error.status === 400 || error.status === 401)) {
          this.session.end(true);
        }
        return throwError(() => error);
      }),
      finalize(() => (this.refreshing = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshing;
  }

  /**
   * The token to retry a call the API answered 401 while it carried `sent`: the one a concurrent
   * caller already refreshed to, else a fresh one (concurrent callers share one refresh). When no
   * refresh is possible the session ends, the user is sent to the login page and this errors.
   */
  tokenAfterUnauthorized(sent: string | null): Observable<string> {
    if (this.session.refreshToken() === null) {
      // Logged out elsewhere (another tab).
      this.expireSession();
      return throwError(() => new Error('No stored session.'));
    }
    const current = this.session.accessToken();
    const fresh = current !== null && current !== sent ? of(current) : this.refreshAccessToken();
    return fresh.pipe(
      catchError((error: unknown) => {
        this.expireSession();
        return throwError(() => error);
      }),
    );
  }

  /**
   * Called when the session ended without a log-out here (a refresh failed mid-session, the server
   * closed an event stream because the session was signed out): back to the login page with a notice,
   * then back here afterwards.
   */
  expireSession(): void {
    // A log-out here (under way, or done and not resumed since) sends the user to /login by itself;
    // an event stream closed by it has nothing to add.
    const loggedOutHere = this.signingOut || (this.signedOutHere && !this.session.isLoggedIn());
    this.session.end(false);
    if (loggedOutHere) {
      return;
    }
    this.endedNotice.set(SESSION_ENDED_NOTICE);
    const current = this.router.url;
    // Several requests can fail together; only the first one has somewhere to come back to.
    if (!current.startsWith('/login')) {
      void this.router.navigate(['/login'], { queryParams: { returnUrl: current } });
    }
  }

  logout(): void {
    this.signingOut = true;
    this.signedOutHere = true;
    this.endedNotice.set(null);
    const refreshToken = this.session.refreshToken();
    const done = (): void => {
      this.session.end(true);
      void this.router.navigate(['/login']).finally(() => (this.signingOut = false));
    };
    if (refreshToken === null || !this.session.isLoggedIn()) {
      done();
      return;
    }
    // Revoke first: the request needs the access token that `done` discards. If that token has
    // expired, refresh and revoke the rotated refresh token instead.
    this.client
      .logout(refreshToken)
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 401
            ? this.refreshAccessToken().pipe(
                switchMap(() => this.client.logout(this.session.refreshToken() ?? '')),
              )
            : throwError(() => error),
        ),
        timeout(5000),
        finalize(done),
      )
      .subscribe({ error: () => undefined });
  }
}
