import type { UpstreamFormat, UpstreamRequest } from './upstream-http.service';
import { UpstreamError } from './upstream-error';
import { parseXml } from './xml';

/** A status the caller does not handle, as the sentence an admin can act on. */
export function statusFailure(req: UpstreamRequest, status: number, body: string): UpstreamError {
  const upstreamMessage = req.errorMessage?.(body);
  if (status === 401 || status === 403) {
    return new UpstreamError(
      req.service,
      'unauthorized',
      `${req.service} refused the panel's credentials (HTTP ${status}); check the token or key in the settings.`,
      status,
      upstreamMessage,
    );
  }
  const detail = upstreamMessage ? `: ${upstreamMessage}` : '.';
  return new UpstreamError(
    req.service,
    'status',
    `${req.service} answered HTTP ${status}${detail}`,
    status,
    upstreamMessage,
  );
}

/** The body in the format the caller expects; `auto` picks JSON or XML by the answer's Content-Type. */
export async function parseAnswer<T>(req: UpstreamRequest, body: string, contentType: string): Promise<T> {
  const wanted: UpstreamFormat = req.expect ?? 'json';
  const expect = wanted === 'auto' ? (/json/i.test(contentType) ? 'json' : 'xml') : wanted;
  if (expect === 'none') return undefined as T;
  if (expect === 'text') return body as T;
  const invalid = (what: string) =>
    new UpstreamError(
      req.service,
      'invalid-response',
      `${req.service} answered with something that is not valid ${what}.`,
    );
  if (expect === 'json') {
    if (/html/i.test(contentType)) throw invalid('JSON (an HTML page; is the URL right?)');
    try {
      return JSON.parse(body) as T;
    } catch {
      throw invalid('JSON');
    }
  }
  if (/html/i.test(contentType)) throw invalid('XML (an HTML page; is the URL right?)');
  try {
    return await parseXml<T>(body);
  } catch {
    throw invalid('XML');
  }
}
