import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MAX_JSON_DEPTH } from './json-depth';

/** What body-parser attaches to the errors it raises before any route runs. */
interface BodyParserError {
  status?: number;
  type?: string;
}

const MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'entity.too.deep': `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
  'encoding.unsupported': 'The request body encoding is not supported.',
  'charset.unsupported': 'The request body character set is not supported.',
  'request.aborted': 'The request body was not sent in full.',
};

/** A request body body-parser refused, before any route ran. */
export class BodyRefusedException extends HttpException {}

/** Turns body-parser failures into HttpExceptions with a plain sentence, for the one error shape. */
export function translateBodyErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const { status, type } = (err ?? {}) as BodyParserError;
  if (typeof status === 'number' && typeof type === 'string' && status >= 400 && status < 500) {
    next(new BodyRefusedException(MESSAGES[type] ?? 'The request body could not be read.', status));
    return;
  }
  next(err);
}
