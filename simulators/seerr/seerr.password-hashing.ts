import type { SimHandler, SimRequest, SimResponse } from '../core';

export interface PasswordHashingOptions {
  /** Time one hash takes; 0 (the default) = free. */
  costMs: number;
  /** Hashes that run at once. */
  workers: number;
}

/**
 * Seerr hashes a new user's password with bcrypt (about 0.3 s on a small server) on Node's thread pool,
 * a few at a time: creates beyond what the pool serves only queue. Here every POST /user that creates a
 * user holds one of `workers` for `costMs` before it answers, and the others wait their turn. (The user
 * is stored when the handler runs, a little before Seerr would store it; nothing reads it in between.)
 */
export class PasswordHashing {
  private options: PasswordHashingOptions = { costMs: 0, workers: 4 };
  private busy = 0;
  private readonly waiting: Array<() => void> = [];
  /** Hashes done, and the most that ran at once: what a test reads instead of the clock. */
  readonly seen = { hashed: 0, peakAtOnce: 0, peakWaiting: 0 };

  configure(options: Partial<PasswordHashingOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** `handler` with a hash before each 201 it answers. */
  around(handler: SimHandler): SimHandler {
    return async (req: SimRequest): Promise<SimResponse> => {
      const answer = await handler(req);
      if (answer.status === 201) await this.hash();
      return answer;
    };
  }

  private async hash(): Promise<void> {
    const { costMs, workers } = this.options;
    if (costMs <= 0) return;
    if (this.busy >= Math.max(1, workers)) {
      this.seen.peakWaiting = Math.max(this.seen.peakWaiting, this.waiting.length + 1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.busy++;
    this.seen.peakAtOnce = Math.max(this.seen.peakAtOnce, this.busy);
    try {
      await new Promise((resolve) => setTimeout(resolve, costMs));
      this.seen.hashed++;
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }
}
