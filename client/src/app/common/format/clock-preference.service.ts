import { DOCUMENT, Injectable, inject, signal } from '@angular/core';

import { type Clock } from './dates';

const STORAGE_KEY = 'seedbox-panel.clock';

/** Whether times read on a 24-hour clock or as the browser's locale has them; the choice is remembered. */
@Injectable({ providedIn: 'root' })
export class ClockPreferenceService {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  private readonly chosen = signal<Clock>(this.read());

  readonly clock = this.chosen.asReadonly();

  toggle(): void {
    const next: Clock = this.chosen() === '24h' ? 'locale' : '24h';
    this.chosen.set(next);
    try {
      this.storage?.setItem(STORAGE_KEY, next);
    } catch {
      // Storage can be full or blocked; the choice then lasts until the page is reloaded.
    }
  }

  private read(): Clock {
    try {
      return this.storage?.getItem(STORAGE_KEY) === 'locale' ? 'locale' : '24h';
    } catch {
      return '24h';
    }
  }
}
