import { UpstreamError } from './upstream-error';

/**
 * An answer that parsed but is not the shape the upstream documents. Pure mappers and decoders throw it
 * with a detail ("no MediaContainer"); the client turns it into the one 502 sentence naming the service.
 */
export class UnexpectedAnswer extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'UnexpectedAnswer';
  }
}

/**
 * The 502 for an answer the panel does not understand. `hint`, a clause with its own closing punctuation,
 * says what to check ("is the URL Tautulli's?").
 */
export function unexpectedAnswer(service: string, detail: string, hint?: string): UpstreamError {
  const sentence = `${service} answered in a shape the panel does not understand (${detail})`;
  return new UpstreamError(service, 'invalid-response', hint ? `${sentence}; ${hint}` : `${sentence}.`);
}

/** Runs a pure mapper; an `UnexpectedAnswer` becomes the 502 sentence naming the service. */
export function mapAnswer<T>(service: string, map: () => T, hint?: string): T {
  try {
    return map();
  } catch (err) {
    if (err instanceof UnexpectedAnswer) throw unexpectedAnswer(service, err.detail, hint);
    throw err;
  }
}
