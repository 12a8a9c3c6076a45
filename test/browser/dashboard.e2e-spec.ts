import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(120_000);

/** The live cards read again every 5 s (torrents) to 30 s (services): waits allow two rounds. */
const TWO_ROUNDS_MS = 70_000;

describe('Dashboard overview', () => {
  let world: StackPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let token: string;

  const dot = (id: string): Locator => page.locator(`[data-testid="service-dot"][data-id="${id}"]`);
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${world.panel.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    world = await startStackPanel({ withDocker: true });
    const login = await fetch(`${world.panel.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: world.panel.username, password: world.panel.password }),
    });
    token = ((await login.json()) as { access_token: string }).access_token;
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser, world.panel.baseUrl));
    await logIn(page, world.panel);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await world?.stop();
  });

  afterEach(() => world.stack.jellyfin.resetFaults());

  it('shows one dot per upstream, all up, and readiness agrees', async () => {
    await eventually(async () => (await page.getByTestId('service-dot').count()) === 12, 'twelve dots show');
    const states = await page
      .getByTestId('service-dot')
      .evaluateAll((dots) => dots.map((d) => [d.getAttribute('data-id'), d.getAttribute('data-state')]));
    expect(states.filter(([, state]) => state !== 'up')).toEqual([]);
    expect(states.map(([id]) => id)).toEqual(
      expect.arrayContaining(['seerr', 'media-server:Jellyfin', 'plex', 'tautulli', 'docker']),
    );
    await eventually(
      async () => (await page.getByTestId('services-readiness').getAttribute('data-status')) === 'ok',
      'readiness says every check passes',
    );
    // The reason is a tooltip on hover (and named for screen readers).
    await dot('media-server:Jellyfin').hover();
    const tooltip = page.locator('.mat-mdc-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/^\s*Jellyfin listed \d+ users\.\s*$/);
    expect(await dot('media-server:Jellyfin').getAttribute('aria-label')).toMatch(
      /^Jellyfin \(Media server\): up\./,
    );
  });

  it('turns a broken media server red with its reason, and readiness turns degraded with it', async () => {
    world.stack.jellyfin.setFaults({ badAuth: true });
    await page.getByTestId('dashboard-refresh').click();
    await eventually(
      async () => (await dot('media-server:Jellyfin').getAttribute('data-state')) === 'down',
      'the Jellyfin dot is down',
    );
    await eventually(
      async () => (await page.getByTestId('services-readiness').getAttribute('data-status')) === 'degraded',
      'readiness is degraded',
    );
    expect(await page.getByTestId('services-down').textContent()).toMatch(/Jellyfin/);
    // Its card says the same.
    const card = page.locator('[data-testid="media-server-card"][data-name="Jellyfin"]');
    await card.getByTestId('media-server-card-error').waitFor();
    expect(await page.locator('mat-snack-bar-container').count()).toBe(0);
    await screenshot(page, 'dashboard-service-down-desktop-light');

    world.stack.jellyfin.resetFaults();
    await page.getByTestId('dashboard-refresh').click();
    await eventually(
      async () => (await dot('media-server:Jellyfin').getAttribute('data-state')) === 'up',
      'the Jellyfin dot is up again',
    );
  });

  it('shows what Plex plays now: count, who, bandwidth and transcodes', async () => {
    const sessions = await api<{ count: number; transcodes: number }>('/api/plex/sessions');
    await page.getByTestId('now-playing-count').waitFor();
    expect(Number(await page.getByTestId('now-playing-count').textContent())).toBe(sessions.count);
    expect(Number(await page.getByTestId('now-playing-transcodes').textContent())).toBe(sessions.transcodes);
    expect(await page.getByTestId('now-playing-bandwidth').textContent()).toMatch(/\d+(\.\d)? [kM]bps/);
    expect(await page.getByTestId('now-playing-row').count()).toBe(Math.min(5, sessions.count));
  });

  it('shows each torrent client with its speeds and a live chart', async () => {
    const stats = await api<{ clients: { id: string }[] }>('/api/torrents/stats');
    await eventually(
      async () => (await page.getByTestId('torrents-client').count()) === stats.clients.length,
      'a row per torrent client',
    );
    expect(await page.getByTestId('torrents-client-down').first().textContent()).toMatch(/\d .*B\/s/);
    expect(await page.getByTestId('torrents-totals').textContent()).toMatch(/↓ .*B\/s · ↑ .*B\/s/);
    await page.getByTestId('torrents-chart').waitFor({ timeout: TWO_ROUNDS_MS });
  });

  it('lists the containers that are not running, and the disks with bars', async () => {
    const list = await api<{ containers: { name: string; state: string }[] }>('/api/containers');
    const down = list.containers.filter((c) => c.state !== 'running').map((c) => c.name);
    expect(down.length).toBeGreaterThan(0);
    await page.getByTestId('container-down').first().waitFor();
    expect(
      await page
        .getByTestId('container-down')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name'))),
    ).toEqual(down);
    expect(await page.getByTestId('containers-summary').textContent()).toBe(
      `${list.containers.length - down.length} of ${list.containers.length} running`,
    );
    const disk = page.locator('[data-testid="disk-row"][data-name="Panel config"]');
    await disk.waitFor();
    expect(await disk.locator('[role="meter"]').count()).toBe(1);
    expect(await disk.getByTestId('disk-free').textContent()).toMatch(/ free$/);
  });

  it('counts the pending Seerr requests as the Requests page does', async () => {
    // Seerr's own count, which includes requests for blocklisted media its list leaves out.
    const requests = await api<{ counts: { pending: number } }>('/api/users/requests');
    const figure = async () =>
      Number((await page.getByTestId('seerr-card-pending').textContent())?.replace(/,/g, ''));
    await page.locator('[data-testid="seerr-card-pending"] a').waitFor();
    expect(await figure()).toBe(requests.counts.pending);

    await page.locator('[data-testid="seerr-card-pending"] a').click();
    await page.waitForURL(/\/requests$/);
    const onRequests = page.getByTestId('requests-count-pending').locator('.figure');
    await onRequests.waitFor();
    expect(Number((await onRequests.textContent())?.replace(/,/g, ''))).toBe(requests.counts.pending);
    await page.goBack();
    await page.waitForURL(/\/dashboard$/);
  });

  it('Sync now previews in the card and applies that plan there, without leaving the dashboard', async () => {
    await page.getByTestId('sync-card-now').click();
    const plan = page.getByTestId('sync-card-plan');
    await eventually(
      async () => (await plan.getAttribute('data-state')) === 'ok',
      'the plan shows in the card',
    );
    expect(page.url()).toMatch(/\/dashboard$/);
    const creates = Number(await plan.locator('[data-testid="plan-count-create"] .value').textContent());
    expect(creates).toBeGreaterThan(0);
    await page.getByTestId('sync-card-plan').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-sync-preview-desktop-light');

    // Cancel closes it; Sync now again and Apply runs it.
    await page.getByTestId('sync-card-cancel').click();
    await eventually(async () => (await plan.count()) === 0, 'the preview closes');
    await page.getByTestId('sync-card-now').click();
    await eventually(async () => (await plan.getAttribute('data-state')) === 'ok', 'the plan shows again');
    await page.getByTestId('sync-card-apply').click();
    const status = page.getByTestId('sync-card-status');
    await status.waitFor({ timeout: 60_000 });
    expect(await status.getAttribute('data-status')).toBe('completed');
    expect(page.url()).toMatch(/\/dashboard$/);
    const runs = await api<{ items: { counts: { created: number } }[] }>('/api/sync/runs');
    expect(runs.items[0].counts.created).toBe(creates);
  });

  it('logged no errors in the browser', () => {
    expect(problems.errors).toEqual([]);
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the ${variant} overview in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (shot, { suffix }) => {
      await eventually(async () => (await shot.getByTestId('service-dot').count()) === 12, 'the dots show');
      await shot.getByTestId('now-playing-count').waitFor();
      await shot.getByTestId('torrents-client').first().waitFor();
      await shot.getByTestId('disk-row').first().waitFor();
      await shot.getByTestId('container-down').first().waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `dashboard-overview-${suffix}`);
      await shot.getByTestId('containers-card').scrollIntoViewIfNeeded();
      await screenshot(shot, `dashboard-overview-lower-${suffix}`);
    },
  );
});
