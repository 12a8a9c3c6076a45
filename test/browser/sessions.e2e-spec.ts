import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { launchBrowser, openPage, screenshot } from './support/browser';
import { logIn } from './support/log-in';
import { type RunningPanel, startPanel } from './support/panel-server';

jest.setTimeout(120_000);

/** Two tabs of one browser share a session; signing out in one ends the live pages of the other. */
describe('sessions across tabs', () => {
  let panel: RunningPanel;
  let browser: Browser;
  let context: BrowserContext;
  let first: Page;

  beforeAll(async () => {
    panel = await startPanel();
    browser = await launchBrowser();
    ({ context, page: first } = await openPage(browser, panel.baseUrl));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await panel?.stop();
  });

  /** Resolves once the page has the sync progress stream open. */
  const streamOpened = (page: Page) =>
    page.waitForResponse((r) => r.url().endsWith('/api/sync/events') && r.status() === 200);

  it('sends the other tab to sign-in with "your session ended" when one tab logs out', async () => {
    await logIn(first, panel);
    const firstStream = streamOpened(first);
    await first.goto('/sync');
    await firstStream;

    // The second tab resumes the stored session on load.
    const second = await context.newPage();
    const secondStream = streamOpened(second);
    await second.goto('/sync');
    await secondStream;

    await second.getByTestId('logout').click();
    await second.waitForURL(/\/login$/);
    await first.waitForURL(/\/login\?returnUrl=%2Fsync$/);
    await first.getByTestId('login-error').waitFor();
    expect(await first.getByTestId('login-error').textContent()).toMatch(/Your session ended/);
    // The tab that logged out says nothing: that was deliberate.
    expect(await second.getByTestId('login-error').count()).toBe(0);
    await second.close();
  });

  it('says "your session ended" at sign-in when the stored session expired while no page was open', async () => {
    await logIn(first, panel);
    // The session ends on the server meanwhile (expired, or signed out elsewhere).
    const token = await first.evaluate("localStorage.getItem('seedbox-panel.refresh-token')");
    const login = await fetch(`${panel.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: panel.username, password: panel.password }),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const revoked = await fetch(`${panel.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: token }),
    });
    expect(revoked.status).toBe(204);

    await first.goto('/sync');
    await first.waitForURL(/\/login\?returnUrl=%2Fsync$/);
    await first.getByTestId('login-error').waitFor();
    expect(await first.getByTestId('login-error').textContent()).toMatch(/Your session ended/);
    await screenshot(first, 'login-session-ended-desktop-light');
  });
});
