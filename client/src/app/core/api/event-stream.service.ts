import { Injectable, inject } from '@angular/core';
import { Observable, defer, firstValueFrom, repeat, retry, throwError, timer } from 'rxjs';

import { ApiConfiguration } from '../../api';
import { AuthService } from '../auth/auth.service';
import { SessionStore } from '../auth/session.store';

const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * The server's last event on a stream it closes because of the session: `reason` is `expired` when the
 * access token that opened it ran out (reconnect with a refreshed one), `signed-out` when the session
 * ended (signed out, perhaps in another tab, or revoked).
 */
export const SESSION_ENDED_EVENT = 'session-ended';

/** How a read of the stream ended. */
type ReadOutcome = 'closed' | 'token-expired' | 'session-ended';

/** One server-sent event: its `event:` name and its `data:` lines joined. */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

/** One event of a stream with its JSON `data` parsed. */
export interface StreamEvent<T, E extends string = string> {
  readonly event: E;
  readonly data: T;
}

export interface EventStreamOptions {
  /**
   * Statuses that end the stream with an {@link EventStreamError} instead of reconnecting, for answers
   * a retry cannot fix (503 "not configured"). Any other failure is retried with backoff.
   */
  readonly giveUpOn?: readonly number[];
}

/** The stream was refused with an HTTP status; `message` is the server's sentence when it sent one. */
export class EventStreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EventStreamError';
  }
}

/** Parses one blank-line-separated block of an event stream (comments and `id:` lines are ignored). */
export function parseEventBlock(block: string): ServerSentEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      event = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}

/**
 * Server-sent event streams of the API (`/api/sync/events`, `/api/plex/sessions/events`, …).
 *
 * These are the API calls that do not go through the generated layer: a generated function runs on
 * HttpClient, which hands over a body only once the response ends, and an event stream never ends.
 * `EventSource` cannot send the `Authorization: Bearer` header the API requires. So a stream is read
 * with `fetch` and a reader; the token comes from the session store and a 401 is retried once with
 * the token AuthService gives, as the auth interceptor does for every other call.
 */
@Injectable({ providedIn: 'root' })
export class EventStreamService {
  private readonly session = inject(SessionStore);
  private readonly auth = inject(AuthService);
  private readonly rootUrl = inject(ApiConfiguration).rootUrl;

  /**
   * The named events of the stream at `path` (a generated function's `PATH`), with their JSON `data`
   * parsed, for as long as it is subscribed; other events (`ping`) are skipped. A dropped or ended
   * stream is reopened with backoff; unsubscribing closes the connection. Once the session has ended
   * (the user is then on the login page) it stays quiet.
   */
  events<T, E extends string = string>(
    path: string,
    eventNames: readonly E[],
    options: EventStreamOptions = {},
  ): Observable<StreamEvent<T, E>> {
    const wanted = new Set<string>(eventNames);
    const giveUpOn = options.giveUpOn ?? [];
    const backoff = (attempt: number): Observable<0> =>
      timer(Math.min(MAX_RECONNECT_DELAY_MS, 1000 * 2 ** Math.min(attempt, 5)));
    return defer(() => {
      let closedTimes = 0;
      let tokenExpired = false;
      return new Observable<StreamEvent<T, E>>((subscriber) => {
        const abort = new AbortController();
        this.read(`${this.rootUrl}${path}`, abort.signal, (message) => {
          if (wanted.has(message.event)) {
            subscriber.next({ event: message.event as E, data: JSON.parse(message.data) as T });
          }
        }).then(
          (outcome) => {
            // After the session ended the user is sent to log in; reconnecting would only fail again.
            if (outcome !== 'session-ended') {
              tokenExpired = outcome === 'token-expired';
              subscriber.complete();
            }
          },
          (error: unknown) => subscriber.error(error),
        );
        return () => abort.abort();
      }).pipe(
        retry({
          delay: (error: unknown, attempt) =>
            error instanceof EventStreamError && giveUpOn.includes(error.status)
              ? throwError(() => error)
              : backoff(attempt),
          resetOnSuccess: true,
        }),
        // A stream closed because its access token ran out reopens at once (the 401 refreshes the token);
        // any other end waits longer each time.
        repeat({ delay: () => (tokenExpired ? timer(0) : backoff(++closedTimes)) }),
      );
    });
  }

  private async read(
    url: string,
    signal: AbortSignal,
    emit: (message: ServerSentEvent) => void,
  ): Promise<ReadOutcome> {
    const response = await this.open(url, signal);
    if (response === null) {
      return 'session-ended';
    }
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return 'closed';
      }
      buffer += value;
      const blocks = buffer.split(/\r?\n\r?\n/);
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const message = parseEventBlock(block);
        if (message?.event === SESSION_ENDED_EVENT) {
          await reader.cancel();
          return this.sessionEnded(message);
        }
        if (message !== null) {
          emit(message);
        }
      }
    }
  }

  /** The server closed the stream because of its session (see {@link SESSION_ENDED_EVENT}). */
  private sessionEnded(message: ServerSentEvent): ReadOutcome {
    if (sessionEndReason(message.data) === 'expired') {
      return 'token-expired';
    }
    this.auth.expireSession();
    return 'session-ended';
  }

  /** Opens the stream; `null` when the session has ended (the user is then on the login page). */
  private async open(url: string, signal: AbortSignal): Promise<Response | null> {
    const sent = this.session.accessToken();
    let response = await this.fetch(url, sent, signal);
    if (response.status === 401) {
      await response.body?.cancel();
      const token = await firstValueFrom(this.auth.tokenAfterUnauthorized(sent)).catch(() => null);
      if (token === null) {
        return null;
      }
      response = await this.fetch(url, token, signal);
    }
    if (!response.ok || response.body === null) {
      throw new EventStreamError(response.status, await errorMessage(response));
    }
    return response;
  }

  private fetch(url: string, token: string | null, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (token) {
      headers['Authorization'] = `Bearer ${token}`;
    }
    return fetch(url, { headers, signal, cache: 'no-store' });
  }
}

function sessionEndReason(data: string): unknown {
  try {
    return (JSON.parse(data) as { reason?: unknown } | null)?.reason;
  } catch {
    return undefined;
  }
}

/** The `message` of the API's JSON error body, or a sentence naming the status. */
async function errorMessage(response: Response): Promise<string> {
  const fallback = `The event stream answered HTTP ${response.status}.`;
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' && body.message.trim() ? body.message.trim() : fallback;
  } catch {
    return fallback;
  }
}
