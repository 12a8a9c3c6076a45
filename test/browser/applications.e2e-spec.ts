import { readFile } from 'node:fs/promises';

import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { type DockerSimulator } from '../../simulators/docker';
import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(120_000);

describe('Applications page', () => {
  let world: StackPanel;
  let docker: DockerSimulator;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const byTestId = (id: string): Locator => page.getByTestId(id);
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();
  const rows = (): Locator => byTestId('container-row');
  const row = (name: string): Locator => page.locator(`[data-testid="container-row"][data-name="${name}"]`);
  const snack = (hasText: string): Locator => page.locator('mat-snack-bar-container', { hasText });
  const container = (name: string) => docker.state.find(name)!;

  async function openPageAt(query = ''): Promise<void> {
    await page.goto(`/applications${query}`);
    await rows().first().waitFor();
  }

  async function dismissSnackBars(): Promise<void> {
    for (const bar of await page.locator('mat-snack-bar-container').all()) {
      await bar.getByRole('button').click();
      await bar.waitFor({ state: 'detached' });
    }
  }

  beforeAll(async () => {
    world = await startStackPanel({ withDocker: true });
    docker = world.docker!;
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser, world.panel.baseUrl));
    await logIn(page, world.panel);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await world?.stop();
  });

  afterEach(async () => {
    docker.resetFaults();
    await dismissSnackBars();
  });

  it('lists every container with its state, health and stats, and refreshes on its own', async () => {
    await byTestId('nav-applications').click();
    await page.waitForURL(/\/applications$/);
    await rows().first().waitFor();
    const all = docker.state.containers;
    await eventually(async () => (await rows().count()) === all.length, `all ${all.length} containers list`);
    for (const c of all) {
      expect(await row(c.name).getAttribute('data-state')).toBe(c.status);
      expect(await row(c.name).getAttribute('data-health')).toBe(c.health ?? 'none');
      expect(await text(row(c.name).getByTestId('container-image'))).toBe(c.image);
    }
    const plex = row('plex');
    expect(await text(plex.getByTestId('container-state').getByTestId('status-label'))).toBe('Running');
    expect(await text(plex.getByTestId('container-health').getByTestId('status-label'))).toBe('Healthy');
    expect(await text(row('seerr').getByTestId('container-health').getByTestId('status-label'))).toBe(
      'Unhealthy',
    );
    expect(await text(row('nightly-backup').getByTestId('container-state').getByTestId('status-label'))).toBe(
      'Exited',
    );
    expect(await text(row('flaky-worker').getByTestId('container-restarts'))).toMatch(/^14\b/);
    expect(await text(plex.getByTestId('container-uptime'))).toMatch(/^\d+ h/);
    expect(await text(plex.getByTestId('container-memory'))).toMatch(/MiB of 2\.00 GiB$/);
    // CPU % compares two readings, so it shows from the page's second read on.
    await eventually(
      async () => /^\d+(\.\d)? %$/.test(await text(plex.getByTestId('container-cpu'))),
      'the CPU % shows once there are two readings',
      20_000,
    );
    expect(await text(plex.getByTestId('container-net'))).toMatch(/B.*B/);
    // The services the panel knows link their page.
    expect(await text(plex.getByTestId('container-service'))).toMatch(/Plex$/);
    expect(await row('portainer').getByTestId('container-service').count()).toBe(0);
    expect(await text(byTestId('containers-summary'))).toMatch(
      new RegExp(`^${all.length} containers · ${all.filter((c) => c.status === 'running').length} running`),
    );

    // A change in Docker shows without a reload.
    const readAt = await byTestId('containers-read-at').getAttribute('datetime');
    container('tautulli').health = 'unhealthy';
    await eventually(
      async () => (await row('tautulli').getAttribute('data-health')) === 'unhealthy',
      'the new health shows by itself',
      20_000,
    );
    expect(await byTestId('containers-read-at').getAttribute('datetime')).not.toBe(readAt);
    container('tautulli').health = 'healthy';
  });

  it('searches and filters by state in the URL', async () => {
    await openPageAt();
    await byTestId('containers-search').fill('busybox');
    await eventually(() => page.url().includes('q=busybox'), 'the search is in the URL');
    await eventually(async () => (await rows().count()) === 2, 'the two busybox containers match');
    await byTestId('containers-show').click();
    await page.getByRole('option', { name: 'Down' }).click();
    await eventually(() => page.url().includes('show=down'), 'the state filter is in the URL');
    await eventually(async () => (await rows().count()) === 1, 'one of them is down');
    expect(await rows().first().getAttribute('data-name')).toBe('nightly-backup');
    await page.reload();
    await rows().first().waitFor();
    expect(await rows().count()).toBe(1);
  });

  it('restarts a container after a confirmation, and the audit log has it', async () => {
    await openPageAt();
    const before = container('tautulli').startedAt;
    await row('tautulli').getByTestId('container-restart').click();
    const dialog = page.locator('mat-dialog-container');
    await dialog.getByText('Restart Tautulli?').waitFor();
    expect(await text(dialog)).toContain('Tautulli stops recording plays');
    await byTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(container('tautulli').startedAt).toBe(before);

    await row('tautulli').getByTestId('container-restart').click();
    await byTestId('confirm-ok').click();
    await snack('Restarted tautulli.').waitFor();
    expect(container('tautulli').startedAt).not.toBe(before);

    await byTestId('nav-audit').click();
    await page.waitForURL(/\/audit/);
    await page
      .locator('[data-testid="audit-row"][data-action="containers.restart"]', { hasText: 'tautulli' })
      .waitFor();
  });

  it('names the Plex streams a stop of the Plex container ends, and starts it again', async () => {
    await openPageAt('?q=plex');
    await row('plex').getByTestId('container-stop').click();
    const dialog = page.locator('mat-dialog-container');
    // The question counts what Plex itself reports playing (the simulator plays a few sessions).
    await dialog.getByText(/Plex streams? will stop\./).waitFor();
    const streams = Number(/(\d+) Plex streams? will stop/.exec(await text(dialog))![1]);
    expect(streams).toBeGreaterThan(0);
    expect(await text(dialog)).toContain('Plex (container "plex") stops until you start it again.');
    await byTestId('confirm-ok').click();
    await snack('Stopped plex.').waitFor();
    await eventually(
      async () => (await row('plex').getAttribute('data-state')) === 'exited',
      'Plex shows Exited',
    );
    expect(container('plex').status).toBe('exited');

    await row('plex').getByTestId('container-start').click();
    await page.locator('mat-dialog-container').getByText('Start Plex?').waitFor();
    await byTestId('confirm-ok').click();
    await eventually(
      async () => (await row('plex').getAttribute('data-state')) === 'running',
      'Plex runs again',
    );
    expect(container('plex').status).toBe('running');
  });

  it('shows the logs, marks stderr, searches, follows a new line and downloads them', async () => {
    await openPageAt('?q=seerr');
    await row('seerr').getByTestId('container-logs').click();
    const lines = byTestId('log-line');
    await eventually(async () => (await lines.count()) === container('seerr').logs.length, 'the tail shows');
    const stderr = page.locator('[data-testid="log-line"][data-stream="stderr"]');
    expect(await stderr.count()).toBe(1);
    expect(await text(stderr)).toContain('Plex Sync failed');

    await byTestId('logs-search').fill('econnrefused');
    await eventually(async () => (await lines.count()) === 1, 'one line holds the search');
    expect(await text(lines.first().locator('mark'))).toBe('ECONNREFUSED');
    expect(await text(byTestId('logs-summary'))).toMatch(/^1 of 2 lines match/);
    await byTestId('logs-search').fill('');
    await eventually(async () => (await lines.count()) === 2, 'every line shows again');

    await byTestId('logs-follow').click();
    await byTestId('logs-following').waitFor();
    await eventually(() => docker.state.followerCount('seerr') > 0, 'the panel follows the log');
    docker.state.log('seerr', 'E2E: a line pushed while following');
    docker.state.log('seerr', 'E2E: and one on stderr', 'stderr');
    await page.getByText('E2E: a line pushed while following').waitFor();
    await page
      .locator('[data-testid="log-line"][data-stream="stderr"]', { hasText: 'E2E: and one on stderr' })
      .waitFor();
    await screenshot(page, 'applications-logs-desktop-light');

    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('logs-download').click()]);
    expect(download.suggestedFilename()).toBe('seerr.log');
    const saved = await readFile(await download.path(), 'utf8');
    expect(saved).toContain('Server ready on port 5055');
    expect(saved).toContain('E2E: a line pushed while following');

    await byTestId('logs-close').click();
    await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
    // Closing the dialog hangs up the follow.
    await eventually(() => docker.state.followerCount('seerr') === 0, 'the follow ends with the dialog');
  });

  it('saves which containers to show: named ones, the labelled ones, then all again', async () => {
    await openPageAt();
    const setFilter = async (mode: 'all' | 'named' | 'label', fill?: string): Promise<void> => {
      await byTestId('containers-filter').click();
      await byTestId(`filter-mode-${mode}`).getByRole('radio').check();
      if (mode === 'named') await byTestId('filter-names').fill(fill!);
      await byTestId('filter-save').click();
      await snack('Saved which containers to show.').waitFor();
      await dismissSnackBars();
    };

    await setFilter('named', 'plex, seerr');
    await eventually(async () => (await rows().count()) === 2, 'only the two named containers list');
    expect(await text(byTestId('containers-filter-mode'))).toBe('Named: plex, seerr');

    await setFilter('label');
    const labelled = docker.state.containers.filter((c) => c.labels['seedbox-panel.show'] === 'true');
    await eventually(async () => (await rows().count()) === labelled.length, 'the labelled containers list');
    expect(await row('portainer').count()).toBe(0);
    expect(await text(byTestId('containers-filter-mode'))).toBe('Label seedbox-panel.show=true');

    await setFilter('all');
    await row('portainer').waitFor();
    expect(await rows().count()).toBe(docker.state.containers.length);
  });

  it('links each service to its container and restarts uTorrent from its card', async () => {
    await page.goto('/torrents');
    // The cards open from the clients strip above the list (the choice is remembered).
    await page.getByTestId('torrent-strip-toggle').waitFor();
    if ((await page.getByTestId('torrent-overview').count()) === 0) {
      await page.getByTestId('torrent-strip-toggle').click();
    }
    const card = page.locator('[data-testid="torrent-client-card"][data-client="utorrent"]');
    const link = card.getByTestId('container-link');
    await link.waitFor();
    expect(await link.getAttribute('data-name')).toBe('utorrent');
    const before = container('utorrent').startedAt;
    await card.getByTestId('torrent-client-restart').click();
    await page
      .locator('mat-dialog-container')
      .getByText(/active uTorrent torrents? will stop transferring|No uTorrent torrent/)
      .waitFor();
    await byTestId('confirm-ok').click();
    await snack('Restarted utorrent.').waitFor();
    expect(container('utorrent').startedAt).not.toBe(before);

    await page.goto('/plex');
    await page.getByTestId('plex-server-card').getByTestId('container-link').waitFor();
    await page.getByTestId('tautulli-card').getByTestId('container-link').waitFor();
    await page.goto('/seerr');
    await byTestId('seerr-restart').waitFor();

    // The link opens Applications on that container.
    await byTestId('container-link').click();
    await page.waitForURL(/\/applications\?q=seerr$/);
    await row('seerr').waitFor();
    expect(await rows().count()).toBe(1);
  });

  it('explains a missing socket with the compose lines, and recovers once it is back', async () => {
    await openPageAt();
    docker.removeSocket();
    try {
      await byTestId('containers-refresh').click();
      const error = byTestId('containers-error');
      await error.waitFor();
      expect(await error.getAttribute('data-problem')).toBe('socket');
      expect(await text(byTestId('containers-error-message'))).toContain(docker.socketPath);
      expect(await text(byTestId('containers-error-fix'))).toContain(
        '/var/run/docker.sock:/var/run/docker.sock',
      );
      // The page explains it: no snackbar.
      expect(await page.locator('mat-snack-bar-container').count()).toBe(0);
      await screenshot(page, 'applications-no-socket-desktop-light');
    } finally {
      await docker.restoreSocket();
    }
    await byTestId('containers-retry').click();
    await rows().first().waitFor();
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the ${variant} page in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (shot, { variant, theme }) => {
      await shot.goto('/applications');
      await shot
        .getByTestId('container-row')
        .nth(docker.state.containers.length - 1)
        .waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `applications-${variant}-${theme}`);
      if (variant === 'phone') {
        await shot
          .locator('[data-testid="container-row"][data-name="seerr"]')
          .getByTestId('container-logs')
          .click();
        await shot.getByTestId('log-line').first().waitFor();
        expect(await horizontalOverflow(shot)).toBe(0);
        await screenshot(shot, `applications-logs-phone-${theme}`);
      }
    },
  );

  it('logged no errors in the browser', () => {
    expect(problems.errors).toEqual([]);
  });
});
