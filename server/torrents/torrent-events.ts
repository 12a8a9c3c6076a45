import type { Request, Response } from 'express';
import { sseFrame } from '../common/sse-frame';

const PING_MS = 15_000;
/** A reader this far behind is dropped; its browser reconnects and reloads the list. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * The server-sent-event connections of one client's `GET …/events`. Each event is serialised and
 * encoded once and the same bytes go to every connection, so a hundred browsers cost one
 * JSON.stringify per change, not a hundred (Nest's @Sse serialises per subscriber).
 */
export class TorrentEventHub {
  private readonly connections = new Set<Response>();
  /** Streams of other hubs that carry this one's events (the merged list across clients). */
  private readonly listeners = new Set<(e: StreamEvent) => void>();
  private ping?: NodeJS.Timeout;

  constructor(private readonly onCountChange: (count: number) => void) {}

  /** Watchers: the connections here plus the listening hubs (each keeps the poller as fast). */
  get count(): number {
    return this.connections.size + this.listeners.size;
  }

  /** Hears every event but pings; counts as a watcher until the returned function is called. */
  listen(listener: (e: StreamEvent) => void): () => void {
    this.listeners.add(listener);
    this.onCountChange(this.count);
    return () => {
      if (this.listeners.delete(listener)) this.onCountChange(this.count);
    };
  }

  attach(req: Request, res: Response, first: StreamEvent[]): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    // nginx and other proxies must not buffer the stream.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 5000\n\n');
    for (const e of first) res.write(frame(e));
    this.connections.add(res);
    req.socket.setNoDelay(true);
    // The response closes when the client leaves and also when the server ends the stream (its
    // session ended); either way it must not be written to again.
    res.on('close', () => this.detach(res));
    this.ping ??= setInterval(() => this.pingAll(), PING_MS).unref();
    this.onCountChange(this.count);
  }

  broadcast(e: StreamEvent): void {
    for (const listener of this.listeners) listener(e);
    this.send(e);
  }

  private pingAll(): void {
    this.send({ event: 'ping', data: {} });
  }

  private send(e: StreamEvent): void {
    if (this.connections.size === 0) return;
    const bytes = frame(e);
    for (const res of this.connections) {
      if (res.writableEnded) {
        this.detach(res);
      } else if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.end();
        this.detach(res);
      } else {
        res.write(bytes);
      }
    }
  }

  /** Ends every stream (on shutdown, so the HTTP server can close). */
  closeAll(): void {
    for (const res of [...this.connections]) {
      res.end();
      this.detach(res);
    }
  }

  private detach(res: Response): void {
    if (!this.connections.delete(res)) return;
    if (this.connections.size === 0 && this.ping) {
      clearInterval(this.ping);
      this.ping = undefined;
    }
    this.onCountChange(this.count);
  }
}

function frame(e: StreamEvent): Buffer {
  return sseFrame(e.event, e.data);
}
