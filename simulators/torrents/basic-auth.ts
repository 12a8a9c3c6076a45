import type { IncomingHttpHeaders } from 'node:http';

/** True when the request carries HTTP Basic credentials equal to `username`/`password`. */
export function hasBasicAuth(headers: IncomingHttpHeaders, username: string, password: string): boolean {
  const header = headers.authorization ?? '';
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.slice(0, colon) === username && decoded.slice(colon + 1) === password;
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
