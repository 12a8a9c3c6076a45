import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';

const REFRESH_KEY = 'seedbox-panel.refresh-token';
const USERNAME_KEY = 'seedbox-panel.username';

export interface SessionTokens {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly username: string;
}

/**
 * The access token lives only in memory; the refresh token and user name are kept in localStorage so a
 * reload (or another tab) can resume the session with one refresh call.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;
  private readonly access = signal<string | null>(null);
  private readonly user = signal<string | null>(this.read(USERNAME_KEY));

  readonly accessToken = this.access.asReadonly();
  readonly username = this.user.asReadonly();
  readonly isLoggedIn = computed(() => this.access() !== null);

  /** Read from storage on every call: another tab may have rotated it. */
  refreshToken(): string | null {
    return this.read(REFRESH_KEY);
  }

  start(tokens: SessionTokens): void {
    this.write(REFRESH_KEY, tokens.refresh_token);
    this.write(USERNAME_KEY, tokens.username);
    this.user.set(tokens.username);
    this.access.set(tokens.access_token);
  }

  /** Ends the in-memory session; `forget` also drops the stored refresh token. */
  end(forget: boolean): void {
    this.access.set(null);
    if (forget) {
      this.write(REFRESH_KEY, null);
      this.write(USERNAME_KEY, null);
      this.user.set(null);
    }
  }

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: string | null): void {
    try {
      if (value === null) {
        this.storage?.removeItem(key);
      } else {
        this.storage?.setItem(key, value);
      }
    } catch {
      // Without storage the session simply won't survive a reload.
    }
  }
}
