import type { Response } from 'express';

/**
 * Sends JSON that is already encoded (a body shared by every browser asking for the same page), without
 * express's per-response string encoding and header parsing.
 */
export function sendJson(res: Response, body: Buffer): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
