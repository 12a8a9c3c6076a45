import { CallHandler, ExecutionContext, Injectable, MessageEvent, NestInterceptor } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { Observable, tap } from 'rxjs';
import type { AuthenticatedRequest, AuthUser } from '../common/auth-user';
import { sseFrame } from '../common/sse-frame';
import { SESSION_ENDED_EVENT, sessionEndedEvent, SessionStreams } from './session-streams.service';

/**
 * Ties every event stream to the session that opened it: when the session is signed out or its access
 * token expires, the stream gets a last `session-ended` event and is closed. Covers @Sse() handlers and
 * handlers that write their own event stream to the response (the torrent routes).
 */
@Injectable()
export class SessionStreamInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly streams: SessionStreams,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const user = req.user;
    if (!user || req.method !== 'GET') return next.handle();
    if (this.reflector.get<boolean | undefined>(SSE_METADATA, context.getHandler())) {
      // Nest hands an @Sse() handler's events through its interceptors one by one.
      return this.untilSessionEnds(next.handle() as Observable<MessageEvent>, user);
    }
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(tap({ complete: () => this.bindWrittenStream(res, user) }));
  }

  private untilSessionEnds(source: Observable<MessageEvent>, user: AuthUser): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const forget = this.streams.register(user, (reason) => {
        if (reason !== 'panel-stopping') {
          subscriber.next({ type: SESSION_ENDED_EVENT, data: sessionEndedEvent(reason) });
        }
        subscriber.complete();
      });
      const subscription = source.subscribe(subscriber);
      return () => {
        forget();
        subscription.unsubscribe();
      };
    });
  }

  /** A handler that answered with an event stream of its own has sent its headers and left it open. */
  private bindWrittenStream(res: Response, user: AuthUser): void {
    const type = res.getHeader('Content-Type');
    if (res.writableEnded || typeof type !== 'string' || !type.startsWith('text/event-stream')) return;
    const forget = this.streams.register(user, (reason) => {
      if (res.writableEnded) return;
      if (reason !== 'panel-stopping') res.write(sseFrame(SESSION_ENDED_EVENT, sessionEndedEvent(reason)));
      res.end();
    });
    res.once('close', forget);
  }
}
