import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import type { AuthenticatedRequest } from '../common/auth-user';
import { clientIp } from '../common/client-ip';
import {
  AUDIT_METADATA,
  defaultAuditAction,
  type AuditContext,
  type AuditOptions,
} from './audited.decorator';
import { AuditService } from './audit.service';
import { isDiskFull } from '../common/disk-full';

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Details kept of a request body: strings, lists and objects cut short, nesting cut at MAX_DETAIL_DEPTH. */
const MAX_DETAIL_DEPTH = 8;
const MAX_ITEMS = 50;

function shorten(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > 500 ? `${value.slice(0, 500)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DETAIL_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => shorten(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .slice(0, MAX_ITEMS)
      .map(([k, v]) => [k, shorten(v, depth + 1)]),
  );
}

/**
 * Records every state-changing request (and any route marked @Audited) in the audit log once it has
 * answered, with its outcome. Handlers write no audit code of their own.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const options = this.reflector.get<AuditOptions | undefined>(AUDIT_METADATA, context.getHandler());
    if (!options && !STATE_CHANGING.has(req.method)) return next.handle();
    const action = options?.action ?? defaultAuditAction(context.getClass(), context.getHandler());
    return next.handle().pipe(
      tap({
        next: (result: unknown) => {
          if (options?.failuresOnly) return;
          const status = context.switchToHttp().getResponse<Response>().statusCode;
          void this.write(req, action, options, { result, status });
        },
        error: (err: unknown) => {
          const diskFull = isDiskFull(err);
          const status = err instanceof HttpException ? err.getStatus() : diskFull ? 507 : 500;
          const message =
            err instanceof HttpException ? err.message : diskFull ? 'the disk is full' : 'unexpected error';
          void this.write(req, action, options, { status, error: message });
        },
      }),
    );
  }

  /** Never throws: an audit target or actor getter that fails is logged, and the request keeps its answer. */
  private write(
    req: AuthenticatedRequest,
    action: string,
    options: AuditOptions | undefined,
    outcome: { status: number; result?: unknown; error?: string },
  ): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const params = (req.params ?? {}) as Record<string, string>;
    const ctx: AuditContext = { req: req as Request, body, params, result: outcome.result };
    const bodyActor = typeof body.username === 'string' ? body.username : undefined;
    const detail: Record<string, unknown> = { method: req.method, path: req.originalUrl.split('?')[0] };
    if (Object.keys(body).length) detail.body = shorten(body);
    if (outcome.error) detail.error = outcome.error;
    let actor: string | undefined;
    let target: string | null | undefined;
    try {
      actor = options?.actor?.(ctx);
      target = options?.target?.(ctx);
    } catch (err) {
      this.logger.error(`Could not name the target of the audit entry ${action}: ${(err as Error).message}`);
    }
    return this.audit.record({
      actor: req.user?.username ?? actor ?? bodyActor ?? 'anonymous',
      ip: clientIp(req),
      action,
      target: target ?? (Object.values(params).join('/') || null),
      outcome: outcome.error ? 'error' : 'ok',
      status_code: outcome.status,
      detail,
    });
  }
}
