import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(90_000);

/** The panel's upstream timeout (UPSTREAM_TIMEOUT_MS default): how long a hanging Plex takes to fail. */
const UPSTREAM_TIMEOUT_MS = 10_000;
/** PLEX_SESSIONS_POLL_MS default: how often the sessions stream pushes a tick. */
const SESSIONS_POLL_MS = 5000;

describe('Plex tab', () => {
  let world: StackPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const byTestId = (id: string): Locator => page.getByTestId(id);
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();
  const library = (title: string): Locator =>
    page.locator(`[data-testid="plex-library"][data-title="${title}"]`);

  /** Tautulli's cards show their data: status, plays chart, users and history. */
  async function expectTautulliWorks(): Promise<void> {
    await byTestId('tautulli-figures').waitFor();
    await byTestId('tautulli-plays-chart').locator('rect').first().waitFor();
    await byTestId('tautulli-user').first().waitFor();
    await byTestId('tautulli-history-row').first().waitFor();
  }

  async function openTab(): Promise<void> {
    await byTestId('nav-plex').click();
    await page.waitForURL(/\/plex$/);
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
    world.stack.plex.sim.resetFaults();
  });

  it('shows the Plex server, Tautulli and the libraries with their counts', async () => {
    await openTab();
    const server = world.stack.plex.state.world.server;
    await byTestId('plex-server-figures').waitFor();
    expect(await text(byTestId('plex-server-name'))).toBe(server.friendlyName);
    expect(await text(byTestId('plex-server-version'))).toBe(server.version);
    expect(await text(byTestId('plex-server-transcodes'))).toMatch(/^\d+ active$/);

    await byTestId('tautulli-figures').waitFor();
    expect(await text(byTestId('tautulli-plex'))).toMatch(/Connected$/);
    expect(await text(byTestId('tautulli-plex-version'))).toContain(`Plex ${server.version}`);

    const libraries = world.stack.plex.state.world.libraries;
    await eventually(
      async () => (await byTestId('plex-library').count()) === libraries.length,
      'every library shows',
    );
    for (const { title } of libraries) {
      const count = Number((await text(library(title).getByTestId('plex-library-count'))).replace(/,/g, ''));
      expect(count).toBeGreaterThan(0);
    }
  });

  it('refreshes the live sessions over the event stream, without a reload', async () => {
    const sessions = byTestId('plex-sessions');
    await sessions.getByTestId('plex-sessions-updated').waitFor();
    await eventually(async () => (await byTestId('plex-session').count()) > 0, 'a session plays');
    const session = byTestId('plex-session').first();
    expect(await text(session.getByTestId('plex-session-title'))).not.toBe('');
    expect(await text(session.getByTestId('plex-session-user'))).not.toBe('');
    expect(await text(session.getByTestId('plex-session-decision'))).toMatch(
      /(Direct play|Direct stream|Transcode)$/,
    );
    expect(await session.locator('mat-progress-bar').count()).toBe(1);
    expect(Number(await text(byTestId('plex-sessions-count')))).toBe(await byTestId('plex-session').count());

    // The next tick of the stream arrives on its own.
    const readAt = async (): Promise<string | null> =>
      sessions.getByTestId('plex-sessions-updated').getAttribute('data-read-at');
    const first = await readAt();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await eventually(async () => (await readAt()) !== first, 'a newer tick arrives', SESSIONS_POLL_MS * 3);
    expect(navigations).toEqual([]);

    // Each tick is a bandwidth sample, drawn on the chart.
    await eventually(
      async () => Number(await byTestId('plex-bandwidth').getAttribute('data-samples')) >= 2,
      'two bandwidth samples are drawn',
    );
    const chart = byTestId('plex-bandwidth-chart');
    expect(await chart.locator('path.line').count()).toBe(3);
    expect(await chart.locator('svg').getAttribute('aria-label')).toMatch(/^Plex stream bandwidth/);
  });

  it('draws the plays per day chart with an accessible summary and table', async () => {
    const chart = byTestId('tautulli-plays-chart');
    await chart.locator('rect').first().waitFor();
    expect(await chart.locator('svg').getAttribute('aria-label')).toMatch(
      /^Plays per day over the last 30 days/,
    );
    // One hidden table row per day, for screen readers.
    expect(await chart.locator('table tbody tr').count()).toBe(30);
    expect(await text(byTestId('tautulli-plays-total'))).toMatch(/^\d+ plays in the last 30 days$/);
    expect(await chart.locator('.legend li').count()).toBeGreaterThan(1);
  });

  it('lists Tautulli users and pages through the history', async () => {
    await byTestId('tautulli-user').first().waitFor();
    expect(await byTestId('tautulli-user').count()).toBeLessThanOrEqual(10);
    // Sorted by plays, most first.
    const plays = await byTestId('tautulli-user-plays').evaluateAll((cells) =>
      cells.map((cell) => Number(cell.textContent?.replace(/,/g, '').trim())),
    );
    expect(plays).toEqual([...plays].sort((a, b) => b - a));

    const history = byTestId('tautulli-history');
    await history.getByTestId('tautulli-history-row').first().waitFor();
    const firstPage = await text(history.getByTestId('tautulli-history-row').first());
    await history.getByRole('button', { name: 'Next page' }).click();
    await eventually(
      async () => (await text(history.getByTestId('tautulli-history-row').first())) !== firstPage,
      'the second page of history shows',
    );
  });

  it('scans a library, confirms it, and the audit log names the library', async () => {
    const title = world.stack.plex.state.world.libraries[0].title;
    await library(title).getByTestId('plex-library-scan').click();
    const snack = page.locator('mat-snack-bar-container');
    await snack.waitFor();
    expect(await text(snack)).toContain(`scanning the library "${title}"`);
    await snack.getByRole('button', { name: 'OK' }).click();

    await byTestId('nav-audit').click();
    const row = page.locator('[data-testid="audit-row"][data-action="plex.scan"]').first();
    await row.waitFor();
    expect(await text(row)).toContain(title);
  });

  it('explains how to enable Plex restarts when no container is configured', async () => {
    await openTab();
    await byTestId('plex-server-figures').waitFor();
    await byTestId('plex-restart').click();
    await byTestId('confirm-ok').click();
    const notice = byTestId('plex-restart-unavailable');
    await notice.waitFor();
    expect(await text(notice)).toMatch(/no restart API.*container/);
    // The page explains it in the card, so no snackbar interrupts.
    expect(await page.locator('mat-snack-bar-container').count()).toBe(0);
  });

  it('restarts Tautulli after a confirmation', async () => {
    const before = world.stack.tautulli.state.restarts;
    await byTestId('tautulli-restart').click();
    await byTestId('confirm-cancel').click();
    expect(world.stack.tautulli.state.restarts).toBe(before);

    await byTestId('tautulli-restart').click();
    await byTestId('confirm-ok').click();
    const snack = page.locator('mat-snack-bar-container');
    await snack.waitFor();
    expect(await text(snack)).toContain('Tautulli is restarting');
    expect(world.stack.tautulli.state.restarts).toBe(before + 1);
    await snack.getByRole('button', { name: 'OK' }).click();
    await snack.waitFor({ state: 'detached' });
  });

  it("shows Plex's error on its cards when Plex answers errors, while Tautulli's cards work", async () => {
    world.stack.plex.sim.setFaults({ errorRate: 1, errorStatus: 500 });
    await byTestId('plex-refresh').click();
    const error = byTestId('plex-server-error');
    await error.waitFor();
    expect(await text(error)).toMatch(/Plex/);
    // The libraries come from the panel's 60 s cache, so they still show.
    expect(await byTestId('plex-library').count()).toBeGreaterThan(0);
    // The sessions stream stays open and reports the failed tick.
    await byTestId('plex-sessions-error').waitFor({ timeout: SESSIONS_POLL_MS * 3 });
    expect(await text(byTestId('plex-sessions-error'))).toMatch(/Plex/);
    await expectTautulliWorks();
    expect(await page.locator('mat-snack-bar-container').count()).toBe(0);
    await screenshot(page, 'plex-fault-desktop-light');

    world.stack.plex.sim.resetFaults();
    await error.getByRole('button', { name: 'Try again' }).click();
    await byTestId('plex-server-figures').waitFor();
    // The stream recovers by itself on its next tick.
    await byTestId('plex-sessions-updated').waitFor({ timeout: SESSIONS_POLL_MS * 3 });
  });

  it('keeps Tautulli working while Plex hangs, then names the timeout', async () => {
    world.stack.plex.sim.setFaults({ hang: true });
    await byTestId('plex-refresh').click();
    await expectTautulliWorks();
    // Tautulli did not wait for Plex: the Plex card is still loading the hung request.
    expect(await byTestId('plex-server-card').locator('mat-progress-bar').count()).toBe(1);

    const error = byTestId('plex-server-error');
    await error.waitFor({ timeout: UPSTREAM_TIMEOUT_MS + 10_000 });
    expect(await text(error)).toMatch(/Plex .*did not answer within 10 s/);
  });

  it('says Plex is not configured, and sets it up again in the connection dialog', async () => {
    const url = world.stack.plex.sim.url;
    await byTestId('plex-settings').click();
    const urlField = page.getByTestId('connection-url');
    await eventually(async () => (await urlField.inputValue()) === url, 'the saved URL shows');
    expect(await page.getByTestId('connection-secret').inputValue()).toBe('');
    expect(await text(page.locator('mat-dialog-container mat-hint').first())).toContain('One is set');
    await urlField.fill('');
    await byTestId('connection-save').click();

    const error = byTestId('plex-server-error');
    await eventually(async () => /Plex is not configured/.test(await text(error)), 'the 503 sentence shows');
    await eventually(
      async () => /Plex is not configured/.test(await text(byTestId('plex-sessions-error'))),
      'the sessions card says so too',
    );
    await expectTautulliWorks();

    await byTestId('plex-settings').click();
    await page.getByTestId('connection-url').fill(url);
    await byTestId('connection-save').click();
    await byTestId('plex-server-figures').waitFor();
    await byTestId('plex-sessions-updated').waitFor({ timeout: SESSIONS_POLL_MS * 3 });
  });

  it('logged no errors in the browser', () => {
    expect(problems.errors).toEqual([]);
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the ${variant} Plex tab in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (shot, { suffix }) => {
      await shot.goto('/plex');
      await shot.getByTestId('plex-server-figures').waitFor();
      await shot.getByTestId('tautulli-figures').waitFor();
      await shot.getByTestId('plex-session').first().waitFor();
      await shot.getByTestId('plex-library').first().waitFor();
      await shot.getByTestId('tautulli-plays-chart').locator('rect').first().waitFor();
      await eventually(
        async () => Number(await shot.getByTestId('plex-bandwidth').getAttribute('data-samples')) >= 2,
        'two bandwidth samples are drawn',
        SESSIONS_POLL_MS * 3,
      );
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `plex-${suffix}`);
    },
  );
});
