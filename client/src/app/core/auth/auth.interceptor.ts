import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';

import { NO_REFRESH, PUBLIC_REQUEST } from '../api/api-context';
import { AuthService } from './auth.service';
import { SessionStore } from './session.store';

/**
 * Adds the bearer token to /api calls. On a 401 it retries once with the token
 * {@link AuthService.tokenAfterUnauthorized} gives; if there is none the 401 stands.
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
      return auth.tokenAfterUnauthorized(sentToken).pipe(
        catchError(() => throwError(() => error)),
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
