import { type Browser, type Page } from 'playwright-core';

import { DESKTOP, PHONE, openPage } from './browser';
import { iconsWithoutGlyph } from './icons';
import { logIn } from './log-in';
import { type RunningPanel } from './panel-server';

const VARIANTS = [
  { name: 'desktop', viewport: DESKTOP },
  { name: 'phone', viewport: PHONE },
] as const;
const THEMES = ['light', 'dark'] as const;

/** One cell of the screenshot matrix. */
export interface ScreenshotCase {
  readonly variant: (typeof VARIANTS)[number]['name'];
  readonly theme: (typeof THEMES)[number];
  /** `${variant}-${theme}`: how the screenshots' names end. */
  readonly suffix: string;
}

export interface ScreenshotOptions {
  /** The name of the test for one case. */
  title: (shot: ScreenshotCase) => string;
  /** Read when each test runs: the browser and the panel are started in `beforeAll`. */
  browser: () => Browser;
  panel: () => RunningPanel;
  /** `false`: the page opens signed out (for files that screenshot the login page). Default `true`. */
  logIn?: boolean;
  /** Cases that get no test (for instance, taken during an earlier flow). */
  skip?: (shot: ScreenshotCase) => boolean;
}

/**
 * Registers `describe('screenshots')` with a test for desktop and phone, each in light and dark mode.
 * Each opens a fresh page in that viewport and colour scheme, signs in, hands the page to `capture`
 * (which navigates, waits and saves the screenshots; each screenshot also checks contrast), then checks
 * that the browser logged no errors and that every icon is drawn as a glyph.
 */
export function describeScreenshots(
  options: ScreenshotOptions,
  capture: (page: Page, shot: ScreenshotCase) => Promise<void>,
): void {
  describe('screenshots', () => {
    for (const variant of VARIANTS) {
      for (const theme of THEMES) {
        const shot: ScreenshotCase = { variant: variant.name, theme, suffix: `${variant.name}-${theme}` };
        if (options.skip?.(shot)) {
          continue;
        }
        it(options.title(shot), async () => {
          const panel = options.panel();
          const opened = await openPage(options.browser(), panel.baseUrl, {
            viewport: variant.viewport,
            colorScheme: theme,
          });
          try {
            if (options.logIn !== false) {
              await logIn(opened.page, panel);
            }
            await capture(opened.page, shot);
            expect(opened.problems.errors).toEqual([]);
            expect(await iconsWithoutGlyph(opened.page)).toEqual([]);
          } finally {
            await opened.context.close();
          }
        });
      }
    }
  });
}
