import { HttpException, Injectable, Logger, type MessageEvent, OnModuleDestroy } from '@nestjs/common';
import { Observable, ReplaySubject } from 'rxjs';
import { ConfigStore } from '../config/config.store';
import { TimedTask } from '../scheduling/timed-task';
import { SingleFlight } from '../upstream/single-flight';
import { PlexClient } from './plex.client';
import type { PlexSessionsDto } from './plex.dto';

/** The `data` of a `failure` event: why this tick could not read the sessions. */
export interface PlexSessionsFailure {
  statusCode: number;
  message: string;
}

/**
 * One poller of PMS `/status/sessions` shared by every listener of the sessions event stream. It runs
 * only while at least one client listens (the first subscriber starts it, the last one leaving stops
 * it), so 100 open dashboards cost PMS what one does. Each tick pushes `sessions` (PlexSessionsDto), or
 * `failure` when PMS could not be read; the stream itself stays open and the next tick tries again. A
 * new listener gets the latest event at once. Direct reads (`GET /api/plex/sessions`) share an
 * in-flight poll instead of adding one.
 */
@Injectable()
export class PlexSessionsPoller extends TimedTask implements OnModuleDestroy {
  protected readonly logger = new Logger(PlexSessionsPoller.name);
  /** Nothing is kept (sessions change by the second); concurrent reads share one PMS call. */
  private readonly inFlight = new SingleFlight<PlexSessionsDto>();
  /** Ticks that read PMS since start, for tests and logs. */
  polls = 0;
  private listeners = 0;
  private latest = new ReplaySubject<MessageEvent>(1);
  /** Nothing runs until someone subscribes (providers do no I/O in constructors). */
  readonly events = new Observable<MessageEvent>((subscriber) => {
    if (this.listeners++ === 0) {
      this.latest = new ReplaySubject<MessageEvent>(1);
      this.runNow().catch(() => undefined); // a tick never fails: it pushes a failure event
    }
    const subscription = this.latest.subscribe(subscriber);
    return () => {
      subscription.unsubscribe();
      if (--this.listeners === 0) this.reschedule(); // no listener: no next tick
    };
  });

  constructor(
    private readonly client: PlexClient,
    private readonly config: ConfigStore,
  ) {
    super();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** PLEX_SESSIONS_POLL_MS of the panel's environment, 5 s by default. */
  get intervalMs(): number {
    return this.config.env.plexSessionsPollMs;
  }

  /** The event stream, after the 503 when Plex is not configured (before any stream is opened). */
  stream(): Observable<MessageEvent> {
    this.client.assertConfigured();
    return this.events;
  }

  /** The sessions now, sharing a read already in flight. */
  read(): Promise<PlexSessionsDto> {
    return this.inFlight.run('sessions', () => this.client.sessions());
  }

  protected async work(): Promise<void> {
    this.polls++;
    const event = await this.read().then(
      (data): MessageEvent => ({ type: 'sessions', data }),
      (err: unknown): MessageEvent => ({ type: 'failure', data: this.failure(err) }),
    );
    if (this.listeners > 0) this.latest.next(event);
  }

  protected nextDelayMs(): number | null {
    return this.listeners > 0 ? this.intervalMs : null;
  }

  private failure(err: unknown): PlexSessionsFailure {
    if (err instanceof HttpException) return { statusCode: err.getStatus(), message: err.message };
    this.logger.error(`Reading the Plex sessions failed: ${(err as Error).message}`, (err as Error).stack);
    return {
      statusCode: 500,
      message: 'The Plex sessions could not be read; the details are in the panel log.',
    };
  }
}
