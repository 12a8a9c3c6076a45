import { UpstreamError } from './upstream-error';

export const MAX_REDIRECTS = 3;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export interface RedirectHop {
  url: URL;
  method: string;
  /** False when the redirect turns the request into a GET without its body (303, or 301/302 after a POST). */
  keepBody: boolean;
}

export function isRedirect(status: number, location: string | undefined): location is string {
  return REDIRECT_STATUS.has(status) && !!location;
}

/**
 * Where a redirect sends the panel, if it may follow: only to the same origin (scheme, host and
 * port), because every request carries the service's token, key, password or cookie and another
 * address must never receive them. The location's query string is never put in a message: it may
 * hold a token.
 */
export function nextHop(
  service: string,
  from: URL,
  method: string,
  status: number,
  location: string,
  hops: number,
): RedirectHop {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    throw new UpstreamError(
      service,
      'redirect',
      `${service} redirected the panel to an address it cannot read (HTTP ${status}).`,
      status,
    );
  }
  if (url.origin !== from.origin) {
    throw new UpstreamError(
      service,
      'redirect',
      `${service} redirected the panel to ${url.host || url.protocol}; the panel does not follow redirects to another address with its credentials. Point the URL at the final address.`,
      status,
    );
  }
  if (hops >= MAX_REDIRECTS) {
    throw new UpstreamError(
      service,
      'redirect',
      `${service} redirected the panel more than ${MAX_REDIRECTS} times; point the URL at the final address.`,
      status,
    );
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
  return { url, method: toGet ? 'GET' : method, keepBody: !toGet };
}
