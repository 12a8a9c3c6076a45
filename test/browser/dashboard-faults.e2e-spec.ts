import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { SEERR_VERSION } from '../../simulators/seerr';
import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(90_000);

/** The panel's upstream timeout (UPSTREAM_TIMEOUT_MS default): how long a hanging Seerr takes to fail. */
const UPSTREAM_TIMEOUT_MS = 10_000;

describe('Dashboard with upstream faults', () => {
  let world: StackPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const seerrCard = (): ReturnType<Page['locator']> => page.getByTestId('seerr-card');
  const serverCards = (): ReturnType<Page['locator']> => page.getByTestId('media-server-card');
  const text = async (testId: string): Promise<string> =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  /** Every card except Seerr's still shows its data. */
  async function expectOtherCardsWork(): Promise<void> {
    await page.getByTestId('activity-row').first().waitFor();
    await page.getByTestId('sync-card-last').waitFor();
    await eventually(async () => (await serverCards().count()) === 3, 'three media server cards show');
    for (const name of ['Plex', 'Jellyfin', 'Emby']) {
      const card = page.locator(`[data-testid="media-server-card"][data-name="${name}"]`);
      await card.getByTestId('media-server-card-users').waitFor();
      expect(Number(await card.getByTestId('media-server-card-users').textContent())).toBeGreaterThan(0);
    }
  }

  beforeAll(async () => {
    world = await startStackPanel();
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser, world.panel.baseUrl));
    await logIn(page, world.panel);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await world?.stop();
  });

  afterEach(() => {
    world.stack.seerr.resetFaults();
    world.stack.jellyfin.resetFaults();
  });

  it('shows Seerr, the sync and every media server when all is well', async () => {
    await seerrCard().getByTestId('seerr-card-figures').waitFor();
    expect(await text('seerr-card-version')).toBe(`Version ${SEERR_VERSION}`);
    expect(Number((await text('seerr-card-users')).replace(/,/g, ''))).toBe(
      world.stack.seerr.state.users.size,
    );
    await expectOtherCardsWork();
    expect(await text('sync-card-last')).toBe('Never');
    expect(await text('sync-card-next')).toBe('Not scheduled');
    // Each type has its own icon, named for screen readers and explained by the legend.
    const types = await serverCards()
      .locator('[mat-card-avatar]')
      .evaluateAll((icons) =>
        icons.map((icon) => [icon.getAttribute('aria-label'), icon.textContent?.trim()]),
      );
    expect(new Set(types.map(([, icon]) => icon)).size).toBe(3);
    expect(types.map(([label]) => label).sort()).toEqual(['Emby', 'Jellyfin', 'Plex']);
    expect(await page.locator('sp-media-servers-section .legend li').count()).toBe(3);
  });

  it("shows Seerr's error in its card when Seerr answers with errors, and the rest still works", async () => {
    world.stack.seerr.setFaults({ errorRate: 1, errorStatus: 500 });
    await page.getByTestId('dashboard-refresh').click();
    const error = seerrCard().getByTestId('seerr-card-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Seerr/);
    await expectOtherCardsWork();
    // The API answered 200 with Seerr's error inside, so no snackbar interrupts.
    expect(await page.locator('mat-snack-bar-container').count()).toBe(0);
    await screenshot(page, 'dashboard-fault-desktop-light');

    world.stack.seerr.resetFaults();
    await error.getByRole('button', { name: 'Try again' }).click();
    await seerrCard().getByTestId('seerr-card-figures').waitFor();
  });

  it('keeps the other cards working while Seerr hangs, then names the timeout', async () => {
    world.stack.seerr.setFaults({ hang: true });
    await page.getByTestId('dashboard-refresh').click();
    await expectOtherCardsWork();
    // The rest of the dashboard did not wait for Seerr: its card is still loading the hung request.
    expect(await seerrCard().locator('mat-progress-bar').count()).toBe(1);

    const error = seerrCard().getByTestId('seerr-card-error');
    await error.waitFor({ timeout: UPSTREAM_TIMEOUT_MS + 10_000 });
    expect(await error.textContent()).toMatch(/Seerr .*did not answer within 10 s/);
  });

  it("shows a failing media server's error on its own card", async () => {
    world.stack.jellyfin.setFaults({ badAuth: true });
    await page.getByTestId('dashboard-refresh').click();
    const jellyfin = page.locator('[data-testid="media-server-card"][data-name="Jellyfin"]');
    await jellyfin.getByTestId('media-server-card-error').waitFor();
    expect(await jellyfin.getAttribute('data-ok')).toBe('false');
    for (const name of ['Plex', 'Emby']) {
      const card = page.locator(`[data-testid="media-server-card"][data-name="${name}"]`);
      await card.getByTestId('media-server-card-users').waitFor();
    }
    await seerrCard().getByTestId('seerr-card-figures').waitFor();
  });

  it('names Seerr on the Requests page when Seerr is down', async () => {
    world.stack.seerr.setFaults({ errorRate: 1, errorStatus: 500 });
    await page.getByTestId('nav-requests').click();
    const error = page.getByTestId('requests-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Seerr/);
    // The page handles the error itself.
    expect(await page.locator('mat-snack-bar-container').count()).toBe(0);

    world.stack.seerr.resetFaults();
    await error.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('request-row').first().waitFor();
  });

  it('logged no errors in the browser', () => {
    expect(problems.errors).toEqual([]);
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the ${variant} dashboard in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (shot, { suffix }) => {
      await shot.getByTestId('seerr-card-figures').waitFor();
      await eventually(
        async () => (await shot.getByTestId('media-server-card-users').count()) === 3,
        'every media server shows its users',
      );
      await shot.getByTestId('activity-row').first().waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `dashboard-${suffix}`);
    },
  );
});
