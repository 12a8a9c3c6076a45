import { HttpErrorResponse } from '@angular/common/http';
import { firstValueFrom, of, Subject, throwError, toArray } from 'rxjs';

import { describeApiError, fieldErrorsOf } from '../../../client/src/app/core/api/api-error';
import { safeReturnUrl } from '../../../client/src/app/core/auth/return-url';
import { LOADING, toRemote } from '../../../client/src/app/core/util/remote';

const http = (status: number, error: unknown, statusText = '') =>
  new HttpErrorResponse({ status, statusText, error });

describe('describeApiError', () => {
  it.each([
    ['The panel server is unreachable.', http(0, null)],
    [
      'Seerr refused the connection.',
      http(502, { statusCode: 502, message: 'Seerr refused the connection.' }),
    ],
    [
      'Invalid request (url) · url: url must be an http:// or https:// URL',
      http(400, {
        message: 'Invalid request (url)',
        details: [{ field: 'url', message: 'url must be an http:// or https:// URL' }],
      }),
    ],
    ['a is bad; b is bad', http(400, { message: ['a is bad', 'b is bad'] })],
    ['no field', http(400, { details: [{ message: 'no field' }, null, { field: 'x' }] })],
    ['There is no sync run #7.', http(404, '{"message":"There is no sync run #7."}')],
    ['Service Unavailable', http(503, 'Service Unavailable')],
    ['Request failed (502 Bad Gateway).', http(502, '<html><body>Bad gateway</body></html>', 'Bad Gateway')],
    ['Request failed (500 Internal Server Error).', http(500, 'x'.repeat(201), 'Internal Server Error')],
    ['Request failed (500 Unknown Error).', http(500, null)],
    ['Stream closed', new Error('Stream closed')],
    ['Something went wrong.', 'a string'],
  ])('reads %j', (sentence, error) => {
    expect(describeApiError(error)).toBe(sentence);
  });
});

describe('fieldErrorsOf', () => {
  it.each([
    [
      http(400, {
        details: [
          { field: 'url', message: 'url must be an http:// or https:// URL' },
          { field: 'token', message: ' token should not be empty ' },
          { field: 'x' },
        ],
      }),
      { url: 'url must be an http:// or https:// URL', token: 'token should not be empty' },
    ],
    [http(400, JSON.stringify({ details: [{ field: 'a', message: 'bad' }] })), { a: 'bad' }],
    [http(409, { details: [{ field: 'a', message: 'taken' }] }), {}],
    [http(400, { message: 'no details' }), {}],
    [new Error('x'), {}],
  ])('%#: keys the 400 details by field', (error, fields) => {
    expect(fieldErrorsOf(error)).toEqual(fields);
  });
});

describe('safeReturnUrl', () => {
  it.each([
    [null, '/dashboard'],
    [undefined, '/dashboard'],
    ['', '/dashboard'],
    ['/torrents?state=error', '/torrents?state=error'],
    ['https://evil.example/', '/dashboard'],
    ['//evil.example/', '/dashboard'],
    ['/\\evil.example/', '/dashboard'],
    ['/login?returnUrl=/users', '/dashboard'],
    ['users', '/dashboard'],
  ])('%j goes to %j', (value, url) => {
    expect(safeReturnUrl(value)).toBe(url);
  });

  it('falls back where it is told', () => {
    expect(safeReturnUrl('//x', '/sync')).toBe('/sync');
  });
});

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
