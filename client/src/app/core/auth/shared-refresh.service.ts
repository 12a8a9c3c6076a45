import { DOCUMENT, Injectable, InjectionToken, inject } from '@angular/core';

import { type SessionTokens, SessionStore } from './session.store';

const LOCK_NAME = 'seedbox-panel.refresh';
const CHANNEL_NAME = 'seedbox-panel.session';
/**
 * How long a tab that finds the token rotated by another tab waits for that tab's message. The message
 * is posted before the lock is released, but the browser may grant the lock first.
 */
const HANDOVER_WAIT_MS = 2000;

/** The part of the Web Locks API used here. */
export interface TabLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The part of BroadcastChannel used here. */
export interface TabChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface TabApis {
  readonly locks: TabLocks | null;
  readonly channel: TabChannel | null;
}

/**
 * The browser's tab-wide lock and channel. Web Locks exist only in secure contexts (https, localhost);
 * without them each tab refreshes on its own and the server's grace period for a just-rotated token
 * keeps the session alive.
 */
export const TAB_APIS = new InjectionToken<TabApis>('TAB_APIS', {
  providedIn: 'root',
  factory: () => {
    const view = inject(DOCUMENT).defaultView;
    return {
      locks: view?.navigator?.locks ?? null,
      channel: typeof view?.BroadcastChannel === 'function' ? new view.BroadcastChannel(CHANNEL_NAME) : null,
    };
  },
});

function isTokens(value: unknown): value is SessionTokens {
  const v = value as Partial<SessionTokens> | null;
  return (
    typeof v?.access_token === 'string' &&
    typeof v.refresh_token === 'string' &&
    typeof v.username === 'string'
  );
}

/**
 * One refresh for all tabs of the browser. The tabs share the stored refresh token, and each rotation
 * retires it, so tabs refreshing at once would present one token several times. Holding a tab-wide
 * lock, a tab first looks whether another tab refreshed while it waited (and handed the new tokens over
 * this channel); only if not does it refresh, and then hands its tokens to the others.
 */
@Injectable({ providedIn: 'root' })
export class SharedRefresh {
  private readonly session = inject(SessionStore);
  private readonly tabs = inject(TAB_APIS);
  private readonly waiting = new Set<(tokens: SessionTokens) => void>();

  constructor() {
    this.tabs.channel?.addEventListener('message', (event) => this.adopt(event.data));
  }

  /** A fresh access token: the one another tab just got, else `refresh(stored refresh token)`'s. */
  run(refresh: (refreshToken: string) => Promise<SessionTokens>): Promise<string> {
    const seenAccess = this.session.accessToken();
    const seenRefresh = this.session.refreshToken();
    return this.exclusive(async () => {
      const handedOver = await this.handedOver(seenAccess, seenRefresh);
      if (handedOver !== null) {
        return handedOver;
      }
      // Read after the lock is held: the tab that held it before may have rotated the token.
      const refreshToken = this.session.refreshToken();
      if (refreshToken === null) {
        throw new Error('No stored session.');
      }
      const tokens = await refresh(refreshToken);
      this.session.start(tokens);
      const { access_token, refresh_token, username } = tokens;
      this.tabs.channel?.postMessage({ access_token, refresh_token, username });
      return tokens.access_token;
    });
  }

  /** The access token another tab refreshed to while this one waited for the lock, if one did. */
  private async handedOver(seenAccess: string | null, seenRefresh: string | null): Promise<string | null> {
    const current = this.session.accessToken();
    if (current !== null && current !== seenAccess) {
      return current;
    }
    const stored = this.session.refreshToken();
    if (stored === null || stored === seenRefresh || this.tabs.channel === null) {
      return null;
    }
    // Rotated by another tab, whose tokens are on their way over the channel.
    return new Promise((resolve) => {
      const done = (token: string | null): void => {
        clearTimeout(timer);
        this.waiting.delete(listener);
        resolve(token);
      };
      const listener = (tokens: SessionTokens): void => done(tokens.access_token);
      const timer = setTimeout(() => done(null), HANDOVER_WAIT_MS);
      this.waiting.add(listener);
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.tabs.locks ? this.tabs.locks.request(LOCK_NAME, work) : work();
  }

  private adopt(message: unknown): void {
    // Stale or foreign messages are ignored: the newest rotation's refresh token is the stored one.
    if (isTokens(message) && message.refresh_token === this.session.refreshToken()) {
      this.session.start(message);
      for (const listener of [...this.waiting]) {
        listener(message);
      }
    }
  }
}
