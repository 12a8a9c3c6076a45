import { request, type ClientRequest, type IncomingMessage } from 'node:http';

export interface ServerSentEvent {
  event: string;
  data: unknown;
}

export interface EventStream {
  status: number;
  headers: IncomingMessage['headers'];
  events: ServerSentEvent[];
  /** Resolves once `count` events have arrived in all (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ServerSentEvent[]>;
  /** Resolves when the server ends the stream (or the connection drops). */
  ended: Promise<void>;
  close(): void;
}

/** Opens an event stream with a bearer token (what the Angular client does with fetch) and parses it. */
export function openEventStream(url: string, token: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined = undefined;
    req = request(
      url,
      { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } },
      (res) => {
        const events: ServerSentEvent[] = [];
        const waiters: Array<() => void> = [];
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (!data.length) continue;
            const text = data.join('\n');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* not JSON: keep the text */
            }
            events.push({ event, data: parsed });
            for (const wake of waiters.splice(0)) wake();
          }
        });
        res.on('error', () => undefined);
        const ended = new Promise<void>((done) => res.once('close', () => done()));
        resolve({
          ended,
          status: res.statusCode ?? 0,
          headers: res.headers,
          events,
          waitFor: (count, timeoutMs = 5000) =>
            new Promise((done, fail) => {
              const timer = setTimeout(
                () => fail(new Error(`only ${events.length} of ${count} events in ${timeoutMs} ms`)),
                timeoutMs,
              );
              const check = () => {
                if (events.length >= count) {
                  clearTimeout(timer);
                  done(events.slice(0, count));
                } else waiters.push(check);
              };
              check();
            }),
          close: () => {
            res.destroy();
            req?.destroy();
          },
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
