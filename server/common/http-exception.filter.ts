import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { ErrorBodyDto, FieldErrorDto } from './error-body';
import { diskFullMessage, isDiskFull } from './disk-full';
import { secretRedactor } from './redact';

function messageOf(response: unknown, fallback: string): { message: string; details?: FieldErrorDto[] } {
  if (typeof response === 'string') return { message: response };
  if (response && typeof response === 'object') {
    const body = response as { message?: unknown; details?: FieldErrorDto[] };
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    return { message: typeof message === 'string' ? message : fallback, details: body.details };
  }
  return { message: fallback };
}

/** Gives every error the one JSON shape; never lets a stack trace or a secret out. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  /** @param dataDirectory where the panel writes (config and database), named when the disk is full */
  constructor(private readonly dataDirectory = 'the config directory') {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let message = 'The panel hit an unexpected error; the details are in its log.';
    let details: FieldErrorDto[] | undefined;

    if (exception instanceof HttpException) {
      status = exception.getStatus();
      ({ message, details } = messageOf(exception.getResponse(), exception.message));
    } else if (isDiskFull(exception)) {
      status = HttpStatus.INSUFFICIENT_STORAGE;
      message = diskFullMessage(this.dataDirectory);
      this.logger.error(message);
    } else {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`Unhandled ${err.name}: ${err.message}`, err.stack);
    }

    const sentence = secretRedactor.redactText(message);
    const body: ErrorBodyDto = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message: sentence,
      detail: sentence,
    };
    if (details?.length)
      body.details = details.map((d) => ({ ...d, message: secretRedactor.redactText(d.message) }));
    if (res.headersSent) return;
    const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json(body);
  }
}
