import { randomBytes } from 'node:crypto';

import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(120_000);

const MAGNET_NAME = 'E2E.Magnet.Test.2026.1080p';
const MAGNET_HASH = randomBytes(20).toString('hex').toUpperCase();
const MAGNET = `magnet:?xt=urn:btih:${MAGNET_HASH}&dn=${MAGNET_NAME}`;

describe('Torrents tab', () => {
  let world: StackPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  /** Names acted on, for the audit log check. */
  const acted: { paused?: string; resumed: string[] } = { resumed: [] };

  const byTestId = (id: string): Locator => page.getByTestId(id);
  const rows = (): Locator => byTestId('torrent-row');
  const row = (hash: string): Locator => page.locator(`[data-testid="torrent-row"][data-hash="${hash}"]`);
  const card = (client: string): Locator =>
    page.locator(`[data-testid="torrent-client-card"][data-client="${client}"]`);
  const readyCard = (client: string): Locator =>
    page.locator(`[data-testid="torrent-client-card"][data-client="${client}"][data-state="ready"]`);
  const chip = (state: string): Locator =>
    page.locator(`[data-testid="torrent-state-chip"][data-state="${state}"]`);
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();
  const attributes = (locator: Locator, name: string): Promise<string[]> =>
    locator.evaluateAll((els, attr) => els.map((el) => el.getAttribute(attr) ?? ''), name);
  const totalTorrents = (): number =>
    world.stack.utorrent.state.torrents.size + world.stack.rtorrent.state.torrents.size;

  /** Opens the tab (optionally with a view in the URL) and waits until both clients' lists are in. */
  async function openTab(query = ''): Promise<void> {
    await page.goto(`/torrents${query}`);
    await readyCard('utorrent').waitFor();
    await readyCard('rutorrent').waitFor();
  }

  async function search(value: string): Promise<void> {
    await byTestId('torrent-search').fill(value);
    await eventually(() => Promise.resolve(page.url().includes('q=')), 'the search is in the URL');
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
    world.stack.rtorrent.resetFaults();
    world.stack.utorrent.resetFaults();
  });

  it('lists both clients in one list with a client column', async () => {
    await byTestId('nav-torrents').click();
    await page.waitForURL(/\/torrents$/);
    await openTab();
    const total = totalTorrents();
    await eventually(
      async () => (await text(byTestId('torrents-summary'))) === `${total} torrents`,
      `the summary counts all ${total} torrents`,
    );
    expect(await text(chip('all'))).toBe(`All ${total}`);
    for (const client of ['utorrent', 'rutorrent']) {
      expect(Number(await text(card(client).getByTestId('torrent-client-total')))).toBe(80);
    }

    // The client filter narrows to one client; its rows say so in the client column.
    await byTestId('torrent-client-filter').click();
    await page.getByRole('option', { name: 'rTorrent' }).click();
    await eventually(
      () => Promise.resolve(page.url().includes('client=rutorrent')),
      'the client filter is in the URL',
    );
    await eventually(
      async () => (await text(byTestId('torrents-summary'))) === `80 of ${total} torrents match`,
      'only rTorrent torrents match',
    );
    expect(new Set(await attributes(rows(), 'data-client'))).toEqual(new Set(['rutorrent']));
    expect(new Set(await rows().getByTestId('torrent-client').allTextContents())).toEqual(
      new Set(['rTorrent']),
    );
    // A bandwidth chart is drawn from live samples.
    await byTestId('torrent-bandwidth-chart').locator('svg path').first().waitFor();
  });

  it('narrows the list by state and by search', async () => {
    await openTab();
    await chip('paused').click();
    await eventually(
      () => Promise.resolve(page.url().includes('state=paused')),
      'the state filter is in the URL',
    );
    const paused = Number((await text(chip('paused'))).replace(/\D/g, ''));
    expect(paused).toBeGreaterThan(1);
    await eventually(
      async () => (await text(byTestId('torrents-summary'))).startsWith(`${paused} of `),
      'the summary matches the chip count',
    );
    expect(new Set(await attributes(rows(), 'data-state'))).toEqual(new Set(['paused']));

    // Search by a name within the paused torrents: one row left.
    const name = await text(rows().first().getByTestId('torrent-name'));
    await search(name);
    await eventually(async () => (await rows().count()) === 1, 'one row matches the name');
    expect(await text(rows().first().getByTestId('torrent-name'))).toBe(name);
    // Chips count what the search leaves.
    expect(await text(chip('all'))).toBe('All 1');
  });

  it('pauses a torrent from its menu and shows the new state live', async () => {
    const [hash, t] = [...world.stack.utorrent.state.torrents].find(([, torrent]) => torrent.status === 201)!;
    await openTab(`?q=${hash}`);
    await eventually(
      async () =>
        (await row(hash).getAttribute('data-state')) === 'downloading' ||
        (await row(hash).getAttribute('data-state')) === 'seeding',
      'the torrent is transferring',
    );

    const lists: string[] = [];
    const onRequest = (request: { url(): string }): void => {
      if (/\/api\/(u|ru)torrent\/torrents\?/.test(request.url())) lists.push(request.url());
    };
    page.on('request', onRequest);
    try {
      await row(hash).getByTestId('torrent-menu').click();
      await byTestId('torrent-action-pause').click();
      await eventually(
        async () => (await row(hash).getAttribute('data-state')) === 'paused',
        'the row shows Paused',
      );
      expect(await text(row(hash).getByTestId('torrent-state'))).toMatch(/Paused$/);
      await page.locator('mat-snack-bar-container', { hasText: `Paused ${t.name}.` }).waitFor();
      // The change came over the event stream: the list was not read again.
      expect(lists).toEqual([]);
    } finally {
      page.off('request', onRequest);
    }
    acted.paused = t.name;
  });

  it('resumes two selected torrents with one bulk action', async () => {
    await openTab('?state=paused');
    const first = rows().nth(0);
    const second = rows().nth(1);
    const hashes = [
      await first.getAttribute('data-hash'),
      await second.getAttribute('data-hash'),
    ] as string[];
    acted.resumed = [
      await text(first.getByTestId('torrent-name')),
      await text(second.getByTestId('torrent-name')),
    ];
    await first.getByTestId('torrent-select').click();
    await second.getByTestId('torrent-select').click();
    await eventually(
      async () => (await text(byTestId('torrent-bulk-count'))) === '2 selected',
      'the bulk bar counts two',
    );
    await byTestId('torrent-bulk-resume').click();
    // Resumed, they leave the Paused view by themselves.
    await eventually(
      async () => (await row(hashes[0]).count()) === 0 && (await row(hashes[1]).count()) === 0,
      'both resumed torrents leave the Paused view',
    );
    await openTab(`?q=${hashes[0]}`);
    expect(await row(hashes[0]).getAttribute('data-state')).not.toBe('paused');
  });

  it('adds a torrent by magnet link and it appears', async () => {
    await openTab();
    await byTestId('torrents-add').click();
    await byTestId('add-torrent-url').fill('not a link');
    await byTestId('add-torrent-submit').click();
    await page.getByText('An http(s):// URL of a .torrent file or a magnet: link.').waitFor();
    await byTestId('add-torrent-url').fill(MAGNET);
    await byTestId('add-torrent-label').fill('E2E');
    await byTestId('add-torrent-submit').click();
    await page.locator('mat-snack-bar-container', { hasText: `Added ${MAGNET_NAME} to uTorrent.` }).waitFor();
    await search('E2E.Magnet');
    await row(MAGNET_HASH).waitFor();
    expect(await row(MAGNET_HASH).getAttribute('data-client')).toBe('utorrent');
  });

  it('removes a torrent with its data after an explicit choice, and the audit log names the actions', async () => {
    await openTab(`?q=${MAGNET_HASH}`);
    await row(MAGNET_HASH).getByTestId('torrent-menu').click();
    await byTestId('torrent-action-remove').click();
    // The dialog's list fills in on its first change detection, a moment after the dialog is attached.
    await byTestId('remove-names').getByText(MAGNET_NAME).waitFor();
    await eventually(
      async () => (await text(byTestId('remove-confirm'))) === 'Remove',
      'the button says Remove',
    );
    await byTestId('remove-delete-data').locator('input').check();
    await eventually(
      async () => (await text(byTestId('remove-confirm'))) === 'Remove and delete data',
      'the button says the data goes too',
    );
    expect(await text(byTestId('remove-data-help'))).toMatch(/cannot be undone/);
    await byTestId('remove-confirm').click();
    await row(MAGNET_HASH).waitFor({ state: 'detached' });
    await byTestId('torrents-empty').waitFor();
    expect(world.stack.utorrent.state.torrents.has(MAGNET_HASH)).toBe(false);
    expect(world.stack.utorrent.state.deletedData).toContain(MAGNET_HASH);

    await byTestId('nav-audit').click();
    await page.waitForURL(/\/audit/);
    const entry = (action: string, target: string): Locator =>
      page.locator(`[data-testid="audit-row"][data-action="${action}"]`, { hasText: target });
    await entry('utorrent.remove', MAGNET_NAME).waitFor();
    await entry('utorrent.add', MAGNET_NAME).waitFor();
    await entry('utorrent.pause', acted.paused!).waitFor();
    expect(await page.locator('[data-testid="audit-row"][data-action$=".bulk"]').count()).toBeGreaterThan(0);
    const bulk = await text(page.locator('[data-testid="audit-row"][data-action$=".bulk"]').first());
    expect(acted.resumed.some((name) => bulk.includes(name))).toBe(true);
  });

  it('names data that cannot be deleted before anything is removed, and removes the torrent only', async () => {
    const t = [...world.stack.rtorrent.state.torrents.values()].find((x) => !x.multiFile && x.isOpen)!;
    t.directory = '/elsewhere';
    t.basePath = `/elsewhere/${t.name}`;
    await openTab(`?q=${t.hash}`);
    await row(t.hash).getByTestId('torrent-menu').click();
    await byTestId('torrent-action-remove').click();
    await byTestId('remove-delete-data').locator('input').check();
    await byTestId('remove-unsafe').waitFor();
    expect(await text(byTestId('remove-unsafe'))).toContain(
      `${t.name}: the data is outside rTorrent's download directory`,
    );
    expect(await text(byTestId('remove-unsafe'))).toContain(t.basePath);
    expect(await byTestId('remove-confirm').isDisabled()).toBe(true);
    await screenshot(page, 'torrents-remove-refused-desktop-light');
    await byTestId('remove-torrent-only').click();
    await row(t.hash).waitFor({ state: 'detached' });
    expect(world.stack.rtorrent.state.torrents.has(t.hash)).toBe(false);
  });

  it('asks before deleting data another torrent shares, and deletes it once forced', async () => {
    const [mine, other] = [...world.stack.utorrent.state.torrents.values()].filter((x) => x.name).slice(0, 2);
    other.savePath = mine.savePath;
    await openTab(`?q=${mine.hash}`);
    await row(mine.hash).getByTestId('torrent-menu').click();
    await byTestId('torrent-action-remove').click();
    await byTestId('remove-delete-data').locator('input').check();
    await byTestId('remove-shared').waitFor();
    expect(await text(byTestId('remove-shared'))).toContain(`shares its data with "${other.name}"`);
    expect(await byTestId('remove-confirm').isDisabled()).toBe(true);
    await byTestId('remove-force').locator('input').check();
    await eventually(
      async () => !(await byTestId('remove-confirm').isDisabled()),
      'forcing enables the removal',
    );
    await byTestId('remove-confirm').click();
    await row(mine.hash).waitFor({ state: 'detached' });
    expect(world.stack.utorrent.state.deletedData).toContain(mine.hash);
    expect(world.stack.utorrent.state.torrents.has(other.hash)).toBe(true);
  });

  it("shows a failing client's error in its card while the other client's torrents still list", async () => {
    await openTab();
    world.stack.rtorrent.setFaults({ errorRate: 1, errorStatus: 500 });
    const error = card('rutorrent').getByTestId('torrent-client-error');
    await error.waitFor({ timeout: 20_000 });
    expect(await text(error)).toMatch(/rTorrent/);
    await eventually(
      async () => new Set(await attributes(rows(), 'data-client')).has('rutorrent') === false,
      "rTorrent's rows leave the list",
    );
    expect(await rows().count()).toBeGreaterThan(5);
    expect(await card('utorrent').getAttribute('data-state')).toBe('ready');
    // The page handles it: no snackbar.
    expect(await page.locator('mat-snack-bar-container').count()).toBe(0);

    // Back up: the stream reports it and the list comes back without a reload.
    world.stack.rtorrent.resetFaults();
    await readyCard('rutorrent').waitFor({ timeout: 20_000 });
    await eventually(
      async () => (await text(byTestId('torrents-summary'))) === `${totalTorrents()} torrents`,
      'every torrent is listed again',
    );
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the ${variant} tab in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (shot, { variant, suffix }) => {
      await shot.goto('/torrents');
      await shot.getByTestId('torrent-row').first().waitFor();
      await eventually(
        async () => Number(await shot.getByTestId('torrent-bandwidth').getAttribute('data-samples')) >= 3,
        'the chart has a few samples',
      );
      // Two selected rows show the bulk bar.
      await shot.getByTestId('torrent-select').nth(1).click();
      await shot.getByTestId('torrent-select').nth(2).click();
      if (variant === 'desktop') {
        // The cards and the chart above the list (the clicks scrolled the page down).
        await shot.locator('mat-sidenav-content').evaluate((el) => el.scrollTo(0, 0));
      }
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `torrents-${suffix}`);
    },
  );

  it('stays virtual and reaches the end with 5,000 torrents', async () => {
    const state = world.stack.utorrent.state;
    for (let i = 0; state.torrents.size < 5000; i++) {
      state.add(
        state.added({
          hash: randomBytes(20).toString('hex').toUpperCase(),
          name: `Bulk.Load.${String(i).padStart(5, '0')}.mkv`,
          size: 700 * 1024 * 1024,
        }),
      );
    }
    await openTab('?client=utorrent');
    const total = state.torrents.size;
    await eventually(
      async () =>
        (await text(byTestId('torrents-summary'))) ===
        `${total.toLocaleString('en')} of ${totalTorrents().toLocaleString('en')} torrents match`,
      `all ${total} uTorrent torrents are listed`,
      30_000,
    );
    // Only the rows in view (and a small buffer) exist.
    expect(await rows().count()).toBeLessThan(60);

    // Scroll to the end in steps, as a wheel would; the last row (aria-rowindex = total + 1) shows.
    const viewport = byTestId('torrent-viewport');
    await viewport.evaluate(async (el) => {
      for (let i = 0; i < 40 && el.scrollTop + el.clientHeight < el.scrollHeight; i++) {
        el.scrollTop += el.scrollHeight / 20;
        await new Promise((done) => setTimeout(done, 16));
      }
      el.scrollTop = el.scrollHeight;
    });
    await page.locator(`[data-testid="torrent-row"][aria-rowindex="${total + 1}"]`).waitFor();
    expect(await rows().count()).toBeLessThan(60);
    // A change found by the next poll lands in place while scrolled to the end.
    const last = page.locator(`[data-testid="torrent-row"][aria-rowindex="${total + 1}"]`);
    const hash = (await last.getAttribute('data-hash'))!;
    const torrent = state.torrents.get(hash)!;
    const before = await last.getAttribute('data-state');
    state.setStatus(torrent, before === 'paused' ? 136 : 233);
    await eventually(
      async () => (await row(hash).getAttribute('data-state')) !== before,
      'the last row shows its new state',
    );
    expect(await rows().count()).toBeLessThan(60);
  });

  it('logged no errors in the browser', () => {
    expect(problems.errors).toEqual([]);
  });
});
