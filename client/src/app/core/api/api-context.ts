import { HttpContext, HttpContextToken } from '@angular/common/http';

/** Requests that authenticate themselves (login, refresh): no bearer token, no refresh-and-retry on 401. */
export const PUBLIC_REQUEST = new HttpContextToken<boolean>(() => false);

/** Requests whose 401 the caller handles itself instead of the refresh-and-retry. */
export const NO_REFRESH = new HttpContextToken<boolean>(() => false);

/** Error statuses the caller reports itself, so the global snackbar stays quiet for them. */
export const HANDLED_ERRORS = new HttpContextToken<readonly number[] | 'all'>(() => []);

export function publicRequest(handled: readonly number[] | 'all' = []): HttpContext {
  return new HttpContext().set(PUBLIC_REQUEST, true).set(HANDLED_ERRORS, handled);
}

export function handledErrors(handled: readonly number[] | 'all'): HttpContext {
  return new HttpContext().set(HANDLED_ERRORS, handled);
}
