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
  /** Answer 200 with this many MB of valid JSON (an array of small objects) instead of the real body; 0 = off. */
  hugeBodyMb: number;
  /** Answer 200 and keep sending JSON-looking bytes, without a Content-Length, until the client hangs up. */
  endlessBody: boolean;
  /** Answer 302 to this base URL plus the request's path and query (a moved or hijacked server); '' = off. */
  redirectTo: string;
}

/** The rows of one page under the `shortPages` fault: half of the first page, nothing after it. */
export function shortPage<T>(rows: readonly T[], start: number): T[] {
  return start > 0 ? [] : rows.slice(0, Math.ceil(rows.length / 2));
}

let hugeBody: { mb: number; body: Buffer } | undefined;

/** The body of the `hugeBodyMb` fault, built once per size (a 50 MB answer is costly to build). */
export function hugeJsonBody(mb: number): Buffer {
  if (hugeBody?.mb !== mb) {
    const item =
      '{"Id":"0123456789abcdef0123456789abcdef","Name":"filler-user","Policy":{"IsDisabled":false}}';
    const count = Math.max(1, Math.floor((mb * 2 ** 20) / (item.length + 1)));
    hugeBody = { mb, body: Buffer.from(`[${Array.from({ length: count }, () => item).join(',')}]`) };
  }
  return hugeBody.body;
}

/** One piece of the `endlessBody` fault's stream. */
export const ENDLESS_CHUNK = Buffer.from(`[${'{"Name":"endless"},'.repeat(3449)}`);

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
  hugeBodyMb: 0,
  endlessBody: false,
  redirectTo: '',
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
  if (typeof input.hugeBodyMb === 'number' && (input.hugeBodyMb < 0 || input.hugeBodyMb > 1024))
    problems.push('hugeBodyMb must be within 0..1024');
  if (typeof input.errorStatus === 'number' && (input.errorStatus < 400 || input.errorStatus > 599)) {
    problems.push('errorStatus must be within 400..599');
  }
  return problems;
}
