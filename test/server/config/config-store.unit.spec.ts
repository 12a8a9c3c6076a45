import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../../../server/config/config.loader';
import { ConfigStore } from '../../../server/config/config.store';
import { baseConfig } from '../support/test-panel';

describe('ConfigStore', () => {
  let dir: string;
  let file: string;
  let store: ConfigStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'store-'));
    file = join(dir, 'config.json');
    const initial = baseConfig();
    writeFileSync(file, JSON.stringify(initial));
    store = new ConfigStore({ file, initial, env: {} });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loses none of 50 concurrent updates', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.update(async (draft) => {
          await new Promise((r) => setTimeout(r, Math.random() * 3));
          draft.user_settings[`user${i}`] = { blocked: i % 2 === 0 };
        }),
      ),
    );
    const onDisk = parseConfigText(readFileSync(file, 'utf8'), file);
    expect(Object.keys(onDisk.user_settings)).toHaveLength(50);
    expect(Object.keys(store.get().user_settings)).toHaveLength(50);
  });

  it('keeps the previous version as a backup', async () => {
    await store.update((d) => void (d.sync_interval_minutes = 15));
    await store.update((d) => void (d.sync_interval_minutes = 30));
    expect(JSON.parse(readFileSync(`${file}.bak`, 'utf8')).sync_interval_minutes).toBe(15);
    expect(JSON.parse(readFileSync(file, 'utf8')).sync_interval_minutes).toBe(30);
  });

  it('refuses an invalid change, leaves the file alone, and keeps serving later updates', async () => {
    const before = readFileSync(file, 'utf8');
    await expect(store.update((d) => void (d.seerr.url = 'ftp://nope'))).rejects.toThrow(/seerr\.url/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    await store.update((d) => void (d.seerr.url = 'http://seerr:5055'));
    expect(store.get().seerr.url).toBe('http://seerr:5055');
  });

  it('keeps a hand edit made while the panel runs: each write starts from the file as it is now', async () => {
    await store.update((d) => void (d.sync_interval_minutes = 15));
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.user_settings.bob = { immune: true };
    edited.sync_interval_minutes = 45;
    writeFileSync(file, JSON.stringify(edited, null, 4));
    await store.update((d) => void (d.user_settings.ann = { blocked: true }));
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.user_settings).toEqual({ bob: { immune: true }, ann: { blocked: true } });
    expect(onDisk.sync_interval_minutes).toBe(45);
    expect(store.get().sync_interval_minutes).toBe(45);
  });

  it.each([
    ['not JSON', '{ "admin": '],
    ['JSON the panel refuses', JSON.stringify({ ...baseConfig(), sync_interval_minutes: 'often' })],
  ])('never overwrites a file edited into %s, and says so', async (_what, text) => {
    writeFileSync(file, text);
    const refused = store.update((d) => void (d.user_settings.ann = { blocked: true }));
    await expect(refused).rejects.toMatchObject({ status: 409 });
    await expect(refused).rejects.toThrow(
      new RegExp(
        `${file.replace(/[/.]/g, '\\$&')} was changed by hand and is no longer valid .*; the panel did not overwrite it`,
      ),
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('tells listeners about changes', async () => {
    const seen: Array<number | null | undefined> = [];
    store.onChange((c) => seen.push(c.sync_interval_minutes));
    await store.update((d) => void (d.sync_interval_minutes = 5));
    expect(seen).toEqual([5]);
  });
});
