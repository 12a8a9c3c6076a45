import type { Logger } from '@nestjs/common';
import { SYSTEM_CLOCK, type TaskClock } from './task-clock';

/**
 * The base of every piece of timed work. One tick runs at a time (a tick due while one runs joins it),
 * the work gets an `AbortSignal` that `stop()` aborts, `stop()` waits for the running tick, and the
 * delay before the next tick is asked again after every tick and on `reschedule()`, so a changed
 * interval takes effect without a restart. A failed tick is logged; the schedule goes on.
 */
export abstract class TimedTask<R = void> {
  protected abstract readonly logger: Logger;
  private timer?: unknown;
  private dueAt: number | null = null;
  private current?: Promise<R>;
  private readonly abort = new AbortController();
  private stopped = false;

  constructor(protected readonly clock: TaskClock = SYSTEM_CLOCK) {}

  /** One tick's work; `signal` is aborted when the task stops. */
  protected abstract work(signal: AbortSignal): Promise<R>;

  /** Milliseconds from now to the next tick, or null for none (off, idle, or driven from outside). */
  protected abstract nextDelayMs(): number | null;

  /** When the next tick is due, or null when none is scheduled. */
  get nextRunAt(): Date | null {
    return this.dueAt === null ? null : new Date(this.dueAt);
  }

  get ticking(): boolean {
    return this.current !== undefined;
  }

  /** Re-arms the timer with `nextDelayMs()` from now, e.g. after the interval changed. */
  reschedule(): void {
    this.disarm();
    if (this.stopped) return;
    const ms = this.nextDelayMs();
    if (ms === null) return;
    this.dueAt = this.clock.now() + ms;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.runNow().catch((err: unknown) =>
        this.logger.error(`A scheduled run failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, ms);
  }

  /** Runs a tick now, or joins the one running; the next is scheduled when it ends. */
  runNow(): Promise<R> {
    if (this.current) return this.current;
    if (this.stopped) return Promise.reject(new Error('The task has stopped.'));
    this.disarm();
    const tick = this.work(this.abort.signal).finally(() => {
      this.current = undefined;
      this.reschedule();
    });
    this.current = tick;
    return tick;
  }

  /** No more ticks: the timer is cleared, the running tick aborted and waited for. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.disarm();
    this.abort.abort();
    await this.current?.catch(() => undefined);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = null;
  }
}
