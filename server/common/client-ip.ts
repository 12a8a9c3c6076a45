import type { Request } from 'express';

/** The client address as Express resolved it (honouring TRUST_PROXY), without the IPv4-mapped prefix. */
export function clientIp(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
