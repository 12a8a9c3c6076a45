import { HttpErrorResponse } from '@angular/common/http';
import { firstValueFrom, of, Subject, throwError, toArray } from 'rxjs';

import { LOADING, remoteError, remoteValue, toRemote } from '../../../../client/src/app/core/util/remote';

const http = (status: number, error: unknown, statusText = '') =>
  new HttpErrorResponse({ status, statusText, error });

describe('toRemote', () => {
  it('is loading, then holds the value', async () => {
    expect(await firstValueFrom(toRemote(of(3)).pipe(toArray()))).toEqual([
      LOADING,
      { state: 'ok', value: 3 },
    ]);
  });

  it('turns a failure into its sentence', async () => {
    const failing = throwError(() => http(504, { message: 'Plex did not answer in time.' }));
    expect(await firstValueFrom(toRemote(failing).pipe(toArray()))).toEqual([
      LOADING,
      { state: 'error', message: 'Plex did not answer in time.' },
    ]);
  });

  it('stays loading until the source answers', () => {
    const source = new Subject<string>();
    const seen: unknown[] = [];
    const subscription = toRemote(source).subscribe((remote) => seen.push(remote));
    expect(seen).toEqual([LOADING]);
    source.next('ready');
    expect(seen).toEqual([LOADING, { state: 'ok', value: 'ready' }]);
    subscription.unsubscribe();
  });
});

describe('remoteValue and remoteError', () => {
  it('read the value only when ok and the sentence only when failed', () => {
    expect(remoteValue({ state: 'ok', value: 3 })).toBe(3);
    expect(remoteValue(LOADING)).toBeNull();
    expect(remoteValue({ state: 'error', message: 'down' })).toBeNull();
    expect(remoteError({ state: 'error', message: 'down' })).toBe('down');
    expect(remoteError(LOADING)).toBeNull();
    expect(remoteError({ state: 'ok', value: 3 })).toBeNull();
  });
});
