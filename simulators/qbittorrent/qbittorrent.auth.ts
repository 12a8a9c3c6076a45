import type { IncomingHttpHeaders } from 'node:http';
import type { SeededRandom } from '../core';
import { MaindataSession } from './qbittorrent.sync';

/** qBittorrent's defaults: `WebUI\MaxAuthenticationFailCount` 5, `WebUI\BanDuration` 3600 s. */
export const MAX_FAILED_LOGINS = 5;
export const BAN_MS = 3_600_000;
export const BANNED_MESSAGE =
  'Your IP address has been banned after too many failed authentication attempts.';

export interface WebSession {
  sid: string;
  maindata: MaindataSession;
}

/**
 * WebUI sessions (the `SID` cookie), the failed-login count per client address and its ban, and the
 * two checks every request passes first: the Host header's port must be the WebUI's own, and an
 * Origin or Referer must be the WebUI's own origin (qBittorrent's CSRF protection).
 */
export class WebAuth {
  private readonly sessions = new Map<string, WebSession>();
  private readonly failures = new Map<string, { count: number; bannedUntil: number }>();

  constructor(
    private readonly rng: SeededRandom,
    private readonly now: () => number,
  ) {}

  /** The WebUI port the simulator listens on; set once it is started. */
  port = 0;

  /**
   * Host header validation: only the port is compared (any name passes; a Host without a port
   * passes too, as on 4.5.2). Then CSRF: a present Origin or Referer must be this origin.
   */
  allowed(headers: IncomingHttpHeaders): boolean {
    const host = headers.host ?? '';
    const port = /:(\d+)$/.exec(host)?.[1];
    if (port !== undefined && Number(port) !== this.port) return false;
    for (const value of [headers.origin, headers.referer]) {
      if (value === undefined) continue;
      let origin: URL;
      try {
        origin = new URL(value);
      } catch {
        return false;
      }
      const originPort = Number(origin.port || (origin.protocol === 'https:' ? 443 : 80));
      if (originPort !== this.port || origin.hostname !== host.replace(/:\d+$/, '')) return false;
    }
    return true;
  }

  session(headers: IncomingHttpHeaders): WebSession | undefined {
    const sid = /(?:^|;\s*)SID=([^;]+)/.exec(headers.cookie ?? '')?.[1];
    return sid ? this.sessions.get(sid) : undefined;
  }

  isBanned(address: string): boolean {
    const entry = this.failures.get(address);
    if (!entry || entry.bannedUntil === 0) return false;
    if (this.now() < entry.bannedUntil) return true;
    this.failures.delete(address);
    return false;
  }

  failedLogin(address: string): void {
    const entry = this.failures.get(address) ?? { count: 0, bannedUntil: 0 };
    entry.count += 1;
    if (entry.count >= MAX_FAILED_LOGINS) entry.bannedUntil = this.now() + BAN_MS;
    this.failures.set(address, entry);
  }

  /** A successful login forgets the address's failures and opens a new session. */
  login(address: string): WebSession {
    this.failures.delete(address);
    let sid = '';
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    for (let i = 0; i < 32; i++) sid += chars[this.rng.int(0, chars.length - 1)];
    const session: WebSession = { sid, maindata: new MaindataSession() };
    this.sessions.set(sid, session);
    return session;
  }

  logout(session: WebSession): void {
    this.sessions.delete(session.sid);
  }

  /** A daemon restart: every session is gone (and so is every ban, which lives in memory). */
  clear(): void {
    this.sessions.clear();
    this.failures.clear();
  }

  failedCount(address: string): number {
    return this.failures.get(address)?.count ?? 0;
  }
}
