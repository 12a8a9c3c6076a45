import { SeededRandom } from '../core/random';
import type { SimResponse } from '../core/simulator';

export const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

/** Authentication failures: ASP.NET's challenge/forbid, no body and no content type. */
export const UNAUTHORIZED: SimResponse = { status: 401, body: '' };
export const FORBIDDEN: SimResponse = { status: 403, body: '' };

export function rawJson(body: string): SimResponse {
  return { status: 200, headers: JSON_TYPE, body };
}

const traceRandom = new SeededRandom(0x7ace);

/** ASP.NET Core's ProblemDetails, produced by `[ApiController]` for `NotFound()`, `BadRequest()` and binding errors. */
export function problem(status: 400 | 404, errors?: Record<string, string[]>): SimResponse {
  const body = {
    type: `https://tools.ietf.org/html/rfc9110#section-${status === 400 ? '15.5.1' : '15.5.5'}`,
    title: errors ? 'One or more validation errors occurred.' : status === 400 ? 'Bad Request' : 'Not Found',
    status,
    errors,
    traceId: `00-${traceRandom.hex(32)}-${traceRandom.hex(16)}-00`,
  };
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export function invalidValue(name: string, value: string): SimResponse {
  return problem(400, { [name]: [`The value '${value}' is not valid.`] });
}

/** Jellyfin's ExceptionMiddleware answers in plain text; unexpected errors hide their message. */
export function exceptionText(status: number, message: string): SimResponse {
  return { status, headers: { 'Content-Type': 'text/plain' }, body: message };
}

export function jellyfinError(status: number): SimResponse {
  return status === 500 ? exceptionText(500, 'Error processing request.') : { status, body: '' };
}
