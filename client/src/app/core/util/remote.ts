import { type Observable, catchError, map, of, startWith } from 'rxjs';

import { describeApiError } from '../api/api-error';

/** The lifecycle of one remote value, for templates that render loading, error and data states. */
export type Remote<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly value: T }
  | { readonly state: 'error'; readonly message: string };

export const LOADING: Remote<never> = { state: 'loading' };

export function toRemote<T>(source: Observable<T>): Observable<Remote<T>> {
  return source.pipe(
    map((value): Remote<T> => ({ state: 'ok', value })),
    startWith(LOADING),
    catchError((error: unknown) => of<Remote<T>>({ state: 'error', message: describeApiError(error) })),
  );
}

export function remoteValue<T>(remote: Remote<T>): T | null {
  return remote.state === 'ok' ? remote.value : null;
}

export function remoteError(remote: Remote<unknown>): string | null {
  return remote.state === 'error' ? remote.message : null;
}
