import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type Observable, Subject } from 'rxjs';

import { type RemoteStateOptions, remoteState } from '../../../../client/src/app/core/util/remote-state';
import { useNoDomTestBed } from '../../support/no-dom-test-bed';

useNoDomTestBed();

/** A fetch whose every call is a subject the test answers by hand. */
function manualFetch<P = void>() {
  const calls: { params: P; answer: Subject<string> }[] = [];
  const fetch = (params: P): Observable<string> => {
    const answer = new Subject<string>();
    calls.push({ params, answer });
    return answer;
  };
  return { calls, fetch, last: () => calls[calls.length - 1].answer };
}

const failure = (message: string) => new HttpErrorResponse({ status: 502, error: { message } });

function start(options?: RemoteStateOptions) {
  const upstream = manualFetch();
  const state = TestBed.runInInjectionContext(() => remoteState(() => upstream.fetch(), options));
  TestBed.tick();
  return { upstream, state };
}

function reload(state: { reload(): void }): void {
  state.reload();
  TestBed.tick();
}

describe('remoteState', () => {
  it('is loading until the fetch answers, then holds the value', () => {
    const { upstream, state } = start();
    expect(state.state()).toEqual({ state: 'loading' });
    expect(state.fetching()).toBe(true);
    upstream.last().next('ready');
    expect(state.value()).toBe('ready');
    expect(state.error()).toBeNull();
    expect(state.fetching()).toBe(false);
  });

  it('turns a failure into its sentence', () => {
    const { upstream, state } = start();
    upstream.last().error(failure('Plex could not be reached.'));
    expect(state.error()).toBe('Plex could not be reached.');
    expect(state.value()).toBeNull();
    expect(state.fetching()).toBe(false);
  });

  it('fetches again on reload, showing loading by default', () => {
    const { upstream, state } = start();
    upstream.last().next('first');
    reload(state);
    expect(upstream.calls).toHaveLength(2);
    expect(state.state()).toEqual({ state: 'loading' });
    upstream.last().next('second');
    expect(state.value()).toBe('second');
  });

  it("keeps the value on screen while reloading with 'value', but not an error", () => {
    const { upstream, state } = start({ whileReloading: 'value' });
    upstream.last().next('first');
    reload(state);
    expect(state.value()).toBe('first');
    expect(state.fetching()).toBe(true);
    upstream.last().error(failure('Seerr answered 500.'));
    expect(state.error()).toBe('Seerr answered 500.');
    reload(state);
    expect(state.state()).toEqual({ state: 'loading' });
  });

  it("keeps an error on screen while reloading with 'shown'", () => {
    const { upstream, state } = start({ whileReloading: 'shown' });
    upstream.last().error(failure('Tautulli did not answer in time.'));
    reload(state);
    expect(state.error()).toBe('Tautulli did not answer in time.');
    expect(state.fetching()).toBe(true);
    upstream.last().next('back');
    expect(state.value()).toBe('back');
  });

  it('keeps the value after a failed reload only when asked to', () => {
    const kept = start({ whileReloading: 'value', keepValueOnFailure: true });
    kept.upstream.last().next('first');
    reload(kept.state);
    kept.upstream.last().error(failure('down'));
    expect(kept.state.value()).toBe('first');
    expect(kept.state.fetching()).toBe(false);

    const replaced = start({ whileReloading: 'value' });
    replaced.upstream.last().next('first');
    reload(replaced.state);
    replaced.upstream.last().error(failure('down'));
    expect(replaced.state.error()).toBe('down');
  });

  it('fetches for each new parameter, and a late answer to an older one is dropped', () => {
    const upstream = manualFetch<number>();
    const page = signal(1);
    const state = TestBed.runInInjectionContext(() => remoteState(page, (p) => upstream.fetch(p)));
    TestBed.tick();
    page.set(2);
    TestBed.tick();
    expect(upstream.calls.map((call) => call.params)).toEqual([1, 2]);
    upstream.calls[0].answer.next('page one');
    expect(state.state()).toEqual({ state: 'loading' });
    upstream.calls[1].answer.next('page two');
    expect(state.value()).toBe('page two');
  });

  it('stops with its injector', () => {
    const { upstream, state } = start();
    TestBed.resetTestingModule();
    expect(upstream.last().observed).toBe(false);
    upstream.last().next('too late');
    expect(state.state()).toEqual({ state: 'loading' });
  });
});
