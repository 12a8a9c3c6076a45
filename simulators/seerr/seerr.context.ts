import type { SimRequest, SimResponse } from '../core';
import type { SeerrUser } from './seerr.model';
import type { SeerrState } from './seerr.state';
import type { QueryValue } from './seerr.validator';

/** What a Seerr route handler sees once the validator, checkUser and the guard have passed. */
export interface SeerrContext {
  req: SimRequest;
  state: SeerrState;
  /** The acting user: user 1 for the API key, or X-API-User. Guarded routes always have one. */
  user: SeerrUser;
  query: Record<string, QueryValue>;
  params: Record<string, string | number>;
  body: Record<string, unknown>;
}

export type SeerrHandler = (ctx: SeerrContext) => SimResponse;

/** `guard`: 'public' (no isAuthenticated), or the permission isAuthenticated() asks for (0 = any user). */
export interface SeerrRoute {
  method: string;
  path: string;
  guard: number | 'public';
  handler: SeerrHandler;
}

export function num(value: unknown, fallback: number): number {
  return value ? Number(value) : fallback;
}

export function idParam(ctx: SeerrContext, name: string): number {
  return Number(ctx.params[name]);
}
