import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';

/** Why a session's event streams were closed: signed out (or revoked for reuse), or the token ran out. */
export type SessionEndReason = 'signed-out' | 'expired';

/** The last event a stream sends before the server closes it because of its session. */
export const SESSION_ENDED_EVENT = 'session-ended';

/** Why the server closes a stream: its session ended, or the panel is stopping (the client reconnects). */
export type StreamCloseReason = SessionEndReason | 'panel-stopping';

export interface SessionEndedEvent {
  reason: SessionEndReason;
  message: string;
}

const MESSAGES: Record<SessionEndReason, string> = {
  'signed-out': 'This session has been signed out; sign in again.',
  expired: 'The access token has expired; refresh it and reconnect.',
};

export function sessionEndedEvent(reason: SessionEndReason): SessionEndedEvent {
  return { reason, message: MESSAGES[reason] };
}

/** setTimeout takes at most 2^31-1 ms; access tokens live minutes, so this only guards odd clocks. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface OpenStream {
  close: (reason: StreamCloseReason) => void;
  timer: NodeJS.Timeout;
}

/**
 * Every open event stream, by the session of the access token that opened it. The guard checks a token
 * only when a request starts, so without this a stream outlives its session: after sign-out, reuse
 * revocation or the token's expiry it would go on sending live data.
 */
@Injectable()
export class SessionStreams implements OnModuleDestroy {
  private readonly bySession = new Map<string, Set<OpenStream>>();

  get count(): number {
    let n = 0;
    for (const streams of this.bySession.values()) n += streams.size;
    return n;
  }

  /**
   * Calls `close` once, when the session of `user` is revoked, its access token expires or the panel
   * stops. Returns the function that forgets the stream (call it when the stream ends by itself).
   */
  register(user: AuthUser, close: (reason: StreamCloseReason) => void): () => void {
    const streams = this.bySession.get(user.session) ?? new Set<OpenStream>();
    this.bySession.set(user.session, streams);
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, user.expiresAt.getTime() - Date.now()));
    const stream: OpenStream = {
      close,
      timer: setTimeout(() => this.closeOne(user.session, stream, 'expired'), delay).unref(),
    };
    streams.add(stream);
    return () => this.forget(user.session, stream);
  }

  /** Closes every stream of `session` (it was signed out or revoked). */
  end(session: string): void {
    for (const stream of [...(this.bySession.get(session) ?? [])]) {
      this.closeOne(session, stream, 'signed-out');
    }
  }

  /**
   * The panel is stopping: every stream is ended (without a session event, so clients reconnect), or
   * the HTTP server would wait for them and `docker stop` would kill the process after its grace time.
   */
  onModuleDestroy(): void {
    for (const [session, streams] of [...this.bySession]) {
      for (const stream of [...streams]) this.closeOne(session, stream, 'panel-stopping');
    }
  }

  private closeOne(session: string, stream: OpenStream, reason: StreamCloseReason): void {
    if (!this.forget(session, stream)) return;
    stream.close(reason);
  }

  private forget(session: string, stream: OpenStream): boolean {
    const streams = this.bySession.get(session);
    if (!streams?.delete(stream)) return false;
    clearTimeout(stream.timer);
    if (streams.size === 0) this.bySession.delete(session);
    return true;
  }
}
