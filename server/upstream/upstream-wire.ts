import type { AxiosResponse } from 'axios';
import type { UpstreamRequest } from './upstream-http.service';

/** The host an admin recognises in a message; never the path or query (they may hold a token). */
export function where(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'its configured address';
  }
}

/** One request of an exchange: the first, or one after a same-origin redirect. */
export interface Hop {
  url: URL;
  method: string;
  data: string | Buffer | undefined;
}

export function requestUrl(req: UpstreamRequest): URL {
  const url = new URL(
    req.path.replace(/^\//, ''),
    req.baseUrl.endsWith('/') ? req.baseUrl : `${req.baseUrl}/`,
  );
  for (const [key, value] of Object.entries(req.query ?? {}))
    if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

/** A JSON body; a string (XML-RPC, a form) or bytes (a multipart upload) are sent as they are. */
export function encodeBody(body: unknown): string | Buffer | undefined {
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) return body;
  return JSON.stringify(body);
}

export function flatHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]),
  );
}
