import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, of, switchMap, throwError } from 'rxjs';

import { NO_REFRESH, PUBLIC_REQUEST } from '../api/api-context';
import { AuthService } from './auth.service';
import { SessionStore } from './session.store';

/**
 * Adds the bearer token to /api calls. On a 401 it refreshes the access token once (concurrent 401s
 * share the same refresh) and retries; if the refresh fails the session ends and the user is sent to
 * /login with a returnUrl.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiRequest(req) || req.context.get(PUBLIC_REQUEST)) {
    return next(req);
  }
  const session = inject(SessionStore);
  const auth = inject(AuthService);
  const sentToken = session.accessToken();

  return next(withBearer(req, sentToken)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || req.context.get(NO_REFRESH)) {
        return throwError(() => error);
      }
      if (session.refreshToken() === null) {
        // Logged out elsewhere (another tab).
        auth.expireSession();
        return throwError(() => error);
      }
      // Another request may already have refreshed while this one was in flight.
      const current = session.accessToken();
      const fresh$ = current !== null && current !== sentToken ? of(current) : auth.refreshAccessToken();
      return fresh$.pipe(
        catchError(() => {
          auth.expireSession();
          return throwError(() => error);
        }),
        // The retry goes straight to `next`, so a second 401 is not refreshed again.
        switchMap((token) => next(withBearer(req, token))),
      );
    }),
  );
};

function isApiRequest(req: HttpRequest<unknown>): boolean {
  return req.url.startsWith('/api/') || req.url === '/api';
}

function withBearer(req: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}
