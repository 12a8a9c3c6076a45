import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { BodyRefusedException } from '../common/body-errors.middleware';
import { clientIp } from '../common/client-ip';
import type { AuditRoutes } from './audit-routes';
import type { AuditService } from './audit.service';

/**
 * Express error middleware, after the body parser: a request to an audited route whose body was refused
 * (not JSON, too large, nested too deep) is recorded as a failed attempt of that route's action, with an
 * anonymous actor since nothing of the body (nor the session) was read. The error then goes on to the
 * error filter unchanged.
 */
export function auditRefusedBodies(routes: AuditRoutes, audit: AuditService) {
  return (err: unknown, req: Request, _res: Response, next: NextFunction): void => {
    const action = err instanceof BodyRefusedException ? routes.actionFor(req.method, req.path) : undefined;
    if (action && err instanceof HttpException) {
      void audit.record({
        actor: 'anonymous',
        ip: clientIp(req),
        action,
        target: null,
        outcome: 'error',
        status_code: err.getStatus(),
        detail: { method: req.method, path: req.path, error: err.message },
      });
    }
    next(err);
  };
}
