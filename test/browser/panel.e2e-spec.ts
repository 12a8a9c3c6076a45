import { readFile, stat } from 'node:fs/promises';
import { type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow } from './support/log-in';
import { type RunningPanel, startPanel } from './support/panel-server';
import { iconsWithoutGlyph, transferred } from './support/icons';
import { describeScreenshots } from './support/screenshots';

jest.setTimeout(60_000);

/** What the server answers when an access token has expired. */
const EXPIRED = {
  status: 401,
  contentType: 'application/json',
  body: JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'The access token has expired.' }),
};

const apiPath =
  (path: string) =>
  (url: URL): boolean =>
    url.pathname === path;

describe('Seedbox Panel in the browser', () => {
  let panel: RunningPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const html = (): ReturnType<Page['locator']> => page.locator('html');
  const rows = (): ReturnType<Page['locator']> => page.getByTestId('audit-row');

  beforeAll(async () => {
    panel = await startPanel({ env: { LOG_LEVEL: 'warn' } });
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser, panel.baseUrl));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await panel?.stop();
  });

  it('sends a visitor to the login page, remembering where they were going', async () => {
    await page.goto('/audit');
    await page.waitForURL(/\/login\?returnUrl=%2Faudit$/);
    await page.getByTestId('login-username').waitFor();
    await screenshot(page, 'login-desktop-light');
  });

  it('transfers the sign-in page compressed, with an icon font of only the icons the client uses', async () => {
    const fresh = await openPage(browser, panel.baseUrl);
    try {
      await fresh.page.goto('/login');
      await fresh.page.getByTestId('login-username').waitFor();
      expect(await iconsWithoutGlyph(fresh.page)).toEqual([]);
      const sizes = await transferred(fresh.page);
      process.stdout.write(`sign-in page transfer: ${JSON.stringify(sizes)}\n`);
      // The page got the cut font, not the one the package ships (every icon).
      const shipped = (await stat('node_modules/material-symbols/material-symbols-outlined.woff2')).size;
      expect(sizes.iconFont).toBeGreaterThan(0);
      expect(sizes.iconFont * 10).toBeLessThan(shipped);
    } finally {
      await fresh.context.close();
    }
  });

  it('shows wrong credentials inline', async () => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill('intruder');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Wrong username or password');
    expect(page.url()).toContain('/login');
  });

  it('logs in to the dashboard; the About page shows the server version and the config file', async () => {
    const health = (await (await fetch(`${panel.baseUrl}/api/health`)).json()) as { version: string };
    await page.getByTestId('login-username').fill(panel.username);
    await page.getByTestId('login-password').fill(panel.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('activity-row').first().waitFor();
    expect(await page.getByTestId('user-name').textContent()).toContain(panel.username);
    // The panel's own facts moved to the About page.
    expect(await page.getByTestId('about-version').count()).toBe(0);

    await page.getByTestId('nav-about').click();
    await page.waitForURL(/\/about$/);
    const version = page.getByTestId('about-version');
    await version.waitFor();
    expect((await version.textContent())?.trim()).toBe(health.version);
    expect((await page.getByTestId('about-config-file').textContent())?.trim()).toMatch(/config\.json$/);
    expect(await page.getByTestId('about-uptime').textContent()).not.toBe('');
    await page.locator('sp-readiness-card [data-testid="check"]').first().waitFor();
    await screenshot(page, 'about-desktop-light');
    await page.getByTestId('nav-dashboard').click();
    await page.waitForURL(/\/dashboard$/);
  });

  it('lists the sign-ins in the audit log', async () => {
    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/audit/);
    await page.locator('[data-testid="audit-row"][data-action="auth.login"]').first().waitFor();
    // The failed and the successful sign-in.
    expect(
      await page.locator('[data-testid="audit-row"][data-action="auth.login"]').count(),
    ).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'audit-desktop-light');
  });

  it('narrows the rows with the free-text search and keeps it in the URL', async () => {
    const before = await rows().count();
    await page.getByTestId('audit-filter-q').fill('intruder');
    await page.waitForURL(/[?&]q=intruder/);
    await eventually(async () => (await rows().count()) === 1, 'only the failed sign-in is listed');
    expect(before).toBeGreaterThan(1);
    const row = rows().first();
    expect(await row.textContent()).toContain('intruder');

    await row.click();
    const detail = page.getByTestId('audit-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('401');

    await page.getByTestId('audit-filter-q').fill('no-such-entry-anywhere');
    await page.getByTestId('audit-empty').waitFor();
    expect(await page.getByTestId('audit-empty').textContent()).toContain(
      'No audit entries match these filters',
    );

    await page.getByTestId('audit-filter-clear').click();
    await eventually(async () => (await rows().count()) === before, 'all rows are back');
  });

  it('says so when the From date is after the To date, instead of listing nothing', async () => {
    const before = await rows().count();
    await page.getByTestId('audit-filter-from').fill('2026-03-02');
    await page.getByTestId('audit-filter-to').fill('2026-03-01');
    const problem = page.getByTestId('audit-range-error');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('The From date is after the To date');
    expect(await page.getByTestId('audit-empty').count()).toBe(0);
    await screenshot(page, 'audit-range-desktop-light');

    await page.getByTestId('audit-filter-clear').click();
    await eventually(async () => (await rows().count()) === before, 'all rows are back');
  });

  it('filters by action', async () => {
    // Reloading refreshes the session: a refresh that works is routine, not an entry of its own; a
    // refused one is.
    await page.reload();
    await rows().first().waitFor();
    const refreshes = page.locator('[data-testid="audit-row"][data-action="auth.refresh"]');
    expect(await refreshes.count()).toBe(0);
    const refused = await fetch(`${panel.baseUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: 'not-a-token' }),
    });
    expect(refused.status).toBe(401);
    await page.reload();
    await eventually(async () => (await refreshes.count()) === 1, 'the refused refresh is listed');
    const before = await rows().count();
    await page.getByTestId('audit-filter-action').click();
    await page.getByRole('option', { name: 'auth.login', exact: true }).click();
    await page.waitForURL(/[?&]action=auth\.login/);
    const others = page.locator('[data-testid="audit-row"]:not([data-action="auth.login"])');
    await eventually(async () => {
      const count = await rows().count();
      return count > 0 && count < before && (await others.count()) === 0;
    }, 'only auth.login rows are listed');
  });

  it('downloads the filtered entries as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('audit-log.csv');
    const path = await download.path();
    const csv = await readFile(path, 'utf8');
    expect(csv).toContain('auth.login');
    expect(csv).not.toContain('auth.refresh');
  });

  it('switches to dark mode and remembers it after a reload', async () => {
    expect(await html().getAttribute('data-theme')).toBe('light');
    await page.getByTestId('theme-toggle').click();
    await eventually(async () => (await html().getAttribute('data-theme')) === 'dark', 'the theme is dark');

    await page.reload();
    await page.getByTestId('audit-row').first().waitFor();
    expect(await html().getAttribute('data-theme')).toBe('dark');
    expect(page.url()).toContain('/audit');

    await page.getByTestId('theme-toggle').click();
    await eventually(
      async () => (await html().getAttribute('data-theme')) === 'light',
      'the theme is light again',
    );
  });

  it('refreshes an expired access token once for concurrent requests and retries them', async () => {
    const refreshes: string[] = [];
    const countRefresh = (request: Request): void => {
      if (new URL(request.url()).pathname === '/api/auth/refresh') {
        refreshes.push(request.url());
      }
    };
    page.on('request', countRefresh);
    await page.route(apiPath('/api/sync/status'), (route) => route.fulfill(EXPIRED), { times: 1 });
    await page.route(apiPath('/api/audit'), (route) => route.fulfill(EXPIRED), { times: 1 });

    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('sync-card-last').waitFor();
    await page.getByTestId('activity-row').first().waitFor();
    page.off('request', countRefresh);
    expect(refreshes).toHaveLength(1);
    expect(page.url()).toMatch(/\/dashboard$/);
  });

  it('reports failed requests in a snackbar and offers a retry', async () => {
    await page.route(apiPath('/api/sync/status'), (route) => route.abort('connectionrefused'), { times: 1 });
    await page.getByTestId('dashboard-refresh').click();
    const snackBar = page.locator('mat-snack-bar-container');
    await snackBar.waitFor();
    expect(await snackBar.textContent()).toContain('The panel server is unreachable.');

    const retry = page.locator('sp-sync-card').getByRole('button', { name: 'Try again' });
    await retry.click();
    await page.getByTestId('sync-card-last').waitFor();
  });

  it('sends the user to log in again when the session cannot be refreshed, then back', async () => {
    await page.route(apiPath('/api/auth/refresh'), (route) => route.fulfill(EXPIRED), { times: 1 });
    await page.route(apiPath('/api/audit'), (route) => route.fulfill(EXPIRED), { times: 1 });
    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/login\?returnUrl=%2Faudit$/);

    await page.getByTestId('login-username').fill(panel.username);
    await page.getByTestId('login-password').fill(panel.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/audit$/);
    await rows().first().waitFor();
  });

  it('logs out (revoking the session even with an expired access token) and protects the pages again', async () => {
    const calls: string[] = [];
    const record = (request: Request): void => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/auth/')) {
        calls.push(path);
      }
    };
    page.on('request', record);
    await page.route(apiPath('/api/auth/logout'), (route) => route.fulfill(EXPIRED), { times: 1 });
    const revoked = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/api/auth/logout' && response.status() === 204,
    );
    await page.getByTestId('logout').click();
    await revoked;
    await page.waitForURL(/\/login$/);
    page.off('request', record);
    expect(calls).toEqual(['/api/auth/logout', '/api/auth/refresh', '/api/auth/logout']);

    await page.goto('/dashboard');
    await page.waitForURL(/\/login\?returnUrl=%2Fdashboard$/);
    expect(await page.evaluate('window.localStorage.getItem("seedbox-panel.refresh-token")')).toBeNull();
  });

  it('logged no errors and no Content-Security-Policy violations', () => {
    expect(problems.errors).toEqual([]);
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the ${variant} pages in ${theme} mode`,
      browser: () => browser,
      panel: () => panel,
      logIn: false, // The login page is screenshotted first.
      skip: ({ variant, theme }) => variant === 'desktop' && theme === 'light', // Taken during the flow above.
    },
    async (shot, { theme, suffix }) => {
      await shot.goto('/login');
      await shot.getByTestId('login-username').waitFor();
      expect(await shot.locator('html').getAttribute('data-theme')).toBe(theme);
      await screenshot(shot, `login-${suffix}`);

      await shot.getByTestId('login-username').fill(panel.username);
      await shot.getByTestId('login-password').fill(panel.password);
      await shot.getByTestId('login-submit').click();
      await shot.waitForURL(/\/dashboard$/);
      await shot.getByTestId('activity-row').first().waitFor();
      await shot.getByTestId('sync-card-last').waitFor();
      // The dashboard's screenshots come from dashboard-faults.e2e-spec.ts, against the simulators.

      await shot.goto('/about');
      await shot.getByTestId('about-version').waitFor();
      await shot.locator('sp-readiness-card [data-testid="check"]').first().waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `about-${suffix}`);

      await shot.goto('/audit');
      await shot.getByTestId('audit-row').first().waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `audit-${suffix}`);

      await shot.goto('/audit?from=2026-03-02&to=2026-03-01');
      await shot.getByTestId('audit-range-error').waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `audit-range-${suffix}`);
    },
  );
});
