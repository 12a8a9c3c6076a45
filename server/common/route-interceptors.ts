import { RequestMethod, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import type { Application, Request } from 'express';
import type { Observable } from 'rxjs';

/** One route handler: its controller class, its method name and function, its HTTP method and paths. */
export interface RouteHandler {
  controller: { name: string; prototype: object };
  name: string;
  handler: (...args: unknown[]) => unknown;
  /** `GET`, `POST`, … */
  method: string;
  /** The controller's paths and the handler's (Nest allows several of each). */
  basePaths: string[];
  paths: string[];
}

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value ?? '']).map((v) => String(v));

/** Every route handler of every controller of the app. */
export function routeHandlers(discovery: DiscoveryService): RouteHandler[] {
  return discovery.getControllers().flatMap(({ metatype }) => {
    if (typeof metatype !== 'function') return [];
    const controller = metatype as unknown as { name: string; prototype: Record<string, unknown> };
    const basePaths = asList(Reflect.getMetadata(PATH_METADATA, metatype));
    return Object.getOwnPropertyNames(controller.prototype).flatMap((name): RouteHandler[] => {
      const handler = controller.prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') return [];
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      if (verb === undefined || paths === undefined) return [];
      return [
        {
          controller,
          name,
          handler: handler as RouteHandler['handler'],
          method: RequestMethod[verb],
          basePaths,
          paths: asList(paths),
        },
      ];
    });
  });
}

/** Where each app keeps its interceptors bound by name (express's per-app `locals`). */
const LOCALS_KEY = 'seedboxPanelRouteInterceptors';
/** One forwarder per name for the whole process: handler metadata is shared by every app it boots. */
const forwarders = new Map<string, NestInterceptor>();

function forwarder(name: string): NestInterceptor {
  let known = forwarders.get(name);
  if (!known) {
    known = {
      intercept(
        context: ExecutionContext,
        next: CallHandler,
      ): Observable<unknown> | Promise<Observable<unknown>> {
        const app =
          context.getType() === 'http' ? context.switchToHttp().getRequest<Request>().app : undefined;
        const bound = (app?.locals?.[LOCALS_KEY] as Map<string, NestInterceptor> | undefined)?.get(name);
        // Only an app built without the interceptor's module (a test of one controller) has none.
        return bound ? bound.intercept(context, next) : next.handle();
      },
    };
    forwarders.set(name, known);
  }
  return known;
}

/**
 * Runs an interceptor on the handlers `wanted` picks and on no other route. Nest runs a global
 * interceptor on every request of every route through rxjs and async-hook scopes (about 0.1 ms a
 * request each on a small box, more than a cheap GET's own work), while a route without interceptors
 * skips all of that. Metadata lives on the handler functions, which every app the process boots shares
 * (the tests boot many), so what is bound is a forwarder to the interceptor of the app that received
 * the request (`serveBoundInterceptor`). Call it before the routes are registered: from a provider's
 * constructor, since Nest registers routes before any onModuleInit.
 */
export function bindInterceptor(
  name: string,
  handlers: readonly RouteHandler[],
  wanted: (route: RouteHandler) => boolean,
): void {
  const bound = forwarder(name);
  for (const route of handlers) {
    if (!wanted(route)) continue;
    const list = (Reflect.getMetadata(INTERCEPTORS_METADATA, route.handler) as unknown[] | undefined) ?? [];
    if (!list.includes(bound)) Reflect.defineMetadata(INTERCEPTORS_METADATA, [bound, ...list], route.handler);
  }
}

/** This app's interceptor for the routes bound under `name` (from onModuleInit, once the adapter exists). */
export function serveBoundInterceptor(
  name: string,
  adapterHost: HttpAdapterHost,
  interceptor: NestInterceptor,
): void {
  const app = adapterHost.httpAdapter?.getInstance<Application>();
  if (!app) return;
  const locals = app.locals as Record<string, unknown>;
  const bound = (locals[LOCALS_KEY] as Map<string, NestInterceptor> | undefined) ?? new Map();
  bound.set(name, interceptor);
  locals[LOCALS_KEY] = bound;
}
