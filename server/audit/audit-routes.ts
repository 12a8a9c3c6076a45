import { Injectable, RequestMethod, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { AUDIT_METADATA, defaultAuditAction, type AuditOptions } from './audited.decorator';
import { STATE_CHANGING } from './audit.interceptor';

interface AuditedRoute {
  method: string;
  path: RegExp;
  action: string;
}

const API_PREFIX = 'api';

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value ?? '']).map((v) => String(v));

/** `/api/users/:username/settings` → a pattern matching `/api/users/jdoe/settings`. */
function routePattern(parts: string[]): RegExp {
  const path = parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^/${path}/?$`);
}

/**
 * The audit action of each audited route by method and path, for requests refused before routing (a
 * body that cannot be read never reaches the audit interceptor, yet a refused sign-in must be recorded).
 */
@Injectable()
export class AuditRoutes implements OnModuleInit {
  private routes: AuditedRoute[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.routes = this.discovery.getControllers().flatMap(({ metatype }) => {
      if (typeof metatype !== 'function') return [];
      const controller = metatype as { name: string; prototype: Record<string, unknown> };
      const base = asList(Reflect.getMetadata(PATH_METADATA, metatype));
      return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') return [];
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (verb === undefined || paths === undefined) return [];
        const method = RequestMethod[verb];
        const options = this.reflector.get<AuditOptions | undefined>(AUDIT_METADATA, handler);
        if (!options && !STATE_CHANGING.has(method)) return [];
        const action = options?.action ?? defaultAuditAction(controller, handler);
        return base.flatMap((b) =>
          asList(paths).map((p) => ({ method, path: routePattern([API_PREFIX, b, p]), action })),
        );
      });
    });
  }

  /** The action a request to `method path` is audited under, or undefined when it is not audited. */
  actionFor(method: string, path: string): string | undefined {
    return this.routes.find((r) => r.method === method && r.path.test(path))?.action;
  }
}
