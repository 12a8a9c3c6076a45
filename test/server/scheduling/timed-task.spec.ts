import { Logger } from '@nestjs/common';
import type { TaskClock } from '../../../server/scheduling/task-clock';
import { TimedTask } from '../../../server/scheduling/timed-task';

/** A clock the test moves by hand: timers fire only when `advance` passes them. */
class ManualClock implements TaskClock {
  private t = 0;
  private readonly timers = new Map<number, { at: number; fire: () => void }>();
  private nextId = 1;

  now(): number {
    return this.t;
  }
  setTimeout(fire: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fire });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    this.t += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > this.t) continue;
      this.timers.delete(id);
      timer.fire();
    }
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => (resolve = res));
  return { promise, resolve };
}

/** Work whose ticks the test finishes by hand. */
class GatedTask extends TimedTask<number> {
  protected readonly logger = new Logger('GatedTask');
  intervalMs: number | null = 1000;
  ticks = 0;
  gates: Array<() => void> = [];
  signals: AbortSignal[] = [];

  protected async work(signal: AbortSignal): Promise<number> {
    const n = ++this.ticks;
    this.signals.push(signal);
    const gate = deferred();
    this.gates.push(gate.resolve);
    await gate.promise;
    return n;
  }

  protected nextDelayMs(): number | null {
    return this.intervalMs;
  }
}

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 1000 && !until(); i++) await Promise.resolve();
  expect(until()).toBe(true);
};

describe('TimedTask', () => {
  let clock: ManualClock;
  let task: GatedTask;
  beforeEach(() => {
    clock = new ManualClock();
    task = new GatedTask(clock);
  });

  it('ticks on its interval and schedules the next tick only when the last has ended', async () => {
    task.reschedule();
    expect(task.nextRunAt?.getTime()).toBe(1000);
    clock.advance(1000);
    expect(task.ticks).toBe(1);
    expect(clock.pending).toBe(0);
    task.gates.shift()!();
    await settle(() => clock.pending === 1);
    expect(task.nextRunAt?.getTime()).toBe(2000);
  });

  it('never overlaps: a run asked for during a tick joins it', async () => {
    const first = task.runNow();
    const second = task.runNow();
    expect(second).toBe(first);
    expect(task.ticking).toBe(true);
    task.gates.shift()!();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(task.ticks).toBe(1);
    expect(task.ticking).toBe(false);
  });

  it('takes a changed interval at once, and schedules nothing when it is null', () => {
    task.reschedule();
    task.intervalMs = 5000;
    task.reschedule();
    expect(task.nextRunAt?.getTime()).toBe(5000);
    expect(clock.pending).toBe(1);
    task.intervalMs = null;
    task.reschedule();
    expect(task.nextRunAt).toBeNull();
    expect(clock.pending).toBe(0);
  });

  it('stop aborts the running tick, waits for it and schedules nothing more', async () => {
    const tick = task.runNow();
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    expect(task.signals[0].aborted).toBe(true);
    await Promise.resolve();
    expect(stopped).toBe(false);
    task.gates.shift()!();
    await stopping;
    expect(await tick).toBe(1);
    expect(clock.pending).toBe(0);
    expect(task.nextRunAt).toBeNull();
    await expect(task.runNow()).rejects.toThrow('stopped');
  });

  it('goes on after a failed tick', async () => {
    const failing = new (class extends GatedTask {
      protected override work(): Promise<number> {
        this.ticks++;
        return Promise.reject(new Error('down'));
      }
    })(clock);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    failing.reschedule();
    clock.advance(1000);
    await settle(() => clock.pending === 1);
    clock.advance(1000);
    await settle(() => failing.ticks === 2);
  });
});
