import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { DEFAULT_JELLYFIN_API_KEY } from '../../simulators/jellyfin';
import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(120_000);

/** The main flow of the issue, driven only through the UI: add a server, preview, apply, block, audit. */
describe('Seerr user sync in the browser', () => {
  let world: StackPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let plannedCreates = 0;
  let createdUser = '';

  const byTestId = (testId: string): ReturnType<Page['locator']> => page.getByTestId(testId);
  const text = async (locator: ReturnType<Page['locator']>): Promise<string> =>
    ((await locator.textContent()) ?? '').trim();
  const numberIn = async (testId: string): Promise<number> =>
    Number(((await byTestId(testId).first().textContent()) ?? '').replace(/[^\d]/g, ''));

  beforeAll(async () => {
    world = await startStackPanel({ withMediaServers: false });
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser, world.panel.baseUrl));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await world?.stop();
  });

  it('logs in to a panel with no media server yet', async () => {
    await logIn(page, world.panel);
    await byTestId('media-servers-empty').waitFor();
  });

  it('adds the Jellyfin server and tests it', async () => {
    await byTestId('nav-media-servers').click();
    await page.waitForURL(/\/media-servers/);
    await byTestId('server-add').click();
    await byTestId('server-name').fill('Jellyfin');
    await byTestId('server-type').click();
    await page.getByRole('option', { name: 'Jellyfin' }).click();
    await byTestId('server-url').fill(world.stack.jellyfin.url);
    await byTestId('server-token').fill(DEFAULT_JELLYFIN_API_KEY);
    await byTestId('server-test').click();
    const result = byTestId('server-test-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    await byTestId('server-save').click();
    await eventually(async () => (await byTestId('server-row').count()) === 1, 'the server is listed');
  });

  it('previews the sync: creations with their settings, skips with their reasons', async () => {
    await byTestId('nav-sync').click();
    await page.waitForURL(/\/sync/);
    await byTestId('sync-plan-empty').waitFor();
    expect(await byTestId('sync-apply').isDisabled()).toBe(true);

    await byTestId('sync-preview').click();
    await byTestId('plan-count-create').waitFor();
    plannedCreates = await numberIn('plan-count-create');
    expect(plannedCreates).toBeGreaterThan(0);
    expect(await numberIn('plan-count-delete')).toBe(0);

    await byTestId('plan-section-create').locator('mat-expansion-panel-header').click();
    await eventually(
      async () => (await byTestId('plan-create').count()) === plannedCreates,
      'every planned creation is listed',
    );
    createdUser = ((await byTestId('plan-create').first().locator('strong').textContent()) ?? '').trim();
    expect(await byTestId('plan-create').first().textContent()).toContain(
      'settings and password suffix of Jellyfin',
    );

    // Disabled Jellyfin accounts are skipped, each with its reason.
    await byTestId('plan-section-skip').locator('mat-expansion-panel-header').click();
    await byTestId('plan-skip').first().waitFor();
    expect(await byTestId('plan-skip').first().textContent()).toMatch(/\S+/);
    expect(await byTestId('sync-apply').isDisabled()).toBe(false);
  });

  it('applies it and follows the run live, then shows the result', async () => {
    // Slow Seerr's answers so the run is still going when the progress is checked.
    world.stack.seerr.setFaults({ latencyMs: 400 });
    await byTestId('sync-apply').click();
    const progress = byTestId('sync-progress');
    await page.locator('[data-testid="sync-progress"][data-phase="creating"]').waitFor();
    const counted = byTestId('sync-progress-count');
    await counted.waitFor();
    const doneAt = async (): Promise<number> =>
      Number(((await counted.textContent()) ?? '').split(' of ')[0]);
    const first = await doneAt();
    // The count moves without a reload: the server-sent events arrive.
    await eventually(async () => (await doneAt()) > first, 'the progress count goes up');
    expect((await counted.textContent())?.trim()).toMatch(new RegExp(` of ${plannedCreates}$`));
    await screenshot(page, 'sync-running-desktop-light');
    world.stack.seerr.resetFaults();

    await progress.waitFor({ state: 'detached', timeout: 60_000 });
    const lastRun = page.locator('[data-testid="sync-last-run"][data-status="completed"]');
    await lastRun.waitFor();
    expect(await lastRun.locator('[data-count="created"]').textContent()).toContain(String(plannedCreates));
    // The applied plan is gone: what it described has happened.
    await byTestId('sync-plan-empty').waitFor();
    await eventually(
      async () => (await byTestId('sync-history-row').count()) === 1,
      'the run is in the history',
    );
  });

  it("opens the run and filters every user's outcome", async () => {
    await byTestId('sync-history-row').first().click();
    await page.waitForURL(/\/sync\/runs\/\d+$/);
    await byTestId('run-user-row').first().waitFor();
    expect(await byTestId('run-status').textContent()).toContain('Completed');

    // The new accounts' sign-ins and first passwords, as a CSV download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      byTestId('run-credentials-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sync-run-\d+-credentials\.csv$/);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    expect(csv.split('\r\n')[0]).toBe('username,sign_in,password,password_rule,server,seerr_id');
    expect(csv.trim().split('\r\n')).toHaveLength(plannedCreates + 1);

    await byTestId('run-users-action').click();
    await page.getByRole('option', { name: 'Create' }).click();
    await page.waitForURL(/[?&]action=create/);
    expect(await byTestId('run-users-count').textContent()).toContain(`${plannedCreates} of`);
    const others = page.locator('[data-testid="run-user-row"]:not([data-action="create"])');
    expect(await others.count()).toBe(0);

    await byTestId('run-users-outcome').click();
    await page.getByRole('option', { name: 'Skipped' }).click();
    await byTestId('run-users-empty').waitFor();
    await byTestId('run-back').click();
    await page.waitForURL(/\/sync$/);
  });

  it('shows the created users on the Users page, and blocks one', async () => {
    await byTestId('nav-users').click();
    await page.waitForURL(/\/users/);
    await byTestId('users-filter-q').fill(createdUser);
    const row = page.locator(`[data-testid="user-row"][data-username="${createdUser}"]`);
    await row.waitFor();
    expect(await row.locator('[data-status]').first().getAttribute('data-status')).toBe('synced');
    // Jellyfin gives no e-mail, so Seerr stored the lower-cased user name as the e-mail to sign in with.
    expect((await row.getByTestId('user-sign-in').textContent())?.trim()).toBe(createdUser.toLowerCase());
    await row.getByTestId('user-sign-in').click();
    expect(await byTestId('credentials-sign-in').textContent()).toBe(createdUser.toLowerCase());
    expect(await byTestId('credentials-rule').textContent()).toMatch(/^First password: user name .*Jellyfin/);
    await page.keyboard.press('Escape');
    await byTestId('credentials-view').waitFor({ state: 'detached' });
    expect(await byTestId('users-read-at').textContent()).toContain('read ');

    await row.getByTestId('user-actions').click();
    await byTestId('user-toggle-block').click();
    await row.getByTestId('user-blocked').waitFor();
  });

  it('records every step in the audit log', async () => {
    await byTestId('nav-audit').click();
    await page.waitForURL(/\/audit/);
    await byTestId('audit-row').first().waitFor();
    for (const action of [
      'mediaservers.create',
      'mediaservers.test',
      'sync.preview',
      'sync.start',
      'sync.run',
      'sync.credentials.csv',
      'users.settings',
    ]) {
      await eventually(
        async () => (await page.locator(`[data-testid="audit-row"][data-action="${action}"]`).count()) > 0,
        `${action} is in the audit log`,
      );
    }
  });

  it('stops at the deletion cap and deletes once approved', async () => {
    await byTestId('nav-sync').click();
    await page.getByRole('switch', { name: 'Remove missing users' }).click();
    await byTestId('sync-preview').click();
    await byTestId('plan-guard-cap').waitFor();
    const deletions = await numberIn('plan-count-delete');
    expect(deletions).toBeGreaterThan(0);
    await screenshot(page, 'sync-cap-desktop-light');

    await byTestId('sync-apply').click();
    const approval = byTestId('sync-approval');
    await approval.waitFor({ timeout: 30_000 });
    expect(await approval.textContent()).toContain(`deleting ${deletions} Seerr users`);
    await screenshot(page, 'sync-approval-desktop-light');

    // One of them is made immune meanwhile: the question counts what approving deletes now.
    const api = async (method: string, path: string, body?: object): Promise<unknown> => {
      const login = await fetch(`${world.panel.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: world.panel.username, password: world.panel.password }),
      });
      const { access_token } = (await login.json()) as { access_token: string };
      const res = await fetch(`${world.panel.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      return res.json();
    };
    const runs = (await api('GET', '/api/sync/runs?page_size=1')) as { items: { id: number }[] };
    const preview = (await api('GET', `/api/sync/runs/${runs.items[0].id}/approval`)) as {
      deletions: { username: string }[];
    };
    const spared = preview.deletions[0].username;
    await api('PUT', `/api/users/${encodeURIComponent(spared)}/settings`, { immune: true });

    const question = async () => {
      await byTestId('confirm-ok').waitFor();
      const dialog = (await page.locator('mat-dialog-container').textContent()) ?? '';
      expect(dialog).toContain(`Delete ${deletions - 1} Seerr users?`);
      expect(dialog).toContain(`no longer to be deleted (${spared})`);
    };
    // The Sync page asks; declining keeps the run waiting.
    await byTestId('sync-approve').click();
    await question();
    await byTestId('confirm-cancel').click();
    await byTestId('confirm-ok').waitFor({ state: 'detached' });

    // The run's own page approves it too, and follows it to the end.
    await page.goto(`${world.panel.baseUrl}/sync/runs/${runs.items[0].id}`);
    expect(await text(byTestId('run-status'))).toContain('Awaiting approval');
    await screenshot(page, 'sync-run-approve-desktop-light');
    await byTestId('run-approve').click();
    await question();
    await byTestId('confirm-ok').click();
    await eventually(
      async () => (await text(byTestId('run-status'))).endsWith('Completed'),
      'the run completes',
      30_000,
    );
    expect(await byTestId('run-approve').count()).toBe(0);

    await byTestId('run-back').click();
    const done = page.locator('[data-testid="sync-last-run"][data-status="completed"]');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.locator('[data-count="deleted"]').textContent()).toContain(String(deletions - 1));
    await eventually(async () => (await byTestId('sync-history-row').count()) === 2, 'both runs are listed');
  });

  it('says once that a run id names no run', async () => {
    for (const id of ['abc', '0', '99999']) {
      await page.goto(`${world.panel.baseUrl}/sync/runs/${id}`);
      const message = page.locator('sp-state-message');
      await message.waitFor();
      expect(await text(message)).toMatch(
        id === '99999' ? /no sync run #99999/ : new RegExp(`no sync run "${id}"`),
      );
      expect(await page.locator('mat-snack-bar-container').count()).toBe(0);
    }
  });

  it('logged no errors in the browser', () => {
    expect(problems.errors).toEqual([]);
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures Sync and a run on ${variant} in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (p, { suffix }) => {
      await p.goto('/sync?preview=1');
      await p.getByTestId('plan-count-create').waitFor();
      await p.getByTestId('sync-history-row').first().waitFor();
      expect(await horizontalOverflow(p)).toBe(0);
      await screenshot(p, `sync-${suffix}`);
      await p.getByTestId('sync-history-row').first().scrollIntoViewIfNeeded();
      await screenshot(p, `sync-history-${suffix}`);

      await p.getByTestId('sync-history-open').last().click();
      await p.getByTestId('run-user-row').first().waitFor();
      expect(await horizontalOverflow(p)).toBe(0);
      await screenshot(p, `sync-run-${suffix}`);

      await p.goto('/sync/runs/abc');
      await p.locator('sp-state-message').waitFor();
      expect(await horizontalOverflow(p)).toBe(0);
      await screenshot(p, `sync-run-missing-${suffix}`);
    },
  );
});
