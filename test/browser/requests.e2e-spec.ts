import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(90_000);

const PENDING = 1;

/** TMDB is not reachable from tests: its thumbnails are answered with a drawn poster. */
const POSTER =
  '<svg xmlns="http://www.w3.org/2000/svg" width="92" height="138" viewBox="0 0 92 138">' +
  '<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b6ea5"/>' +
  '<stop offset="1" stop-color="#1d2b44"/></linearGradient></defs>' +
  '<rect width="92" height="138" fill="url(#g)"/><circle cx="46" cy="52" r="20" fill="#f2c14e"/>' +
  '<rect x="10" y="100" width="72" height="8" rx="4" fill="#ffffff" opacity="0.7"/></svg>';

async function servePosters(page: Page): Promise<void> {
  await page.route('https://image.tmdb.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: POSTER }),
  );
}

describe('Requests page', () => {
  let world: StackPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const byTestId = (id: string): Locator => page.getByTestId(id);
  const rows = (): Locator => byTestId('request-row');
  const row = (id: number): Locator => page.locator(`[data-testid="request-row"][data-id="${id}"]`);
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();
  const attrs = (name: string): Promise<(string | null)[]> =>
    rows().evaluateAll((els, attr) => els.map((el) => el.getAttribute(attr)), name);
  const figure = async (locator: Locator): Promise<number> =>
    Number((await text(locator)).replace(/\D/g, ''));
  const seerrPending = (): number =>
    [...world.stack.seerr.state.requests.values()].filter((r) => r.status === PENDING).length;
  const firstPending = async (): Promise<number> => {
    const ids = await rows().evaluateAll((els) =>
      els
        .filter((el) => el.getAttribute('data-status') === 'pending')
        .map((el) => el.getAttribute('data-id')),
    );
    return Number(ids[0]);
  };

  beforeAll(async () => {
    world = await startStackPanel();
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser, world.panel.baseUrl));
    await servePosters(page);
    await logIn(page, world.panel);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await world?.stop();
  });

  it('lists the queue newest first, with poster thumbnails and links to Seerr, and sorts oldest first', async () => {
    await byTestId('nav-requests').click();
    await page.waitForURL(/\/requests$/);
    await rows().first().waitFor();
    const created = (await attrs('data-created')) as string[];
    expect(created.length).toBeGreaterThan(20);
    expect(created).toEqual([...created].sort().reverse());

    const first = rows().first();
    const poster = first.getByTestId('request-poster');
    expect(await poster.getAttribute('src')).toMatch(/^https:\/\/image\.tmdb\.org\/t\/p\/w92\/\w+\.jpg$/);
    await eventually(
      async () =>
        (await page.evaluate(
          `(() => { const img = document.querySelector('[data-testid="request-row"] [data-testid="request-poster"]'); return img.complete && img.naturalWidth > 0; })()`,
        )) === true,
      'the poster is drawn (the CSP lets TMDB images in)',
    );
    const link = first.getByTestId('request-link');
    expect(await link.getAttribute('target')).toBe('_blank');
    const id = Number(await first.getAttribute('data-id'));
    const request = world.stack.seerr.state.requests.get(id)!;
    const tmdbId = world.stack.seerr.state.media.get(request.mediaId)!.tmdbId;
    expect(await link.getAttribute('href')).toBe(`${world.stack.seerr.url}/${request.type}/${tmdbId}`);

    await byTestId('requests-sort').click();
    await page.waitForURL(/[?&]sort=oldest/);
    await eventually(async () => {
      const now = (await attrs('data-created')) as string[];
      return now.length === created.length && now.join() === [...created].reverse().join();
    }, 'the queue is oldest first');
    await byTestId('requests-sort').click();
    await page.waitForURL(/\/requests$/);
  });

  it("shows Seerr's pending count, the same figure as the dashboard", async () => {
    const pending = byTestId('requests-count-pending');
    await pending.waitFor();
    expect(await figure(pending)).toBe(seerrPending());
    await byTestId('nav-dashboard').click();
    const card = byTestId('seerr-card-pending');
    await card.waitFor();
    expect(await figure(card)).toBe(seerrPending());
    await byTestId('nav-requests').click();
    await rows().first().waitFor();
  });

  it('filters by status and by user', async () => {
    await byTestId('requests-filter-status').click();
    await page.getByRole('option', { name: 'Pending' }).click();
    await page.waitForURL(/[?&]status=pending/);
    await eventually(
      async () =>
        new Set(await attrs('data-status')).size === 1 && (await attrs('data-status'))[0] === 'pending',
      'only pending requests are listed',
    );
    expect(await rows().count()).toBe(
      [...world.stack.seerr.state.requests.values()].filter((r) => {
        const media = world.stack.seerr.state.media.get(r.mediaId)!;
        return r.status === PENDING && (r.is4k ? media.status4k : media.status) !== 6;
      }).length,
    );

    const user = await rows().first().getAttribute('data-user');
    const name = await text(rows().first().getByTestId('request-user'));
    await byTestId('requests-filter-user').click();
    await page.getByRole('option', { name, exact: true }).click();
    await page.waitForURL(/[?&]user=\d+/);
    await eventually(async () => (await attrs('data-user')).every((u) => u === user), 'only their requests');
    expect(new Set(await attrs('data-status'))).toEqual(new Set(['pending']));

    await byTestId('requests-filter-clear').click();
    await page.waitForURL(/\/requests$/);
    await eventually(async () => (await rows().count()) > 20, 'every request is back');
  });

  it('approves a pending request: the row and the count change in place, the list is not read again', async () => {
    const id = await firstPending();
    const before = await figure(byTestId('requests-count-pending'));
    world.stack.seerr.resetCounters();
    await row(id).getByTestId('request-approve').click();
    await page.locator(`[data-testid="request-row"][data-id="${id}"][data-status="approved"]`).waitFor();
    expect(world.stack.seerr.state.requests.get(id)!.status).toBe(2);
    expect(await row(id).getByTestId('request-approve').count()).toBe(0);
    await eventually(
      async () => (await figure(byTestId('requests-count-pending'))) === before - 1,
      'the pending count goes down',
    );
    expect(world.stack.seerr.count('GET /api/v1/request')).toBe(0);
  });

  it('declines a pending request in place', async () => {
    const id = await firstPending();
    await row(id).getByTestId('request-decline').click();
    await page.locator(`[data-testid="request-row"][data-id="${id}"][data-status="declined"]`).waitFor();
    expect(world.stack.seerr.state.requests.get(id)!.status).toBe(3);
    expect(await text(row(id).getByTestId('request-status'))).toContain('Declined');
    expect(await figure(byTestId('requests-count-pending'))).toBe(seerrPending());
  });

  it('deletes a request after the confirm dialog; Cancel keeps it', async () => {
    const id = Number(await rows().nth(2).getAttribute('data-id'));
    const total = await rows().count();
    await row(id).getByTestId('request-delete').click();
    await byTestId('confirm-cancel').click();
    await byTestId('confirm-cancel').waitFor({ state: 'detached' });
    expect(world.stack.seerr.state.requests.has(id)).toBe(true);

    await row(id).getByTestId('request-delete').click();
    expect(await text(page.locator('mat-dialog-container h2'))).toMatch(/^Delete the request for /);
    await byTestId('confirm-ok').click();
    await row(id).waitFor({ state: 'detached' });
    expect(await rows().count()).toBe(total - 1);
    expect(world.stack.seerr.state.requests.has(id)).toBe(false);
  });

  it('logged no errors in the browser', () => {
    expect(problems.errors).toEqual([]);
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the Requests page on ${variant} in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (shot, { suffix, variant }) => {
      await servePosters(shot);
      await shot.goto('/requests');
      await shot.getByTestId('request-poster').first().waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `requests-${suffix}`);
      if (variant === 'desktop') {
        await shot.goto('/requests?status=pending');
        await shot.getByTestId('request-approve').first().waitFor();
        await shot.getByTestId('request-delete').first().click();
        await shot.getByTestId('confirm-ok').waitFor();
        await screenshot(shot, `requests-delete-${suffix}`);
        await shot.getByTestId('confirm-cancel').click();
      }
    },
  );
});
