import type { NextFunction, Request, Response } from 'express';

/** Seerrsync called Seerr "Overseerr" in its API; its scripts keep working against /api/overseerr. */
const ALIASES: ReadonlyArray<[from: string, to: string]> = [['/api/overseerr', '/api/seerr']];

/**
 * Rewrites an aliased path to the route it names before routing, so the route's guard, validation and
 * audit apply unchanged and the API documentation lists each route once.
 */
export function seerrsyncAliases(req: Request, _res: Response, next: NextFunction): void {
  for (const [from, to] of ALIASES) {
    if (req.url === from || req.url.startsWith(`${from}/`) || req.url.startsWith(`${from}?`)) {
      req.url = to + req.url.slice(from.length);
      break;
    }
  }
  next();
}
