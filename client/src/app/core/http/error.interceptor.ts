import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';

import { HANDLED_ERRORS } from '../api/api-context';
import { describeApiError } from '../api/api-error';
import { Notifier } from '../notify/notifier.service';

/** The single place where failed API calls become a snackbar. */
export const errorInterceptor: HttpInterceptorFn = (req, next) => {
  const notifier = inject(Notifier);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && shouldReport(error, req.context.get(HANDLED_ERRORS))) {
        notifier.error(describeApiError(error));
      }
      return throwError(() => error);
    }),
  );
};

function shouldReport(error: HttpErrorResponse, handled: readonly number[] | 'all'): boolean {
  // A 401 either was recovered by a token refresh or already sent the user to the login page.
  if (error.status === 401 || handled === 'all') {
    return false;
  }
  return !handled.includes(error.status);
}
