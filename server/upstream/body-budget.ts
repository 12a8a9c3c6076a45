import { getHeapStatistics } from 'node:v8';

/**
 * Bytes of upstream answers the panel holds at once, across every call in progress. One answer under
 * its own cap can still be too much when several arrive together: four 50 MB answers are more than
 * the 192 MB heap the panel runs with. A quarter of the heap leaves room for parsing what was read.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly limitBytes: number = Math.floor(getHeapStatistics().heap_size_limit / 4)) {}

  /** Reserves `bytes`; false (and nothing reserved) when that would pass the limit. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limitBytes) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}
