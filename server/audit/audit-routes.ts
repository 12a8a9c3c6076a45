import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost, Reflector } from '@nestjs/core';
import { bindInterceptor, routeHandlers, serveBoundInterceptor } from '../common/route-interceptors';
import { AUDIT_METADATA, defaultAuditAction, type AuditOptions } from './audited.decorator';
import { AuditInterceptor, STATE_CHANGING } from './audit.interceptor';

interface AuditedRoute {
  method: string;
  path: RegExp;
  action: string;
}

const API_PREFIX = 'api';

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
 * The audited routes: every state-changing one and any marked @Audited. Binds the audit interceptor to
 * exactly those (other routes run no interceptor), and knows each one's action by method and path for
 * requests refused before routing (a body that cannot be read never reaches the interceptor, yet a
 * refused sign-in must be recorded).
 */
@Injectable()
export class AuditRoutes implements OnModuleInit {
  private readonly routes: AuditedRoute[];

  constructor(
    discovery: DiscoveryService,
    reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
    private readonly interceptor: AuditInterceptor,
  ) {
    const audited = routeHandlers(discovery).filter(
      (route) =>
        reflector.get<AuditOptions | undefined>(AUDIT_METADATA, route.handler) !== undefined ||
        STATE_CHANGING.has(route.method),
    );
    bindInterceptor('audit', audited, () => true);
    this.routes = audited.flatMap(({ controller, handler, method, basePaths, paths }) => {
      const options = reflector.get<AuditOptions | undefined>(AUDIT_METADATA, handler);
      const action = options?.action ?? defaultAuditAction(controller, handler);
      return basePaths.flatMap((b) =>
        paths.map((p) => ({ method, path: routePattern([API_PREFIX, b, p]), action })),
      );
    });
  }

  onModuleInit(): void {
    serveBoundInterceptor('audit', this.adapterHost, this.interceptor);
  }

  /** The action a request to `method path` is audited under, or undefined when it is not audited. */
  actionFor(method: string, path: string): string | undefined {
    return this.routes.find((r) => r.method === method && r.path.test(path))?.action;
  }
}
