import { DOCUMENT, Injector } from '@angular/core';

import { SessionStore } from '../../../client/src/app/core/auth/session.store';
import {
  SharedRefresh,
  TAB_APIS,
  type TabChannel,
  type TabLocks,
} from '../../../client/src/app/core/auth/shared-refresh.service';

/** localStorage over a Map, shared by every tab of one fake browser. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

/** Web Locks: one holder at a time per name, each grant in a later task as browsers do. */
class FakeLocks implements TabLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const granted = (this.tails.get(name) ?? Promise.resolve())
      .then(() => new Promise((grant) => setTimeout(grant, 0)))
      .then(callback);
    this.tails.set(
      name,
      granted.catch(() => undefined),
    );
    return granted;
  }
}

export interface FakeTab {
  session: SessionStore;
  refresh: SharedRefresh;
}

/**
 * Tabs of one browser: one storage, one lock manager, a channel that delivers to every other tab after
 * `deliveryMs` (0 = next task). `locks: false` is a browser without Web Locks (an insecure context).
 */
export function fakeBrowser(options: { deliveryMs?: number; locks?: boolean } = {}) {
  const storage = memoryStorage();
  const locks = options.locks === false ? null : new FakeLocks();
  const listeners = new Set<{ tab: object; listener: (event: MessageEvent) => void }>();
  const openTab = (): FakeTab => {
    const tab = {};
    const channel: TabChannel = {
      postMessage: (message) => {
        const copy: unknown = structuredClone(message);
        for (const other of listeners) {
          if (other.tab !== tab) {
            setTimeout(() => other.listener({ data: copy } as MessageEvent), options.deliveryMs ?? 0);
          }
        }
      },
      addEventListener: (_type, listener) => void listeners.add({ tab, listener }),
    };
    const injector = Injector.create({
      providers: [
        { provide: DOCUMENT, useValue: { defaultView: { localStorage: storage } } },
        { provide: TAB_APIS, useValue: { locks, channel } },
        { provide: SessionStore, useClass: SessionStore },
        { provide: SharedRefresh, useClass: SharedRefresh },
      ],
    });
    return { session: injector.get(SessionStore), refresh: injector.get(SharedRefresh) };
  };
  return { storage, openTab };
}
