import { DOCUMENT, Injector } from '@angular/core';

import {
  DEFAULT_COLUMNS,
  gridTracks,
  TORRENT_COLUMNS,
  type TorrentColumnId,
  TorrentColumnsPreference,
} from '../../../../client/src/app/features/torrents/torrent-columns';
import { memoryStorage } from '../../support/fake-tabs';

const KEY = 'sp.torrents.columns';

/** A preference of one page load, in a browser whose localStorage is `storage` (null: none). */
function open(storage: Storage | null): TorrentColumnsPreference {
  const injector = Injector.create({
    providers: [
      { provide: DOCUMENT, useValue: { defaultView: storage ? { localStorage: storage } : null } },
      { provide: TorrentColumnsPreference, useClass: TorrentColumnsPreference },
    ],
  });
  return injector.get(TorrentColumnsPreference);
}

const ids = (preference: TorrentColumnsPreference) => preference.columns().map((column) => column.id);
const stored = (storage: Storage): unknown => JSON.parse(storage.getItem(KEY) ?? 'null');

describe('TorrentColumnsPreference', () => {
  let storage: Storage;
  beforeEach(() => (storage = memoryStorage()));

  it('shows the default columns, in display order, when nothing was chosen', () => {
    const preference = open(storage);
    expect(ids(preference)).toEqual(DEFAULT_COLUMNS);
    expect([...preference.chosen()].sort()).toEqual([...DEFAULT_COLUMNS].sort());
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('hides a shown column and shows a hidden one, in display order whatever the toggle order', () => {
    const preference = open(storage);
    preference.toggle('tracker');
    preference.toggle('size');
    preference.toggle('label');
    expect(ids(preference)).toEqual([
      'client',
      'state',
      'progress',
      'down',
      'up',
      'eta',
      'ratio',
      'label',
      'tracker',
    ]);
  });

  it('keeps the choice in localStorage, where a later page load reads it back', () => {
    const preference = open(storage);
    preference.toggle('client');
    preference.toggle('added');
    expect(new Set(stored(storage) as string[])).toEqual(preference.chosen());

    const later = open(storage);
    expect(ids(later)).toEqual(['state', 'progress', 'size', 'down', 'up', 'eta', 'ratio', 'added']);
  });

  it('toggling twice gives the column back', () => {
    const preference = open(storage);
    preference.toggle('eta');
    preference.toggle('eta');
    expect(ids(preference)).toEqual(DEFAULT_COLUMNS);
    expect(ids(open(storage))).toEqual(DEFAULT_COLUMNS);
  });

  it('resets to the defaults, stored too', () => {
    const preference = open(storage);
    preference.toggle('client');
    preference.toggle('tracker');
    preference.reset();
    expect(ids(preference)).toEqual(DEFAULT_COLUMNS);
    expect(ids(open(storage))).toEqual(DEFAULT_COLUMNS);
  });

  it('drops the ids it does not know (a column since removed, or junk)', () => {
    storage.setItem(KEY, JSON.stringify(['tracker', 'peers', 42, null, 'size']));
    expect(ids(open(storage))).toEqual(['size', 'tracker']);
  });

  it('keeps a stored choice of no optional column at all', () => {
    storage.setItem(KEY, '[]');
    expect(ids(open(storage))).toEqual([]);
  });

  it.each([
    ['not JSON', '[client'],
    ['not a list', '{"client":true}'],
    ['a string', '"client"'],
    ['null', 'null'],
  ])('shows the defaults when the stored value is %s', (_name, value) => {
    storage.setItem(KEY, value);
    expect(ids(open(storage))).toEqual(DEFAULT_COLUMNS);
  });

  it('shows the defaults when localStorage refuses to be read', () => {
    const refusing = {
      ...memoryStorage(),
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(ids(open(refusing))).toEqual(DEFAULT_COLUMNS);
  });

  it('keeps the choice for the page when localStorage refuses to be written', () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const preference = open(full);
    expect(() => preference.toggle('tracker')).not.toThrow();
    expect(ids(preference)).toContain('tracker');
  });

  it('works without localStorage at all', () => {
    const preference = open(null);
    expect(ids(preference)).toEqual(DEFAULT_COLUMNS);
    preference.toggle('client');
    expect(ids(preference)).not.toContain('client');
  });
});

describe('the columns', () => {
  it('are each known once, and the defaults are some of them', () => {
    const all = TORRENT_COLUMNS.map((column) => column.id);
    expect(new Set(all).size).toBe(all.length);
    expect(DEFAULT_COLUMNS.every((id) => all.includes(id))).toBe(true);
  });

  it('have the defaults listed in display order', () => {
    const order = (id: TorrentColumnId) => TORRENT_COLUMNS.findIndex((column) => column.id === id);
    expect([...DEFAULT_COLUMNS].sort((x, y) => order(x) - order(y))).toEqual(DEFAULT_COLUMNS);
  });
});

describe('gridTracks', () => {
  const column = (id: TorrentColumnId) => TORRENT_COLUMNS.find((each) => each.id === id)!;

  it('is the selection box, the name and the menu with no optional column', () => {
    expect(gridTracks([])).toBe('48px minmax(160px, 1fr) 40px');
  });

  it('puts the columns between the name and the menu, in the order given', () => {
    expect(gridTracks([column('size'), column('client'), column('tracker')])).toBe(
      '48px minmax(160px, 1fr) 80px 112px 140px 40px',
    );
  });
});
