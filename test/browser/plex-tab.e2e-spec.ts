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

/** A day as the date inputs take it (the simulated history ends now). */
const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

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

  it("opens a stream's details: codecs, resolution, delivery, player and location", async () => {
    const session = byTestId('plex-session').first();
    await session.waitFor();
    const toggle = session.getByTestId('plex-session-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const details = session.getByTestId('plex-session-details');
    await details.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await text(details.getByTestId('plex-session-audio'))).not.toBe('');
    // The chip's text starts with its icon's name.
    const decision = /(Direct play|Direct stream|Transcode)$/.exec(
      await text(session.getByTestId('plex-session-decision')),
    )?.[1];
    expect(decision).toBeDefined();
    const delivery = await text(details.getByTestId('plex-session-delivery'));
    expect(delivery.startsWith(decision ?? '?')).toBe(true);
    if (decision !== 'Direct play') expect(delivery).toMatch(/ · \S/);
    expect(await text(details.getByTestId('plex-session-location'))).toMatch(/^(lan|wan|unknown)\b/);
    // The details stay open across ticks of the stream.
    const readAt = await byTestId('plex-sessions-updated').getAttribute('data-read-at');
    await eventually(
      async () => (await byTestId('plex-sessions-updated').getAttribute('data-read-at')) !== readAt,
      'a newer tick arrives',
      SESSIONS_POLL_MS * 3,
    );
    expect(await details.isVisible()).toBe(true);
    await toggle.click();
    await details.waitFor({ state: 'detached' });
  });

  it('stops a stream with a message, through Tautulli, and the session leaves the list', async () => {
    const session = byTestId('plex-session').first();
    await session.waitFor();
    const id = (await session.getAttribute('data-session-id')) ?? '';
    const before = world.stack.tautulli.state.terminations.length;
    await session.getByTestId('plex-session-stop').click();
    await byTestId('stop-stream-cancel').click();
    expect(world.stack.tautulli.state.terminations).toHaveLength(before);

    await session.getByTestId('plex-session-stop').click();
    await byTestId('stop-stream-message').fill('Maintenance in five minutes');
    await byTestId('stop-stream-ok').click();
    const snack = page.locator('mat-snack-bar-container');
    await snack.waitFor();
    expect(await text(snack)).toMatch(/^Stopped ".+" for /);
    expect(world.stack.tautulli.state.terminations.slice(before)).toEqual([
      expect.objectContaining({ sessionId: id, message: 'Maintenance in five minutes' }),
    ]);
    await eventually(
      async () => (await page.locator(`[data-testid="plex-session"][data-session-id="${id}"]`).count()) === 0,
      'the stopped session leaves the list',
    );
    await snack.getByRole('button', { name: 'OK' }).click();
    await snack.waitFor({ state: 'detached' });
  });

  it('shows the top stats cards: movies, shows, users and platforms, most played first', async () => {
    const stats = byTestId('tautulli-top-stats');
    await stats.getByTestId('tautulli-top-row').first().waitFor();
    const cards = await stats
      .getByTestId('tautulli-top-card')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-stat')));
    expect(cards).toEqual(['movies', 'shows', 'users', 'platforms']);
    for (const id of ['movies', 'shows', 'users', 'platforms']) {
      const card = stats.locator(`[data-testid="tautulli-top-card"][data-stat="${id}"]`);
      const plays = await card
        .getByTestId('tautulli-top-plays')
        .evaluateAll((els) => els.map((el) => Number(el.textContent?.replace(/[^\d]/g, ''))));
      expect(plays.length).toBeGreaterThan(0);
      expect(plays.length).toBeLessThanOrEqual(5);
      expect(plays).toEqual([...plays].sort((a, b) => b - a));
    }
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

  it('filters the history by media type and days, pages it, and says so when from is after to', async () => {
    const history = byTestId('tautulli-history');
    await history.getByTestId('tautulli-history-row').first().waitFor();
    const range = history.locator('.mat-mdc-paginator-range-label');
    const totalOf = async (): Promise<number> =>
      Number(((await text(range)).split(' of ')[1] ?? '').replace(/,/g, ''));
    const everything = await totalOf();

    await history.getByTestId('history-filter-type').click();
    await page.getByRole('option', { name: 'Movies' }).click();
    await eventually(async () => {
      const types = await history
        .getByTestId('tautulli-history-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-media-type')));
      return types.length > 0 && types.every((t) => t === 'movie');
    }, 'only movies are listed');
    const movies = await totalOf();
    expect(movies).toBeGreaterThan(0);
    expect(movies).toBeLessThan(everything);
    expect(await text(range)).toMatch(/^1 – 10 of /);

    await history.getByRole('button', { name: 'Next page' }).click();
    await eventually(async () => /^11 – /.test(await text(range)), 'the second page of movies shows');
    const types = await history
      .getByTestId('tautulli-history-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-media-type')));
    expect(new Set(types)).toEqual(new Set(['movie']));

    // A range the wrong way round is said at once and not sent.
    await history.getByTestId('history-filter-from').fill(daysAgo(0));
    await history.getByTestId('history-filter-to').fill(daysAgo(7));
    const error = history.getByTestId('history-filter-error');
    await error.waitFor();
    expect(await text(error)).toMatch(/From must not be after To\.$/);
    expect(await history.getByTestId('history-filter-from').getAttribute('aria-invalid')).toBe('true');

    await history.getByTestId('history-filter-clear').click();
    await error.waitFor({ state: 'detached' });
    await eventually(async () => (await totalOf()) >= everything, 'every play is listed again');
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

  it('disables Restart with the reason when no container runs Plex, instead of asking and refusing', async () => {
    await openTab();
    await byTestId('plex-server-figures').waitFor();
    const notice = byTestId('plex-restart-unavailable');
    await notice.waitFor();
    expect(await text(notice.locator('p').first())).toBe('Plex has no restart API.');
    // The how-to folds away; it names the setting.
    const howTo = notice.locator('details');
    expect(await howTo.getAttribute('open')).toBeNull();
    await howTo.locator('summary').click();
    expect(await howTo.getAttribute('open')).toBe('');
    expect(await text(howTo.locator('p'))).toMatch(/"plex\.container"/);
    const restart = byTestId('plex-restart');
    expect(await restart.isDisabled()).toBe(true);
    expect(await restart.getAttribute('aria-describedby')).toBe('plex-restart-why');
    // The tooltip sits on the wrapper (a disabled button gets no pointer events).
    await page.locator('[data-testid="plex-server-card"] .restart').hover();
    const tooltip = page.locator('.mat-mdc-tooltip');
    await tooltip.waitFor();
    expect(await text(tooltip)).toBe('Restart needs the Docker container that runs Plex');
    expect(await page.locator('mat-dialog-container').count()).toBe(0);
    await page.mouse.move(0, 0);
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
      await shot.getByTestId('plex-restart-unavailable').waitFor();
      await screenshot(shot, `plex-${suffix}`);

      // A stream's details, open.
      const session = shot.getByTestId('plex-session').first();
      await session.getByTestId('plex-session-toggle').click();
      await session.getByTestId('plex-session-details').waitFor();
      await session.scrollIntoViewIfNeeded();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `plex-session-details-${suffix}`);

      // The dialog that asks for the message of a stopped stream.
      await session.getByTestId('plex-session-stop').click();
      await shot.getByTestId('stop-stream-message').fill('Maintenance in five minutes');
      await screenshot(shot, `plex-stop-stream-${suffix}`);
      await shot.getByTestId('stop-stream-cancel').click();
      await shot.locator('mat-dialog-container').waitFor({ state: 'detached' });

      const top = shot.getByTestId('tautulli-top-stats');
      await top.getByTestId('tautulli-top-row').first().waitFor();
      await top.scrollIntoViewIfNeeded();
      await screenshot(shot, `plex-top-stats-${suffix}`);

      // The history with a range the wrong way round: the filters say so.
      const history = shot.getByTestId('tautulli-history');
      await history.getByTestId('tautulli-history-row').first().waitFor();
      await history.getByTestId('history-filter-from').fill(daysAgo(0));
      await history.getByTestId('history-filter-to').fill(daysAgo(7));
      await history.getByTestId('history-filter-error').waitFor();
      await history.getByTestId('history-filters').scrollIntoViewIfNeeded();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `plex-history-filters-${suffix}`);
    },
  );
});
