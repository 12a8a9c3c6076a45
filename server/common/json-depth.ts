import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The deepest request body accepted. Panel bodies nest four levels at most; 64 leaves room for any
 * client while staying far below the depth at which parsing, validation or auditing a body would
 * exhaust the stack (a body nested 10,000 levels used to answer 500).
 */
export const MAX_JSON_DEPTH = 64;

const OPEN = new Set(['[', '{']);
const CLOSE = new Set([']', '}']);

/** Whether JSON text nests arrays/objects deeper than `max`, counting brackets outside strings. */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (OPEN.has(ch)) {
      if (++depth > max) return true;
    } else if (CLOSE.has(ch)) depth--;
  }
  return false;
}

/** The error body-parser passes on when `verify` throws; body-errors.middleware turns it into a 400. */
class TooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

/**
 * body-parser's `verify` hook: runs on the raw body before JSON.parse, so a too-deep body is refused
 * before anything recurses over it (a JSON.parse reviver would run only after the parse).
 */
export function refuseDeepJson(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  encoding: string,
): void {
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(body);
  } catch {
    // An encoding TextDecoder lacks (utf-7): brackets and quotes are ASCII in every one body-parser takes.
    text = body.toString('latin1');
  }
  if (jsonDeeperThan(text, MAX_JSON_DEPTH))
    throw new TooDeepError(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
}
