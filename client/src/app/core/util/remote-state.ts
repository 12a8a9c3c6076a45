import { type Signal, computed, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { type Observable, switchMap } from 'rxjs';

import { LOADING, type Remote, remoteError, remoteValue, toRemote } from './remote';

/** One remote value as signals, for a page or card that loads it. */
export interface RemoteState<T> {
  readonly state: Signal<Remote<T>>;
  readonly value: Signal<T | null>;
  readonly error: Signal<string | null>;
  /** A fetch is in flight, including a reload that keeps the previous value on screen. */
  readonly fetching: Signal<boolean>;
  reload(): void;
}

export interface RemoteStateOptions {
  /**
   * What a reload shows until it answers: the loading state (the default), the value shown before
   * (`value`; an error still gives way to loading), or whatever was shown, value or error (`shown`).
   */
  readonly whileReloading?: 'loading' | 'value' | 'shown';
  /** A failed reload leaves the value shown before on screen (a snackbar says why). */
  readonly keepValueOnFailure?: boolean;
}

/**
 * Fetches at once, again on `reload()` and whenever `params` changes; a newer fetch cancels an older
 * one. Call it in an injection context (a field initialiser); it stops with the component.
 */
export function remoteState<T>(fetch: () => Observable<T>, options?: RemoteStateOptions): RemoteState<T>;
export function remoteState<P, T>(
  params: Signal<P>,
  fetch: (params: P) => Observable<T>,
  options?: RemoteStateOptions,
): RemoteState<T>;
export function remoteState<P, T>(
  first: Signal<P> | (() => Observable<T>),
  second?: ((params: P) => Observable<T>) | RemoteStateOptions,
  third?: RemoteStateOptions,
): RemoteState<T> {
  const withParams = typeof second === 'function';
  const params = withParams ? (first as Signal<P>) : signal<P | undefined>(undefined);
  const fetch = withParams ? second : (first as () => Observable<T>);
  const options = (withParams ? third : second) ?? {};

  const reloads = signal(0);
  const state = signal<Remote<T>>(LOADING);
  const fetching = signal(true);
  toObservable(computed(() => ({ params: params(), reload: reloads() })))
    .pipe(
      switchMap(({ params }) => toRemote(fetch(params as P))),
      takeUntilDestroyed(),
    )
    .subscribe((next) => {
      fetching.set(next.state === 'loading');
      if (!keeps(state(), next, options)) {
        state.set(next);
      }
    });
  return {
    state: state.asReadonly(),
    value: computed(() => remoteValue(state())),
    error: computed(() => remoteError(state())),
    fetching: fetching.asReadonly(),
    reload: () => reloads.update((count) => count + 1),
  };
}

function keeps<T>(shown: Remote<T>, next: Remote<T>, options: RemoteStateOptions): boolean {
  switch (next.state) {
    case 'loading':
      return options.whileReloading === 'shown'
        ? shown.state !== 'loading'
        : options.whileReloading === 'value' && shown.state === 'ok';
    case 'error':
      return options.keepValueOnFailure === true && shown.state === 'ok';
    case 'ok':
      return false;
  }
}
