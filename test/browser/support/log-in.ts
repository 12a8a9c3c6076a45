import { type Page } from 'playwright-core';

import { type RunningPanel } from './panel-server';

/** Signs in through the login form and waits for the dashboard. */
export async function logIn(page: Page, panel: RunningPanel): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(panel.username);
  await page.getByTestId('login-password').fill(panel.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/dashboard$/);
}

/** The page scrolls vertically only: nothing is wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}
