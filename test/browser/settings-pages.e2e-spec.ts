import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { DEFAULT_JELLYFIN_API_KEY } from '../../simulators/jellyfin';
import { DEFAULT_PLEXTV_TOKEN } from '../../simulators/plextv';
import { people } from '../../simulators/world';
import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { colourDifference } from './support/contrast';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(90_000);

/** The demo world's people (simulators/stack.ts): 3 is blocked in the config, 130 immune. */
const population = people(400);
const BLOCKED = population[3].username;
/** On Plex and in Seerr (Plex-linked): synced. */
const SYNCED = population[10].username;
/** On Emby and a local Seerr account: synced, and a password can be set. */
const LOCAL = population[301];

describe('Media servers, Seerr and Users pages', () => {
  let world: StackPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const byTestId = (id: string): Locator => page.getByTestId(id);
  const serverRow = (name: string): Locator =>
    page.locator(`[data-testid="server-row"][data-name="${name}"]`);
  const userRow = (name: string): Locator =>
    page.locator(`[data-testid="user-row"][data-username="${name}"]`);
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();
  const check = (name: string): Locator => page.locator(`[data-testid="check"][data-name="${name}"]`);
  /** The names of the media servers in the panel's config file. */
  const savedServers = (): string[] =>
    (
      JSON.parse(readFileSync(join(world.panel.dir, 'config.json'), 'utf8')) as {
        media_servers: { name: string }[];
      }
    ).media_servers.map((server) => server.name);

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
    world.stack.jellyfin.resetFaults();
    world.stack.seerr.state.settings.main.localLogin = true;
  });

  describe('Media servers', () => {
    it('lists the three demo servers with their user counts', async () => {
      await byTestId('nav-media-servers').click();
      await page.waitForURL(/\/media-servers$/);
      await eventually(async () => (await byTestId('server-row').count()) === 3, 'three servers are listed');
      for (const name of ['Plex', 'Jellyfin', 'Emby']) {
        const users = serverRow(name).getByTestId('server-users');
        await users.waitFor();
        expect(await text(users)).toMatch(/^\d[\d,]* users$/);
      }
      expect(await text(serverRow('Jellyfin'))).toContain('!Jelly2026');
    });

    it("shows a failing server's error while the others keep their counts", async () => {
      world.stack.jellyfin.setFaults({ badAuth: true });
      await byTestId('servers-refresh').click();
      const error = serverRow('Jellyfin').getByTestId('server-error');
      await error.waitFor();
      expect(await text(error)).toMatch(/Jellyfin/);
      await serverRow('Plex').getByTestId('server-users').waitFor();
      await serverRow('Emby').getByTestId('server-users').waitFor();
    });

    it('validates the form; the banner goes once the fields are fixed', async () => {
      await byTestId('server-add').click();
      expect(await byTestId('server-save').isDisabled()).toBe(true);
      await byTestId('server-name').fill('Jelly Two');
      await byTestId('server-type').click();
      await page.getByRole('option', { name: 'Jellyfin' }).click();
      await byTestId('server-token').fill(DEFAULT_JELLYFIN_API_KEY);
      await byTestId('server-url').fill('jellyfin.local:8096');
      await byTestId('server-request-limit').fill('-1');
      await byTestId('server-save').click();
      expect(await text(byTestId('server-url-error'))).toContain('http://');
      expect(await text(byTestId('server-request-limit-error'))).toContain('At least 0');
      expect(await text(byTestId('server-save-error'))).toContain('fix the marked fields');

      await byTestId('server-url').fill(world.stack.jellyfin.url);
      // One field still wrong: the banner stays.
      expect(await byTestId('server-save-error').count()).toBe(1);
      await byTestId('server-request-limit').fill('4');
      await byTestId('server-save-error').waitFor({ state: 'detached' });
    });

    it('tests the form before saving anything, then saves a working server', async () => {
      await byTestId('server-password-suffix').fill('!Two');
      expect(await text(byTestId('server-test'))).toContain('Test connection');
      await byTestId('server-test').click();
      const result = byTestId('server-test-result');
      await result.waitFor();
      expect(await result.getAttribute('data-ok')).toBe('true');
      expect(await check('reachable').getAttribute('data-ok')).toBe('true');
      expect(await check('credentials').getAttribute('data-ok')).toBe('true');
      // Testing saved nothing.
      expect(savedServers()).not.toContain('Jelly Two');

      await byTestId('server-save').click();
      await byTestId('server-token').waitFor({ state: 'detached' });
      await serverRow('Jelly Two').getByTestId('server-users').waitFor();
      expect(await text(serverRow('Jelly Two'))).toContain('!Two');
    });

    it('keeps a server whose test fails only when told to', async () => {
      const fillBroken = async () => {
        await byTestId('server-add').click();
        await byTestId('server-name').fill('Broken Jelly');
        await byTestId('server-type').click();
        await page.getByRole('option', { name: 'Jellyfin' }).click();
        await byTestId('server-token').fill('not-the-key');
        await byTestId('server-url').fill(world.stack.jellyfin.url);
        await byTestId('server-save').click();
        await byTestId('server-test-result').waitFor();
        expect(await byTestId('server-test-result').getAttribute('data-ok')).toBe('false');
        expect(await text(byTestId('server-save-error'))).toContain('nothing was saved');
        expect(await text(byTestId('server-save'))).toBe('Save anyway');
      };
      await fillBroken();
      // Leaving asks first; staying keeps the form as it was.
      await byTestId('server-cancel').click();
      await byTestId('confirm-cancel').click();
      expect(await byTestId('server-name').inputValue()).toBe('Broken Jelly');
      await byTestId('server-cancel').click();
      await byTestId('confirm-ok').click();
      await byTestId('server-token').waitFor({ state: 'detached' });
      expect(await serverRow('Broken Jelly').count()).toBe(0);
      expect(savedServers()).not.toContain('Broken Jelly');

      await fillBroken();
      await byTestId('server-save').click();
      await byTestId('server-token').waitFor({ state: 'detached' });
      await serverRow('Broken Jelly').getByTestId('server-error').waitFor();
      await serverRow('Broken Jelly').getByTestId('server-delete').click();
      await byTestId('confirm-ok').click();
      await eventually(async () => (await serverRow('Broken Jelly').count()) === 0, 'the server is gone');
    });

    it('edits a server, keeping its token; Save waits for a change', async () => {
      await serverRow('Jelly Two').getByTestId('server-edit').click();
      expect(await byTestId('server-token').inputValue()).toBe('');
      expect(await text(byTestId('server-token-hint'))).toContain('leave empty to keep it');
      expect(await byTestId('server-save').isDisabled()).toBe(true);
      await byTestId('server-request-limit').fill('7');
      await byTestId('server-save').click();
      // Saving closes the dialog; a row click before then would reach the closing dialog, not the row.
      await byTestId('server-token').waitFor({ state: 'detached' });
      await eventually(
        async () => (await text(serverRow('Jelly Two'))).includes('7'),
        'the new request limit is listed',
      );
      // The row's test button opens the dialog and tests the saved server (token kept).
      await serverRow('Jelly Two').getByTestId('server-row-test').click();
      await byTestId('server-test-result').waitFor();
      expect(await byTestId('server-test-result').getAttribute('data-ok')).toBe('true');
      expect(await text(byTestId('server-cancel'))).toBe('Close');
      await byTestId('server-cancel').click();
    });

    it('reads the list again when the dialog closes', async () => {
      world.stack.jellyfin.setFaults({ badAuth: true });
      await byTestId('servers-refresh').click();
      await serverRow('Jellyfin').getByTestId('server-error').waitFor();
      world.stack.jellyfin.resetFaults();
      await serverRow('Jellyfin').getByTestId('server-row-test').click();
      await byTestId('server-test-result').waitFor();
      expect(await byTestId('server-test-result').getAttribute('data-ok')).toBe('true');
      await byTestId('server-cancel').click();
      await serverRow('Jellyfin').getByTestId('server-users').waitFor();
      expect(await serverRow('Jellyfin').getByTestId('server-error').count()).toBe(0);
    });

    it('disables and enables a server with its switch', async () => {
      const toggle = serverRow('Jelly Two').getByRole('switch');
      expect(await toggle.getAttribute('aria-checked')).toBe('true');
      await toggle.click();
      await eventually(
        async () => (await text(serverRow('Jelly Two').getByTestId('server-users'))) === 'Disabled',
        'the server shows as disabled',
      );
      await page.reload();
      await serverRow('Jelly Two').waitFor();
      expect(await serverRow('Jelly Two').getByRole('switch').getAttribute('aria-checked')).toBe('false');

      await serverRow('Jelly Two').getByRole('switch').click();
      await eventually(
        async () => /\d users/.test(await text(serverRow('Jelly Two').getByTestId('server-users'))),
        'the server is read again',
      );
    });

    it('deletes a server after confirmation', async () => {
      await serverRow('Jelly Two').getByTestId('server-delete').click();
      await byTestId('confirm-cancel').click();
      expect(await serverRow('Jelly Two').count()).toBe(1);

      await serverRow('Jelly Two').getByTestId('server-delete').click();
      await byTestId('confirm-ok').click();
      await eventually(async () => (await serverRow('Jelly Two').count()) === 0, 'the server is gone');
      expect(await byTestId('server-row').count()).toBe(3);
    });

    it('finds Plex servers from a token and fills the form', async () => {
      await byTestId('server-add').click();
      // Plex is the default type.
      expect(await text(byTestId('plex-discover'))).toContain('Find my Plex servers');
      expect(await byTestId('plex-discover').isDisabled()).toBe(true);
      await byTestId('server-token').fill(DEFAULT_PLEXTV_TOKEN);
      await byTestId('plex-discover').click();
      const server = byTestId('plex-server').first();
      await server.waitFor();
      await server.click();
      const machineId = world.stack.plex.state.world.server.machineIdentifier;
      expect(await byTestId('server-machine-id').inputValue()).toBe(machineId);
      expect(await byTestId('server-url').inputValue()).toMatch(/^https?:\/\//);
      expect(await byTestId('server-name').inputValue()).not.toBe('');

      await byTestId('server-token').fill('not-a-plex-token');
      await byTestId('plex-discover').click();
      await byTestId('plex-discover-error').waitFor();
      await byTestId('server-cancel').click();
      await byTestId('confirm-ok').click();
      await byTestId('server-token').waitFor({ state: 'detached' });
      expect(await byTestId('server-row').count()).toBe(3);
    });
  });

  describe('Seerr', () => {
    it('runs the pre-flight test on the saved settings', async () => {
      await byTestId('nav-seerr').click();
      await page.waitForURL(/\/seerr$/);
      await byTestId('seerr-live').waitFor();
      expect(await byTestId('seerr-live').getAttribute('data-ok')).toBe('true');
      expect(await text(byTestId('seerr-api-key-hint'))).toContain('A key is set');
      expect(await byTestId('seerr-url').inputValue()).toBe(world.stack.seerr.url);

      await byTestId('seerr-test').click();
      await byTestId('seerr-test-result').waitFor();
      expect(await byTestId('seerr-test-result').getAttribute('data-ok')).toBe('true');
      for (const name of ['reachable', 'api_key', 'local_login', 'writes', 'version']) {
        expect(await check(name).getAttribute('data-ok')).toBe('true');
      }
    });

    it('reports local sign-in being off', async () => {
      world.stack.seerr.state.settings.main.localLogin = false;
      await byTestId('seerr-test').click();
      await eventually(
        async () => (await check('local_login').getAttribute('data-ok')) === 'false',
        'the local sign-in check fails',
      );
      expect(await byTestId('seerr-test-result').getAttribute('data-ok')).toBe('false');
      expect(await check('api_key').getAttribute('data-ok')).toBe('true');
    });

    it('tests unsaved values: a wrong key', async () => {
      await byTestId('seerr-api-key').fill('wrong-key');
      await byTestId('seerr-test').click();
      await eventually(
        async () => (await check('api_key').getAttribute('data-ok')) === 'false',
        'the key check fails',
      );
      await byTestId('seerr-api-key').fill('');
    });

    it('saves the interval and shows the next run', async () => {
      expect(await text(byTestId('seerr-next-sync'))).toContain('Off');
      await byTestId('seerr-interval').fill('-5');
      await byTestId('seerr-save').click();
      await byTestId('seerr-save-error').waitFor();

      await byTestId('seerr-interval').fill('90');
      await byTestId('seerr-use-default-permissions').click();
      await byTestId('seerr-perm-262144').click();
      await eventually(
        async () => (await text(byTestId('seerr-perm-value'))) === String(32 + 262144),
        'the permission value adds "Request movies"',
      );
      await byTestId('seerr-save').click();
      await byTestId('seerr-saved').waitFor();
      await eventually(
        async () => /in 1 h 2\d min|in 1 h 30 min/.test(await text(byTestId('seerr-next-sync'))),
        'the next run is shown',
      );

      await page.reload();
      await byTestId('seerr-live').waitFor();
      expect(await byTestId('seerr-interval').inputValue()).toBe('90');
      expect(await text(byTestId('seerr-perm-value'))).toBe(String(32 + 262144));
      expect(await text(byTestId('seerr-next-sync'))).toMatch(/in 1 h/);
    });

    it('keeps Save off until something changed, and asks before leaving unsaved changes', async () => {
      expect(await byTestId('seerr-save').isDisabled()).toBe(true);
      await byTestId('seerr-interval').fill('45');
      expect(await byTestId('seerr-save').isDisabled()).toBe(false);

      await byTestId('nav-users').click();
      await byTestId('confirm-cancel').click();
      expect(page.url()).toMatch(/\/seerr$/);
      expect(await byTestId('seerr-interval').inputValue()).toBe('45');

      await byTestId('nav-users').click();
      await byTestId('confirm-ok').click();
      await page.waitForURL(/\/users$/);
      await byTestId('nav-seerr').click();
      await byTestId('seerr-live').waitFor();
      expect(await byTestId('seerr-interval').inputValue()).toBe('90');
    });
  });

  describe('Users', () => {
    const search = async (q: string): Promise<void> => {
      await byTestId('users-filter-q').fill(q);
      await page.waitForURL(new RegExp(`[?&]q=${q.replace('.', '\\.')}`));
      await eventually(async () => (await userRow(q).count()) === 1, `${q} is listed`);
    };
    const act = async (user: string, action: string): Promise<void> => {
      await userRow(user).getByTestId('user-actions').click();
      await byTestId(action).click();
    };

    beforeEach(async () => {
      await page.goto('/users');
      await byTestId('user-row').first().waitFor();
    });

    it('lists people with their servers and reasons', async () => {
      expect(await byTestId('nav-users').getAttribute('aria-current')).toBe('page');
      expect(await byTestId('user-row').count()).toBe(50);
      expect(await text(page.locator('h1 + .subtitle'))).toMatch(/\d+ people, \d+ synced/);
    });

    it('tells synced people from not-synced ones at a glance, in both themes', async () => {
      const background = (locator: Locator): Promise<string> =>
        locator.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor ?? '');
      const synced = page.locator('[data-synced="true"] .chip').first();
      const notSynced = page.locator('[data-status][data-synced="false"] .chip:not(.blocked)').first();
      try {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          const difference = colourDifference(await background(synced), await background(notSynced));
          expect({ colorScheme, apart: difference > 20 }).toEqual({ colorScheme, apart: true });
        }
      } finally {
        await page.emulateMedia({ colorScheme: null });
      }
    });

    it('searches and filters, keeping them in the URL', async () => {
      await search(SYNCED);
      expect(await userRow(SYNCED).locator('[data-synced="true"]').count()).toBe(1);

      await byTestId('users-filter-clear').click();
      await byTestId('users-filter-show').click();
      await page.getByRole('option', { name: 'Blocked' }).click();
      await page.waitForURL(/[?&]show=blocked/);
      await eventually(async () => (await byTestId('user-row').count()) === 1, 'only the blocked person');
      expect(await text(userRow(BLOCKED).getByTestId('user-reason'))).not.toBe('');

      await byTestId('users-filter-show').click();
      await page.getByRole('option', { name: 'Everyone' }).click();
      await byTestId('users-filter-server').click();
      await page.getByRole('option', { name: 'Emby' }).click();
      await page.waitForURL(/[?&]server=Emby/);
      await search(LOCAL.username);
      await byTestId('users-filter-q').fill(SYNCED);
      await byTestId('users-empty').waitFor();
      expect(await text(byTestId('users-empty'))).toContain('Nobody matches');
    });

    it('blocks and unblocks a person, and it persists', async () => {
      await search(SYNCED);
      await act(SYNCED, 'user-toggle-block');
      await userRow(SYNCED).getByTestId('user-blocked').waitFor();
      await page.reload();
      await userRow(SYNCED).getByTestId('user-blocked').waitFor();
      expect(await text(userRow(SYNCED))).toContain('Not synced');

      await act(SYNCED, 'user-toggle-block');
      await eventually(
        async () => (await userRow(SYNCED).getByTestId('user-blocked').count()) === 0,
        'the person is unblocked',
      );
      await page.reload();
      await userRow(SYNCED).waitFor();
      expect(await userRow(SYNCED).getByTestId('user-blocked').count()).toBe(0);
    });

    it('makes a person immune and back, and it persists', async () => {
      await search(SYNCED);
      await act(SYNCED, 'user-toggle-immune');
      await userRow(SYNCED).getByTestId('user-immune').waitFor();
      await page.reload();
      await userRow(SYNCED).getByTestId('user-immune').waitFor();

      await act(SYNCED, 'user-toggle-immune');
      await eventually(
        async () => (await userRow(SYNCED).getByTestId('user-immune').count()) === 0,
        'the person is no longer immune',
      );
      await page.reload();
      await userRow(SYNCED).waitFor();
      expect(await userRow(SYNCED).getByTestId('user-immune').count()).toBe(0);
    });

    it('sets a Seerr password, refusing a short one', async () => {
      await search(LOCAL.username);
      await act(LOCAL.username, 'user-set-password');
      await byTestId('password-input').fill('short');
      await byTestId('password-repeat').fill('short');
      await byTestId('password-save').click();
      expect(await text(byTestId('password-too-short'))).toContain('at least 8');

      const password = 'a-much-longer-secret';
      await byTestId('password-input').fill(password);
      await byTestId('password-repeat').fill(`${password}x`);
      await byTestId('password-save').click();
      await byTestId('password-mismatch').waitFor();

      await byTestId('password-repeat').fill(password);
      await byTestId('password-save').click();
      await byTestId('users-notice').waitFor();
      expect(await text(byTestId('users-notice'))).toContain(LOCAL.username);
      const account = [...world.stack.seerr.state.users.values()].find((u) => u.email === LOCAL.email);
      expect(account?.password).toBe(password);
    });

    it('adds a user, and says so clearly when Seerr already has them', async () => {
      await byTestId('user-add').click();
      await byTestId('add-user-username').fill('hand.added');
      await byTestId('add-user-password').fill('short');
      await byTestId('add-user-email').fill('not-an-email');
      await byTestId('add-user-save').click();
      expect(await text(byTestId('add-user-password-error'))).toContain('At least 8');

      await byTestId('add-user-password').fill('hand-added-password');
      await byTestId('add-user-email').fill('hand.added@example.test');
      await byTestId('add-user-request-limit').fill('3');
      await byTestId('add-user-save').click();
      await byTestId('users-notice').waitFor();
      expect(
        [...world.stack.seerr.state.users.values()].some((u) => u.email === 'hand.added@example.test'),
      ).toBe(true);
      await search('hand.added');

      await byTestId('user-add').click();
      await byTestId('add-user-username').fill('hand.added');
      await byTestId('add-user-password').fill('hand-added-password');
      await byTestId('add-user-email').fill('hand.added@example.test');
      await byTestId('add-user-save').click();
      const error = byTestId('add-user-error');
      await error.waitFor();
      expect(await error.getAttribute('data-conflict')).toBe('true');
      expect(await text(error)).toMatch(/already/i);
      await byTestId('add-user-cancel').click();
      await byTestId('confirm-ok').click();
      await byTestId('add-user-username').waitFor({ state: 'detached' });
    });

    it('marks a hand-added user, and lets syncs remove them once asked', async () => {
      await search('hand.added');
      const row = page.locator('[data-testid="user-row"]', { hasText: 'hand.added' });
      await row.getByTestId('user-added-by-hand').waitFor();
      await row.getByTestId('user-actions').click();
      await byTestId('user-mark-removable').click();
      await byTestId('users-notice').waitFor();
      expect(await text(byTestId('users-notice'))).toContain('may now remove hand.added');
      await row.getByTestId('user-added-by-hand').waitFor({ state: 'detached' });
    });

    it('names a server that could not be read', async () => {
      world.stack.jellyfin.setFaults({ badAuth: true });
      await byTestId('users-refresh').click();
      const banner = byTestId('users-server-errors');
      await banner.waitFor();
      expect(await text(banner)).toContain('Jellyfin');
      expect(await byTestId('user-row').count()).toBeGreaterThan(0);
    });
  });

  it('logged no errors', () => {
    expect(problems.errors).toEqual([]);
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the ${variant} pages in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (shot, { suffix }) => {
      await shot.goto('/media-servers');
      await shot.getByTestId('server-users').first().waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `media-servers-${suffix}`);

      await shot
        .locator('[data-testid="server-row"][data-name="Jellyfin"]')
        .getByTestId('server-row-test')
        .click();
      await shot.getByTestId('server-test-result').waitFor();
      await screenshot(shot, `media-servers-dialog-${suffix}`);
      await shot.getByTestId('server-cancel').click();
      await shot.getByTestId('server-token').waitFor({ state: 'detached' });

      // A failed test on Save: nothing is kept unless the user saves anyway.
      await shot.getByTestId('server-add').click();
      await shot.getByTestId('server-name').fill('Broken Jelly');
      await shot.getByTestId('server-type').click();
      await shot.getByRole('option', { name: 'Jellyfin' }).click();
      await shot.getByTestId('server-token').fill('not-the-key');
      await shot.getByTestId('server-url').fill(world.stack.jellyfin.url);
      await shot.getByTestId('server-save').click();
      await shot.getByTestId('server-save-error').waitFor();
      await screenshot(shot, `media-servers-save-anyway-${suffix}`);
      await shot.getByTestId('server-cancel').click();
      await screenshot(shot, `media-servers-discard-${suffix}`);
      await shot.getByTestId('confirm-ok').click();
      await shot.getByTestId('server-token').waitFor({ state: 'detached' });

      await shot.goto('/seerr');
      await shot.getByTestId('seerr-live').waitFor();
      await shot.getByTestId('seerr-test').click();
      await shot.getByTestId('seerr-test-result').waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `seerr-${suffix}`);

      await shot.goto('/users');
      await shot.getByTestId('user-row').first().waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `users-${suffix}`);
    },
  );
});
