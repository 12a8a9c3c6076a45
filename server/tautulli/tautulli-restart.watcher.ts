import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { TautulliClient } from './tautulli.client';
import type { TautulliRestartState, TautulliRestartStatusDto } from './tautulli.dto';

export interface RestartWatchTiming {
  /** How long to wait for Tautulli to answer again before calling it gone. */
  timeoutMs: number;
  /** Time between two probes. */
  intervalMs: number;
  /** A Tautulli still answering this long after the restart was asked is taken as restarted already. */
  downWithinMs: number;
}

export const DEFAULT_RESTART_WATCH: RestartWatchTiming = {
  timeoutMs: 60_000,
  intervalMs: 1000,
  downWithinMs: 10_000,
};

/**
 * Follows a restart of Tautulli. Tautulli restarts itself by exiting and re-running its own process; a
 * Tautulli started without a supervisor (Docker restart policy, systemd) may exit for good instead.
 * After a restart is asked, this probes Tautulli's port: once it has gone down and answers again, the
 * restart is "back"; with no answer within `timeoutMs`, it is "gone". One follow-up at a time: a new
 * restart replaces it. Probing stops when the app shuts down.
 */
@Injectable()
export class TautulliRestartWatcher implements OnModuleDestroy {
  private readonly logger = new Logger(TautulliRestartWatcher.name);
  /** Changeable at run time (tests shorten it). */
  timing: RestartWatchTiming = { ...DEFAULT_RESTART_WATCH };
  private current: TautulliRestartStatusDto = { state: 'idle', asked_at: null, settled_at: null };
  private abort?: AbortController;
  private running?: Promise<void>;

  constructor(private readonly client: TautulliClient) {}

  status(): TautulliRestartStatusDto {
    return { ...this.current };
  }

  /** Starts following a restart Tautulli has just accepted; `onBack` runs when it answers again. */
  follow(onBack: () => void): void {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const asked = Date.now();
    this.current = { state: 'restarting', asked_at: new Date(asked).toISOString(), settled_at: null };
    this.running = this.probe(asked, abort.signal).then((state) => {
      if (abort.signal.aborted) return;
      this.settle(state, asked);
      if (state === 'back') onBack();
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.abort?.abort();
    await this.running;
  }

  private async probe(asked: number, signal: AbortSignal): Promise<TautulliRestartState> {
    const { timeoutMs, intervalMs, downWithinMs } = this.timing;
    let seenDown = false;
    while (!signal.aborted && Date.now() - asked < timeoutMs) {
      await pause(intervalMs, signal);
      if (signal.aborted) break;
      const up = await this.client.answers();
      if (!up) seenDown = true;
      else if (seenDown || Date.now() - asked >= downWithinMs) return 'back';
    }
    return 'gone';
  }

  private settle(state: TautulliRestartState, asked: number): void {
    const now = Date.now();
    this.current = { ...this.current, state, settled_at: new Date(now).toISOString() };
    const seconds = Math.round((now - asked) / 1000);
    if (state === 'back') this.logger.log(`Tautulli answers again ${seconds} s after the restart`);
    else
      this.logger.warn(
        `Tautulli did not answer within ${Math.round(this.timing.timeoutMs / 1000)} s of the restart; it ` +
          'may have exited with no supervisor (a Docker restart policy, systemd) to start it again',
      );
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
