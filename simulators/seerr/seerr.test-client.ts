import { createSeerrSimulator, type SeerrSimulator, type SeerrSimulatorOptions } from './seerr.simulator';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON (untyped on purpose: contract tests poke at whatever came back). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** The X-Api-Key to send; `null` sends none. Defaults to the simulator's key. */
  key?: string | null;
  headers?: Record<string, string>;
}

/** For tests and benchmarks: a started Seerr simulator plus a minimal client for its /api/v1. */
export async function startSeerr(options: SeerrSimulatorOptions = {}) {
  const sim: SeerrSimulator = createSeerrSimulator(options);
  await sim.start();
  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...opts.headers };
    const key = opts.key === undefined ? sim.apiKey : opts.key;
    if (key !== null) headers['X-Api-Key'] = key;
    if (opts.body !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await fetch(`${sim.url}/api/v1${path}`, {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : typeof opts.body === 'string'
            ? opts.body
            : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, text, body };
  };
  return { sim, call };
}
