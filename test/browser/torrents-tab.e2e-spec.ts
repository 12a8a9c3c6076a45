import { randomBytes } from 'node:crypto';

import { makeTorrentFile, parseTorrentFile } from '../../simulators/torrents';

import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(120_000);

const MAGNET_NAME = 'E2E.Magnet.Test.2026.1080p';
const MAGNET_HASH = randomBytes(20).toString('hex').toUpperCase();
const MAGNET = `magnet:?xt=urn:btih:${MAGNET_HASH}&dn=${MAGNET_NAME}`;
const UPLOAD_NAME = 'E2E.Upload.2026.mkv';
const UPLOAD = makeTorrentFile({ name: UPLOAD_NAME, data: randomBytes(40_000) });
const UPLOAD_HASH = parseTorrentFile(UPLOAD)!.hash;
/** The demo's client instances: the seed's two and three of torrent_clients. */
const CLIENTS = ['utorrent', 'rutorrent', 'seedbox-qbit', 'transmission', 'deluge'];

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
  const stripClient = (client: string): Locator =>
    page.locator(`[data-testid="torrent-strip-client"][data-client="${client}"]`);
  const readyClient = (client: string): Locator =>
    page.locator(`[data-testid="torrent-strip-client"][data-client="${client}"][data-state="ready"]`);
  const chip = (state: string): Locator =>
    page.locator(`[data-testid="torrent-state-chip"][data-state="${state}"]`);
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();
  const attributes = (locator: Locator, name: string): Promise<string[]> =>
    locator.evaluateAll((els, attr) => els.map((el) => el.getAttribute(attr) ?? ''), name);
  const totalTorrents = (): number =>
    world.stack.utorrent.state.torrents.size +
    world.stack.rtorrent.state.torrents.size +
    world.stack.qbittorrent.state.torrents.size +
    world.stack.transmission.state.torrents.size +
    world.stack.deluge.state.torrents.size;

  /** Opens the tab (optionally with a view in the URL) and waits until every client's list is in. */
  async function openTab(query = ''): Promise<void> {
    await page.goto(`/torrents${query}`);
    for (const client of CLIENTS) await readyClient(client).waitFor();
  }

  /** Opens the clients' cards above the list (the choice is remembered). */
  async function showCards(): Promise<void> {
    if ((await byTestId('torrent-overview').count()) === 0) await byTestId('torrent-strip-toggle').click();
    await byTestId('torrent-overview').waitFor();
  }

  async function hideCards(): Promise<void> {
    if ((await byTestId('torrent-overview').count()) > 0) await byTestId('torrent-strip-toggle').click();
    await byTestId('torrent-overview').waitFor({ state: 'detached' });
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
    world.stack.qbittorrent.resetFaults();
  });

  it('lists every client in one list with a client column, the clients in a strip above it', async () => {
    await byTestId('nav-torrents').click();
    await page.waitForURL(/\/torrents$/);
    await openTab();
    const total = totalTorrents();
    await eventually(
      async () => (await text(byTestId('torrents-summary'))) === `${total} torrents`,
      `the summary counts all ${total} torrents`,
    );
    expect(await text(chip('all'))).toBe(`All ${total}`);
    // The list comes first: the cards open from the strip.
    expect(await byTestId('torrent-overview').count()).toBe(0);
    expect(await stripClient('seedbox-qbit').textContent()).toContain('Seedbox qBit');
    await showCards();
    const expected: Record<string, number> = {
      utorrent: 80,
      rutorrent: 80,
      'seedbox-qbit': world.stack.qbittorrent.state.torrents.size,
      transmission: world.stack.transmission.state.torrents.size,
      deluge: world.stack.deluge.state.torrents.size,
    };
    for (const client of CLIENTS) {
      expect(Number(await text(card(client).getByTestId('torrent-client-total')))).toBe(expected[client]);
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
    await hideCards();
  });

  it("sets a client's rate limits: Save waits for a change, and Cancel asks before dropping one", async () => {
    await showCards();
    const openLimits = async () => {
      await card('transmission').getByTestId('torrent-client-limits').click();
      await byTestId('limits-down').waitFor();
    };
    await openLimits();
    expect(await byTestId('limits-save').isDisabled()).toBe(true);
    await byTestId('limits-down').fill('512');
    expect(await byTestId('limits-save').isDisabled()).toBe(false);
    await byTestId('limits-cancel').click();
    await byTestId('confirm-cancel').click();
    expect(await byTestId('limits-down').inputValue()).toBe('512');
    await byTestId('limits-save').click();
    await byTestId('limits-down').waitFor({ state: 'detached' });

    await openLimits();
    expect(await byTestId('limits-down').inputValue()).toBe('512');
    await byTestId('limits-down').fill('0');
    await byTestId('limits-save').click();
    await byTestId('limits-down').waitFor({ state: 'detached' });
    await hideCards();
  });

  it('shows the columns the user picks, and keeps the choice', async () => {
    await openTab('?client=seedbox-qbit');
    expect(await rows().first().getByTestId('torrent-tracker').count()).toBe(0);
    await byTestId('torrent-columns').click();
    await byTestId('torrent-column-tracker').click();
    await byTestId('torrent-column-ratio').click();
    await page.keyboard.press('Escape');
    await rows().first().getByTestId('torrent-tracker').waitFor();
    expect(await page.locator('[role="columnheader"].ratio').count()).toBe(0);
    const trackers = await rows().getByTestId('torrent-tracker').allTextContents();
    expect(trackers.some((tracker) => /\./.test(tracker))).toBe(true);
    await page.reload();
    await rows().first().getByTestId('torrent-tracker').waitFor();
    expect(await page.locator('[role="columnheader"].ratio').count()).toBe(0);
    // Back to the defaults for the other tests.
    await byTestId('torrent-columns').click();
    await byTestId('torrent-column-tracker').click();
    await byTestId('torrent-column-ratio').click();
    await page.keyboard.press('Escape');
    await page.locator('[role="columnheader"].ratio').waitFor();
  });

  it('clears the selection of rows a new filter hides', async () => {
    await openTab('?state=paused');
    await rows().nth(0).getByTestId('torrent-select').click();
    await rows().nth(1).getByTestId('torrent-select').click();
    await eventually(
      async () => (await text(byTestId('torrent-bulk-count'))) === '2 selected',
      'the bulk bar counts two',
    );
    await chip('seeding').click();
    await byTestId('torrent-bulk-count').waitFor({ state: 'detached' });
    await chip('paused').click();
    await rows().first().waitFor();
    expect(await byTestId('torrent-bulk-count').count()).toBe(0);
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
      if (/\/api\/torrents\?/.test(request.url())) lists.push(request.url());
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
    const adds: string[] = [];
    const onRequest = (request: { url(): string; method(): string }): void => {
      if (request.method() === 'POST' && /\/add$/.test(request.url())) adds.push(request.url());
    };
    page.on('request', onRequest);
    await byTestId('add-torrent-url').fill('not a link');
    await byTestId('add-torrent-submit').click();
    const refusal =
      'An http(s):// URL of a .torrent file, or a magnet: link with its xt=urn:btih: info-hash.';
    await page.getByText(refusal).waitFor();
    // A magnet without a whole info-hash is refused at once, without asking the server.
    await byTestId('add-torrent-url').fill('magnet:?xt=urn:btih:ABC123&dn=Broken');
    await byTestId('add-torrent-submit').click();
    await page.getByText(refusal).waitFor();
    page.off('request', onRequest);
    expect(adds).toEqual([]);
    await byTestId('add-torrent-url').fill(MAGNET);
    await byTestId('add-torrent-label').fill('E2E');
    await byTestId('add-torrent-submit').click();
    await page.locator('mat-snack-bar-container', { hasText: `Added ${MAGNET_NAME} to uTorrent.` }).waitFor();
    await search('E2E.Magnet');
    await row(MAGNET_HASH).waitFor();
    expect(await row(MAGNET_HASH).getAttribute('data-client')).toBe('utorrent');
  });

  it('uploads a .torrent file to qBittorrent, shows its detail and sets its label there', async () => {
    await openTab();
    await byTestId('torrents-add').click();
    await byTestId('add-torrent-client').click();
    await page.getByRole('option', { name: 'Seedbox qBit' }).click();
    await byTestId('add-torrent-source-file').click();
    // Not a torrent: refused in the dialog.
    await byTestId('add-torrent-file').setInputFiles({
      name: 'notes.torrent',
      mimeType: 'application/x-bittorrent',
      buffer: Buffer.from('just some text'),
    });
    await byTestId('add-torrent-file-error').waitFor();
    expect(await text(byTestId('add-torrent-file-error'))).toContain('notes.torrent is not a .torrent file');
    await byTestId('add-torrent-file').setInputFiles({
      name: `${UPLOAD_NAME}.torrent`,
      mimeType: 'application/x-bittorrent',
      buffer: UPLOAD,
    });
    await byTestId('add-torrent-file-error').waitFor({ state: 'detached' });
    expect(await text(byTestId('add-torrent-file-name'))).toBe(`${UPLOAD_NAME}.torrent`);
    await byTestId('add-torrent-submit').click();
    await page
      .locator('mat-snack-bar-container', { hasText: `Added ${UPLOAD_NAME} to Seedbox qBit.` })
      .waitFor();
    expect(world.stack.qbittorrent.state.get(UPLOAD_HASH)).toBeDefined();

    await search(UPLOAD_HASH);
    await row(UPLOAD_HASH).waitFor();
    expect(await row(UPLOAD_HASH).getAttribute('data-client')).toBe('seedbox-qbit');
    await row(UPLOAD_HASH).getByTestId('torrent-name').click();
    const drawer = byTestId('torrent-detail');
    await drawer.waitFor();
    await drawer.getByTestId('torrent-detail-files').getByText(UPLOAD_NAME).waitFor();
    expect(await text(drawer.getByTestId('torrent-detail-client'))).toBe('Seedbox qBit');
    await drawer.getByTestId('torrent-detail-label').fill('E2E Label');
    await drawer.getByTestId('torrent-detail-label-save').click();
    await page
      .locator('mat-snack-bar-container', { hasText: `Labelled ${UPLOAD_NAME} "E2E Label".` })
      .waitFor();
    expect(world.stack.qbittorrent.state.get(UPLOAD_HASH)!.category).toBe('E2E Label');
    await screenshot(page, 'torrents-detail-desktop-light');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
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
    await entry('torrents.remove', `${MAGNET_NAME} (in utorrent)`).waitFor();
    await entry('torrents.add', MAGNET_NAME).waitFor();
    await entry('torrents.upload', `${UPLOAD_NAME} (in seedbox-qbit)`).waitFor();
    await entry('torrents.pause', acted.paused!).waitFor();
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

  it("keeps a failing client's rows, marked stale, with its error in its card", async () => {
    await openTab('?client=rutorrent');
    await showCards();
    world.stack.rtorrent.setFaults({ errorRate: 1, errorStatus: 500 });
    const error = card('rutorrent').getByTestId('torrent-client-error');
    await error.waitFor({ timeout: 20_000 });
    expect(await text(error)).toMatch(/rTorrent/);
    expect(await stripClient('rutorrent').getAttribute('data-state')).toBe('error');
    await eventually(
      async () => new Set(await attributes(rows(), 'data-stale')).has('true'),
      "rTorrent's rows are marked stale",
    );
    expect(new Set(await attributes(rows(), 'data-stale'))).toEqual(new Set(['true']));
    await rows().first().getByTestId('torrent-stale').waitFor();
    // Stale rows cannot be acted on.
    await rows().first().getByTestId('torrent-menu').click();
    expect(await byTestId('torrent-action-pause').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await card('utorrent').getAttribute('data-state')).toBe('ready');
    // The page handles it: no snackbar.
    expect(await page.locator('mat-snack-bar-container').count()).toBe(0);
    await screenshot(page, 'torrents-stale-desktop-light');

    // Back up: the stream reports it and the rows are fresh again without a reload.
    world.stack.rtorrent.resetFaults();
    await readyClient('rutorrent').waitFor({ timeout: 20_000 });
    await eventually(
      async () => !new Set(await attributes(rows(), 'data-stale')).has('true'),
      "rTorrent's rows are fresh again",
    );
    await hideCards();
    await openTab();
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
      // Two selected rows show the bulk bar.
      await shot.getByTestId('torrent-select').nth(1).click();
      await shot.getByTestId('torrent-select').nth(2).click();
      if (variant === 'desktop') {
        // The list first; then the cards and the chart opened above it.
        expect(await horizontalOverflow(shot)).toBe(0);
        await screenshot(shot, `torrents-list-${suffix}`);
        await shot.getByTestId('torrent-strip-toggle').click();
        await eventually(
          async () => Number(await shot.getByTestId('torrent-bandwidth').getAttribute('data-samples')) >= 3,
          'the chart has a few samples',
        );
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
