import { STATUS_CODES } from 'node:http';
import { json, type SimRequest, type SimResponse } from '../core';
import { hasPermission, SEERR_BASE } from './seerr.constants';
import { sessionUser } from './seerr.auth';
import type { SeerrRoute } from './seerr.context';
import { behindCsrf } from './seerr.csrf';
import { guardForbidden, methodNotAllowed, validatorNotFound } from './seerr.errors';
import type { SeerrUser } from './seerr.model';
import type { SpecOperation } from './seerr.openapi';
import type { SeerrState } from './seerr.state';
import { isResponse, parseBody, validate } from './seerr.validator';

/**
 * checkUser: the right key acts as user 1 (or X-API-User); otherwise a signed-in session's user; a wrong
 * key just leaves no user.
 */
function checkUser(req: SimRequest, state: SeerrState): SeerrUser | undefined {
  if (req.faults.badAuth) return undefined;
  if (req.headers['x-api-key'] !== state.settings.main.apiKey) return sessionUser(req, state);
  const asUser = req.headers['x-api-user'];
  return state.users.get(asUser ? Number(asUser) : 1);
}

/** One documented operation, through Seerr's layers in order: body parser, validator, checkUser, guard, handler. */
export function operationHandler(state: SeerrState, template: string, op: SpecOperation, route?: SeerrRoute) {
  return (req: SimRequest): SimResponse => {
    const parsed = parseBody(req);
    if ('error' in parsed) return parsed.error;
    return behindCsrf(state, req, parsed.body, () => {
      const valid = validate(req, template, op, parsed.body);
      if (isResponse(valid)) return valid;
      const user = checkUser(req, state);
      const guard = route?.guard ?? 0;
      if (guard !== 'public' && (!user || !hasPermission(guard, user.permissions))) return guardForbidden();
      if (!route) {
        return json(501, { message: `Not implemented by the Seerr simulator: ${req.method} ${template}` });
      }
      return route.handler({ req, state, user: user!, ...valid });
    });
  };
}

export function wrongMethodHandler(state: SeerrState) {
  return (req: SimRequest): SimResponse => {
    const parsed = parseBody(req);
    if ('error' in parsed) return parsed.error;
    return behindCsrf(state, req, parsed.body, () => methodNotAllowed(req.method, req.path));
  };
}

/** Below /api/v1 the validator answers 404; elsewhere Seerr's Next.js front end does. */
export function notFound(state: SeerrState, req: SimRequest): SimResponse {
  if (req.path.startsWith(SEERR_BASE)) {
    const parsed = parseBody(req);
    if ('error' in parsed) return parsed.error;
    return behindCsrf(state, req, parsed.body, () => validatorNotFound(req.path));
  }
  return behindCsrf(state, req, {}, () => ({
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html><html><head><title>404: This page could not be found</title></head><body><h1>404</h1><h2>This page could not be found.</h2></body></html>',
  }));
}

/** Injected failures look like a handler's `next({status, message})`. */
export function injectedError(status: number): SimResponse {
  return json(status, { message: STATUS_CODES[status] ?? 'Error' });
}
