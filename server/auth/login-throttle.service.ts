import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { DEFAULT_LOGIN_THROTTLE } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';

/** A 429 that carries the seconds to wait; the exception filter turns it into a `Retry-After` header. */
export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-ins from this address. Try again in ${retryAfterSeconds} seconds.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Counts failed sign-ins per client address in a sliding window and refuses further tries past the limit. */
@Injectable()
export class LoginThrottleService {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly config: ConfigStore) {}

  private settings(): { max: number; windowMs: number } {
    const configured = this.config.get().login_throttle ?? {};
    return {
      max: configured.max_failures ?? DEFAULT_LOGIN_THROTTLE.max_failures,
      windowMs: (configured.window_seconds ?? DEFAULT_LOGIN_THROTTLE.window_seconds) * 1000,
    };
  }

  private recent(ip: string, now: number, windowMs: number): number[] {
    const kept = (this.failures.get(ip) ?? []).filter((t) => now - t < windowMs);
    if (kept.length) this.failures.set(ip, kept);
    else this.failures.delete(ip);
    return kept;
  }

  /**
   * Counts a sign-in attempt from `ip` as a failure before its password is checked, or throws when `ip`
   * has used up its failures. Claiming and counting happen in one synchronous step: the password check
   * is asynchronous, so checking first and counting after would let a burst of parallel attempts all
   * pass the limit before the first failure is counted. A success then clears the address.
   */
  claimAttempt(ip: string, now = Date.now()): void {
    const { max, windowMs } = this.settings();
    const recent = this.recent(ip, now, windowMs);
    if (recent.length >= max) {
      const retryAfter = Math.max(1, Math.ceil((recent[recent.length - max] + windowMs - now) / 1000));
      throw new TooManyAttemptsException(retryAfter);
    }
    this.failures.set(ip, [...recent, now]);
    if (this.failures.size > 10000) this.failures.delete(this.failures.keys().next().value as string);
  }

  recordSuccess(ip: string): void {
    this.failures.delete(ip);
  }
}
