import { HttpErrorResponse } from '@angular/common/http';

import { describeApiError, fieldErrorsOf } from '../../../../client/src/app/core/api/api-error';

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
