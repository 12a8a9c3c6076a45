import { type Page } from 'playwright-core';

/**
 * The names of icons drawn as their letters: the icon font (cut down to the icons the client uses by
 * scripts/subset-icons.mjs) has no ligature for them. Each name on the page is measured in the icon
 * font on a canvas: an icon glyph is one em wide, a name in letters is several. (Run as page scripts:
 * the test build has no DOM types.)
 */
export async function iconsWithoutGlyph(page: Page): Promise<string[]> {
  await page.evaluate('document.fonts.ready.then(() => true)');
  return page.evaluate<string[]>(`(() => {
    const names = new Set([...document.querySelectorAll('mat-icon')].map((el) => (el.textContent || '').trim()));
    const context = document.createElement('canvas').getContext('2d');
    context.font = '100px "Material Symbols Outlined"';
    return [...names].filter((name) => name && context.measureText(name).width > 150);
  })()`);
}

export interface Transfer {
  /** HTML, scripts and styles. */
  code: number;
  fonts: number;
  iconFont: number;
  requests: number;
}

/** What the page's load transferred, in bytes (resource timing; same origin, so sizes are known). */
export function transferred(page: Page): Promise<Transfer> {
  return page.evaluate<Transfer>(`(() => {
    const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .filter((e) => !e.name.includes('/api/'));
    const size = (e) => e.transferSize || e.encodedBodySize;
    const isFont = (e) => /\\.(woff2?|ttf)(\\?|$)/.test(e.name);
    const sum = (list) => list.reduce((a, e) => a + size(e), 0);
    return {
      code: sum(all.filter((e) => !isFont(e))),
      fonts: sum(all.filter(isFont)),
      iconFont: sum(all.filter((e) => e.name.includes('material-symbols'))),
      requests: all.length,
    };
  })()`);
}
