import { json, type SimResponse } from '../core';

/** The bodies Seerr's request validator, global error handler and auth guard produce, byte for byte. */

export interface ValidatorErrorItem {
  path: string;
  message: string;
  errorCode?: string;
}

/** express-openapi-validator errors, formatted by Seerr's handler as `{message, errors}`. */
export function validatorError(
  status: number,
  message: string,
  errors: ValidatorErrorItem[],
  headers: Record<string, string> = {},
): SimResponse {
  return json(status, { message, errors }, headers);
}

export function validatorNotFound(path: string): SimResponse {
  return validatorError(404, 'not found', [{ path, message: 'not found' }]);
}

/** Seerr's error handler writes only the JSON body, so the validator's 405 reaches clients without `Allow`. */
export function methodNotAllowed(method: string, path: string): SimResponse {
  const message = `${method} method not allowed`;
  return validatorError(405, message, [{ path, message }]);
}

/** Only presence is checked; the cookie scheme is tried first, so its message wins. */
export function securityMissing(template: string): SimResponse {
  const message = "cookie 'connect.sid' required";
  return validatorError(401, message, [{ path: template, message }]);
}

/** The isAuthenticated() guard: note `error`, not `message`. */
export function guardForbidden(): SimResponse {
  return json(403, { status: 403, error: 'You do not have permission to access this endpoint' });
}

/** A handler's `next({status, message, errors?})`. */
export function handlerError(status: number, message: string, errors?: unknown[]): SimResponse {
  return json(status, errors ? { message, errors } : { message });
}

export const userNotFound = (): SimResponse => handlerError(404, 'User not found.');
