import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  chromium,
} from 'playwright-core';

import { lowContrastText } from './contrast';
import { REPO_ROOT } from './panel-server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 375, height: 812 } as const;

/** Headless Debian chromium; each launch gets its own temporary profile. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\`.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface PageProblems {
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  readonly errors: string[];
}

/** A fresh context (no cookies or storage) and a page that records errors. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: DESKTOP,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('console', (message) => {
    // Failed API calls (401, 404) are logged by the browser itself and are expected in some steps.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  return { context, page, problems };
}

/** Waits for web fonts (the icon font is large) and for pending requests (3 s at most), saves a PNG, checks contrast. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // Bounded: the Sync page keeps its server-sent progress stream open, so its network is never idle.
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
  await page.evaluate('document.fonts.ready.then(() => true)');
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  // Every page a test looks at meets WCAG AA in the theme it is shown in (both, in the screenshot matrix).
  expect({ screenshot: name, lowContrast: await lowContrastText(page) }).toEqual({
    screenshot: name,
    lowContrast: [],
  });
  return file;
}

export { eventually } from '../../support/eventually';
