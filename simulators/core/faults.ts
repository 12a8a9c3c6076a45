/**
 * Fault switches every simulator honours, settable at run time (in code or over HTTP at /__sim/faults).
 * They model how real upstreams fail: slow, down, lying about content, or refusing credentials.
 */
export interface Faults {
  /** Added delay before every answer, in milliseconds. */
  latencyMs: number;
  /** Share of requests (0..1) answered with `errorStatus` and the upstream's own error body. */
  errorRate: number;
  errorStatus: number;
  /** Never answer (the socket stays open until the client gives up or the simulator stops). */
  hang: boolean;
  /** Answer 200 with bytes that parse as neither JSON nor XML. */
  garbage: boolean;
  /** Send the first half of the body, then cut the connection. */
  truncated: boolean;
  /** Send the right body labelled text/html. */
  wrongContentType: boolean;
  /** Treat every credential as bad (the upstream's own 401/403 answer). */
  badAuth: boolean;
  /** Every list comes back empty. */
  emptyLists: boolean;
  /**
   * Paged lists come back short while still counting every row: the first page holds half of what it
   * should, every later page none (Emby answering page 2 with 200 and no items).
   */
  shortPages: boolean;
}

/** The rows of one page under the `shortPages` fault: half of the first page, nothing after it. */
export function shortPage<T>(rows: readonly T[], start: number): T[] {
  return start > 0 ? [] : rows.slice(0, Math.ceil(rows.length / 2));
}

export const NO_FAULTS: Readonly<Faults> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 500,
  hang: false,
  garbage: false,
  truncated: false,
  wrongContentType: false,
  badAuth: false,
  emptyLists: false,
  shortPages: false,
});

/** Validates a partial fault object from the control endpoint; returns the problems, if any. */
export function faultProblems(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!(key in NO_FAULTS)) problems.push(`unknown fault "${key}"`);
    else if (typeof value !== typeof NO_FAULTS[key as keyof Faults])
      problems.push(`${key} must be a ${typeof NO_FAULTS[key as keyof Faults]}`);
  }
  if (typeof input.errorRate === 'number' && (input.errorRate < 0 || input.errorRate > 1))
    problems.push('errorRate must be within 0..1');
  if (typeof input.errorStatus === 'number' && (input.errorStatus < 400 || input.errorStatus > 599)) {
    problems.push('errorStatus must be within 400..599');
  }
  return problems;
}
