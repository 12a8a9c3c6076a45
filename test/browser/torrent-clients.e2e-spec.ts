import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import type { PanelConfig } from '../../server/config/config.schema';
import { DEFAULT_CREDENTIALS } from '../../simulators/stack';
import { type PageProblems, eventually, launchBrowser, openPage, screenshot } from './support/browser';
import { horizontalOverflow, logIn } from './support/log-in';
import { describeScreenshots } from './support/screenshots';
import { type StackPanel, startStackPanel } from './support/stack-panel';

jest.setTimeout(90_000);

const DELUGE_PASSWORD = DEFAULT_CREDENTIALS.deluge.password;
const WRONG_PASSWORD = 'not-the-deluge-pass-71c2';

describe('Torrent clients page', () => {
  let world: StackPanel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const byTestId = (id: string): Locator => page.getByTestId(id);
  const clientRow = (name: string): Locator =>
    page.locator(`[data-testid="client-row"][data-name="${name}"]`);
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();
  /** The dialog's hints follow the type on the next change detection after a pick. */
  const hintSays = (testId: string, words: string) =>
    eventually(async () => (await text(byTestId(testId))).includes(words), `${testId} says "${words}"`);
  const fileConfig = () =>
    JSON.parse(readFileSync(join(world.panel.dir, 'config.json'), 'utf8')) as PanelConfig;
  const fileEntries = () => fileConfig().torrent_clients ?? [];
  const testResult = async (): Promise<{ ok: string | null; text: string }> => {
    const result = byTestId('client-test-result');
    await result.waitFor();
    return { ok: await result.getAttribute('data-ok'), text: await text(result) };
  };

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

  it('lists the seed sections and the torrent_clients entries, after Media servers in the menu', async () => {
    const nav = await page
      .locator('[data-testid^="nav-"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')));
    expect(nav.indexOf('nav-torrent-clients')).toBe(nav.indexOf('nav-media-servers') + 1);
    await byTestId('nav-torrent-clients').click();
    await page.waitForURL(/\/torrent-clients$/);
    await eventually(async () => (await byTestId('client-row').count()) === 5, 'five clients are listed');
    const names = await byTestId('client-row').evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-name')),
    );
    expect(names).toEqual(['uTorrent', 'rTorrent', 'Seedbox qBit', 'Transmission', 'Deluge']);
    expect(await text(clientRow('uTorrent'))).toContain('seed');
    expect(await clientRow('uTorrent').getByTestId('client-delete').count()).toBe(0);
    expect(await text(clientRow('Deluge').getByTestId('client-login'))).toBe('password set');
    expect(await horizontalOverflow(page)).toBe(0);
  });

  it('adds a Deluge client: hints per type, a test that says why a password is wrong, then saves', async () => {
    await byTestId('client-add').click();
    expect(await byTestId('client-save').isDisabled()).toBe(true);
    await byTestId('client-name').fill('Deluge Two');
    await byTestId('client-type').click();
    await page.getByRole('option', { name: 'rTorrent', exact: true }).click();
    await hintSays('client-url-hint', 'https://host/RPC2, or the ruTorrent URL');
    expect(await text(byTestId('client-rpc-hint'))).toBe(
      'Only know your ruTorrent URL and login? Set RPC path to plugins/httprpc/action.php',
    );
    await byTestId('client-type').click();
    await page.getByRole('option', { name: 'Deluge' }).click();
    await hintSays('client-url-hint', 'http://host:8112');
    // deluge-web has a password only.
    expect(await byTestId('client-username').count()).toBe(0);
    expect(await byTestId('client-rpc-path').count()).toBe(0);
    expect(await text(byTestId('client-password-hint'))).toContain('no username');

    await byTestId('client-url').fill('deluge.local:8112');
    await byTestId('client-save').click();
    expect(await text(byTestId('client-url-error'))).toContain('http://');

    await byTestId('client-url').fill(world.stack.deluge.url);
    await byTestId('client-password').fill(WRONG_PASSWORD);
    await byTestId('client-test').click();
    const wrong = await testResult();
    expect(wrong.ok).toBe('false');
    expect(wrong.text).toMatch(/^error\s*Deluge Two refused/);
    expect(wrong.text).not.toContain(WRONG_PASSWORD);

    await byTestId('client-password').fill(DELUGE_PASSWORD);
    await byTestId('client-test').click();
    await eventually(async () => (await testResult()).ok === 'true', 'the test passes');
    expect((await testResult()).text).toContain('Connection works · version 2.0.3');
    expect(fileEntries().map((e) => e.name)).not.toContain('Deluge Two');

    await byTestId('client-save').click();
    await byTestId('client-name').waitFor({ state: 'detached' });
    await clientRow('Deluge Two').waitFor();
    expect(await text(clientRow('Deluge Two'))).toContain(world.stack.deluge.url);
    expect(fileEntries().at(-1)).toEqual({
      name: 'Deluge Two',
      type: 'deluge',
      url: world.stack.deluge.url,
      password: DELUGE_PASSWORD,
    });
  });

  it('edits it: Save waits for a change, the stored password is kept and tested', async () => {
    await clientRow('Deluge Two').getByTestId('client-edit').click();
    expect(await byTestId('client-password').inputValue()).toBe('');
    expect(await text(byTestId('client-password-hint'))).toContain('leave empty to keep it');
    expect(await byTestId('client-save').isDisabled()).toBe(true);
    await byTestId('client-test').click();
    expect((await testResult()).ok).toBe('true');
    await byTestId('client-poll').fill('30');
    expect(await byTestId('client-save').isDisabled()).toBe(false);
    await byTestId('client-save').click();
    await byTestId('client-name').waitFor({ state: 'detached' });
    await eventually(
      async () => (await text(clientRow('Deluge Two'))).includes('30 s'),
      'the new poll period is listed',
    );
    expect(fileEntries().at(-1)).toEqual({
      name: 'Deluge Two',
      type: 'deluge',
      url: world.stack.deluge.url,
      password: DELUGE_PASSWORD,
      poll_seconds: 30,
    });
  });

  it('refuses a name whose id is taken, naming both', async () => {
    await byTestId('client-add').click();
    await byTestId('client-name').fill('deluge two');
    await byTestId('client-url').fill(world.stack.deluge.url);
    await byTestId('client-save').click();
    const error = byTestId('client-name-error');
    await error.waitFor();
    expect(await text(error)).toContain('which the torrent client "Deluge Two" already uses');
    // Leaving a filled-in form asks first.
    await byTestId('client-cancel').click();
    await byTestId('confirm-ok').click();
    await byTestId('client-name').waitFor({ state: 'detached' });
  });

  it('edits the seed rTorrent section through its own settings route', async () => {
    await clientRow('rTorrent').getByTestId('client-edit').click();
    // The dialog fixes the seed section's name once its form is filled.
    await eventually(() => byTestId('client-name').isDisabled(), 'the name of the seed section is fixed');
    expect(await byTestId('client-rpc-path').inputValue()).toBe('/RPC2');
    await byTestId('client-test').click();
    expect((await testResult()).ok).toBe('true');
    await byTestId('client-container').fill('rutorrent-box');
    await byTestId('client-save').click();
    await byTestId('client-name').waitFor({ state: 'detached' });
    await eventually(
      () => fileConfig().rutorrent?.container === 'rutorrent-box',
      'the seed section is saved',
    );
  });

  it('deletes the new client after confirmation', async () => {
    await clientRow('Deluge Two').getByTestId('client-delete').click();
    await byTestId('confirm-cancel').click();
    expect(await clientRow('Deluge Two').count()).toBe(1);
    await clientRow('Deluge Two').getByTestId('client-delete').click();
    await byTestId('confirm-ok').click();
    await eventually(async () => (await clientRow('Deluge Two').count()) === 0, 'the client is gone');
    expect(fileEntries().map((e) => e.name)).toEqual(['Seedbox qBit', 'Transmission', 'Deluge']);
  });

  it('logged no errors', () => {
    expect(problems.errors).toEqual([]);
  });

  describeScreenshots(
    {
      title: ({ variant, theme }) => `captures the ${variant} page in ${theme} mode`,
      browser: () => browser,
      panel: () => world.panel,
    },
    async (shot, { suffix }) => {
      await shot.goto('/torrent-clients');
      await shot.getByTestId('client-row').first().waitFor();
      expect(await horizontalOverflow(shot)).toBe(0);
      await screenshot(shot, `torrent-clients-${suffix}`);

      await shot
        .locator('[data-testid="client-row"][data-name="rTorrent"]')
        .getByTestId('client-edit')
        .click();
      await shot.getByTestId('client-test').click();
      await shot.getByTestId('client-test-result').waitFor();
      await screenshot(shot, `torrent-clients-dialog-${suffix}`);
      await shot.getByTestId('client-cancel').click();
    },
  );
});
