import { request, type ClientRequest } from 'node:http';

export interface ReceivedEvent {
  event: string;
  data: unknown;
}

export interface EventStreamReader {
  status: number;
  events: ReceivedEvent[];
  /** Resolves with the first event (from now on, or already received after `from`) matching `test`. */
  next(test: (e: ReceivedEvent) => boolean, timeoutMs?: number, from?: number): Promise<ReceivedEvent>;
  /** Resolves when the server ends the stream (or it is closed here). */
  ended: Promise<void>;
  close(): void;
}

/** Opens `GET path` as an event stream with a bearer token (as the Angular client does with fetch). */
export function openEventStream(baseUrl: string, path: string, token: string): Promise<EventStreamReader> {
  return new Promise((resolve, reject) => {
    const events: ReceivedEvent[] = [];
    const waiters = new Set<() => void>();
    let buffer = '';
    const req: ClientRequest = request(
      `${baseUrl}${path}`,
      { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } },
      (res) => {
        const ended = new Promise<void>((done) => res.once('close', done));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data !== undefined) events.push({ event, data: JSON.parse(data) });
          }
          for (const wake of [...waiters]) wake();
        });
        resolve({
          status: res.statusCode ?? 0,
          events,
          next: (test, timeoutMs = 10_000, from = 0) =>
            new Promise((done, fail) => {
              const check = () => {
                const found = events.slice(from).find(test);
                if (!found) return;
                waiters.delete(check);
                clearTimeout(timer);
                done(found);
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(
                  new Error(
                    `no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(',')}`,
                  ),
                );
              }, timeoutMs);
              waiters.add(check);
              check();
            }),
          ended,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
    req.end();
  });
}
