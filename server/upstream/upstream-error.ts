import { HttpException, HttpStatus } from '@nestjs/common';

export type UpstreamFailureKind =
  | 'timeout'
  | 'refused'
  | 'dns'
  | 'tls'
  | 'reset'
  | 'unauthorized'
  | 'status'
  | 'invalid-response'
  /** The answer passed the panel's size cap; the panel stopped reading it. */
  | 'too-large'
  /** A redirect the panel refuses to follow (another address, or too many hops). */
  | 'redirect'
  | 'not-configured';

/**
 * An upstream that is down, slow, refusing credentials or answering garbage. The message is a
 * sentence naming the service; the status is 504 for a timeout, 503 when the service is not set up,
 * and 502 otherwise. Clients may inspect `kind`, `upstreamStatus` and `upstreamMessage`.
 */
export class UpstreamError extends HttpException {
  /** The system error code of a transport failure (ENOENT, EACCES, ECONNREFUSED…), for clients that explain it. */
  transportCode?: string;

  constructor(
    readonly service: string,
    readonly kind: UpstreamFailureKind,
    message: string,
    readonly upstreamStatus?: number,
    readonly upstreamMessage?: string,
  ) {
    super(
      { message, service },
      kind === 'timeout'
        ? HttpStatus.GATEWAY_TIMEOUT
        : kind === 'not-configured'
          ? HttpStatus.SERVICE_UNAVAILABLE
          : HttpStatus.BAD_GATEWAY,
    );
    this.name = 'UpstreamError';
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

/** Turns a transport failure (no HTTP answer) into the sentence an admin can act on. */
export function transportFailure(
  service: string,
  where: string,
  code: string | undefined,
  timeoutMs: number,
): UpstreamError {
  const failure = describeTransportFailure(service, where, code, timeoutMs);
  failure.transportCode = code;
  return failure;
}

function describeTransportFailure(
  service: string,
  where: string,
  code: string | undefined,
  timeoutMs: number,
): UpstreamError {
  switch (true) {
    case code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED' || code === 'TIMEOUT':
      return new UpstreamError(
        service,
        'timeout',
        `${service} at ${where} did not answer within ${timeoutMs / 1000} s.`,
      );
    case code === 'ECONNREFUSED':
      return new UpstreamError(
        service,
        'refused',
        `${service} at ${where} refused the connection; is it running?`,
      );
    case code === 'ENOTFOUND' || code === 'EAI_AGAIN':
      return new UpstreamError(service, 'dns', `The address of ${service} (${where}) could not be resolved.`);
    case code !== undefined && TLS_CODES.has(code):
      return new UpstreamError(
        service,
        'tls',
        `The TLS certificate of ${service} at ${where} was rejected (${code}).`,
      );
    default:
      return new UpstreamError(
        service,
        'reset',
        `${service} at ${where} closed the connection before answering in full${code ? ` (${code})` : ''}.`,
      );
  }
}
