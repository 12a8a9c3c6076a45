import { DOCUMENT, Injectable, computed, effect, inject, signal } from '@angular/core';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'seedbox-panel.theme';

/** Light/dark mode: the stored choice wins, otherwise the OS preference; reflected as `data-theme` on <html>. */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly doc = inject(DOCUMENT);
  private readonly media = this.doc.defaultView?.matchMedia('(prefers-color-scheme: dark)');
  private readonly stored = signal<Theme | null>(readStored(this.doc));
  private readonly systemDark = signal(this.media?.matches ?? false);

  readonly theme = computed<Theme>(() => this.stored() ?? (this.systemDark() ? 'dark' : 'light'));
  readonly isDark = computed(() => this.theme() === 'dark');

  constructor() {
    this.media?.addEventListener('change', (event) => this.systemDark.set(event.matches));
    effect(() => this.apply());
  }

  /** Applies the current theme synchronously (used at startup, before the first render). */
  apply(): void {
    this.doc.documentElement.dataset['theme'] = this.theme();
  }

  toggle(): void {
    const next: Theme = this.isDark() ? 'light' : 'dark';
    this.stored.set(next);
    try {
      this.doc.defaultView?.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage can be unavailable (private mode, quota); the choice then lasts for this tab only.
    }
  }
}

function readStored(doc: Document): Theme | null {
  try {
    const value = doc.defaultView?.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}
