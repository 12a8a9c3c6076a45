import { AdaptiveLimit } from './adaptive-limit';

/** How one run's Seerr writes went, for its timings. */
export interface WriteFigures {
  /** Writes in flight the run settled on (the limit when it finished). */
  write_limit: number;
  write_limit_peak: number;
  /** Seerr requests the write phases made. */
  write_requests: number;
  /**
   * Σ over those requests of 1 / (requests in flight as it started): the writes as full rounds of
   * what was in flight, so that latency × rounds is the least time they could have taken at it.
   */
  write_rounds: number;
}

/**
 * Every Seerr request of a run's write phases passes here: at most the adaptive limit are in flight,
 * the rest wait their turn in arrival order, and each answer's time feeds the limit.
 */
export class WriteGate {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private requests = 0;
  private rounds = 0;

  constructor(
    private readonly limit: AdaptiveLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `work` (`trips` round trips to Seerr, one after the other) once a slot is free. */
  async run<T>(kind: string, work: () => Promise<T>, trips = 1): Promise<T> {
    // A finishing call hands its slot straight to a waiter, so the bound is never exceeded.
    if (this.inFlight >= this.limit.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight++;
    this.requests += trips;
    this.rounds += trips / this.inFlight;
    const started = this.now();
    try {
      const result = await work();
      this.limit.sample(kind, this.now() - started);
      return result;
    } finally {
      this.inFlight--;
      // The limit may have grown (more waiters may go) or shrunk (this slot is not handed on).
      while (this.waiting.length && this.inFlight < this.limit.limit) {
        this.inFlight++;
        (this.waiting.shift() as () => void)();
      }
    }
  }

  figures(): WriteFigures {
    return {
      write_limit: this.limit.settled,
      write_limit_peak: this.limit.peak,
      write_requests: this.requests,
      write_rounds: Math.round(this.rounds),
    };
  }
}
