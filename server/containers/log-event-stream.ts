import type { MessageEvent } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { sseFrame } from '../common/sse-frame';

const PING_MS = 15_000;

/**
 * Writes a followed log to the response as server-sent events. The route writes the stream itself (as the
 * torrent routes do) rather than through @Sse(), whose headers go out before an async handler settles: a
 * container that does not exist must answer a real 404, not an event on a 200. The session interceptor
 * ends the stream when the session does; the response closing (the browser left, or that end)
 * unsubscribes, which ends the Docker request.
 */
export function writeEventStream(req: Request, res: Response, events: Observable<MessageEvent>): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 5000\n\n');
  req.socket.setNoDelay(true);
  const ping = setInterval(() => res.write(sseFrame('ping', {})), PING_MS).unref();
  const subscription = events.subscribe({
    next: (e) => {
      if (!res.writableEnded) res.write(sseFrame(String(e.type ?? 'message'), e.data));
    },
    complete: () => res.end(),
  });
  res.on('close', () => {
    clearInterval(ping);
    subscription.unsubscribe();
  });
}
