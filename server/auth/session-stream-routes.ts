import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { bindInterceptor, routeHandlers, serveBoundInterceptor } from '../common/route-interceptors';
import { SessionStreamInterceptor } from './session-stream.interceptor';

/**
 * Binds the session-stream interceptor to every event-stream route and to no other: the @Sse() ones
 * and those that write their own stream, which all document `text/event-stream` (the OpenAPI document
 * and the session binding cannot disagree).
 */
@Injectable()
export class SessionStreamRoutes implements OnModuleInit {
  constructor(
    discovery: DiscoveryService,
    private readonly adapterHost: HttpAdapterHost,
    private readonly interceptor: SessionStreamInterceptor,
  ) {
    bindInterceptor('session-stream', routeHandlers(discovery), ({ handler }) => isEventStream(handler));
  }

  onModuleInit(): void {
    serveBoundInterceptor('session-stream', this.adapterHost, this.interceptor);
  }
}

export function isEventStream(handler: object): boolean {
  if (Reflect.getMetadata(SSE_METADATA, handler)) return true;
  const produces = Reflect.getMetadata(DECORATORS.API_PRODUCES, handler) as string[] | undefined;
  return produces?.some((type) => type.startsWith('text/event-stream')) ?? false;
}
