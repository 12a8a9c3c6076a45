/** The time source and timers a `TimedTask` uses; tests pass a manual one. */
export interface TaskClock {
  now(): number;
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's clock; timers are unref'd so a pending tick never keeps the process alive. */
export const SYSTEM_CLOCK: TaskClock = {
  now: () => Date.now(),
  setTimeout: (fire, ms) => setTimeout(fire, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
