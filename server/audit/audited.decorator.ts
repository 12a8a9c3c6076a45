import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const AUDIT_METADATA = 'seedbox:audit';

export interface AuditContext {
  req: Request;
  body: Record<string, unknown>;
  params: Record<string, string>;
  result?: unknown;
}

export interface AuditOptions {
  /** Dotted action name, e.g. `auth.login`. */
  action: string;
  /** What the action was done to; defaults to the route's path parameters. */
  target?: (ctx: AuditContext) => string | undefined;
  /** Who did it, for routes reached without a session (sign-in, token refresh). */
  actor?: (ctx: AuditContext) => string | undefined;
  /**
   * Only refusals and failures are written: for routine calls that every open page makes on its own
   * (a token refresh every few minutes), whose successes would bury the admin's actions.
   */
  failuresOnly?: boolean;
}

/**
 * Names the audit entry a route writes. State-changing routes are recorded without it too (action
 * `<controller>.<handler>`); the decorator only gives the entry a stable name and target.
 */
export const Audited = (action: string, options: Omit<AuditOptions, 'action'> = {}): MethodDecorator =>
  SetMetadata(AUDIT_METADATA, { action, ...options } satisfies AuditOptions);

/** The action of a route without @Audited: `<controller>.<handler>`, e.g. `utorrent.addUrl`. */
export function defaultAuditAction(controller: { name: string }, handler: { name: string }): string {
  const name = controller.name.replace(/Controller$/, '');
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}.${handler.name}`;
}
