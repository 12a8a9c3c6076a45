import { type TorrentState } from '../../../../client/src/app/api';
import { TORRENT_CLIENT_KIND } from '../../../../client/src/app/api/models/torrent-client-kind-array';
import { TORRENT_STATE } from '../../../../client/src/app/api/models/torrent-state-array';
import {
  ACTION_LOOKS,
  actionApplies,
  CLIENT_ICONS,
  CLIENT_PRODUCTS,
  STATE_LOOKS,
} from '../../../../client/src/app/features/torrents/torrent-labels';

describe('actionApplies', () => {
  // Which states each action makes sense in; every other state disables it in the row menu.
  const APPLIES: Record<keyof typeof ACTION_LOOKS, readonly TorrentState[]> = {
    start: TORRENT_STATE,
    remove: TORRENT_STATE,
    pause: ['downloading', 'seeding', 'queued'],
    resume: ['paused', 'stopped'],
    stop: ['downloading', 'seeding', 'paused', 'queued', 'checking', 'error'],
  };

  it.each(
    (Object.keys(ACTION_LOOKS) as (keyof typeof ACTION_LOOKS)[]).flatMap((action) =>
      TORRENT_STATE.map((state) => [action, state, APPLIES[action].includes(state)] as const),
    ),
  )('%s on a %s torrent: %s', (action, state, applies) => {
    expect(actionApplies(action, state)).toBe(applies);
  });

  it('has a look for every state', () => {
    expect(Object.keys(STATE_LOOKS).sort()).toEqual([...TORRENT_STATE].sort());
  });
});

describe('client kinds', () => {
  it('has a product name and an icon for every kind', () => {
    expect(Object.keys(CLIENT_PRODUCTS).sort()).toEqual([...TORRENT_CLIENT_KIND].sort());
    expect(Object.keys(CLIENT_ICONS).sort()).toEqual([...TORRENT_CLIENT_KIND].sort());
  });

  it('names each product apart', () => {
    const names = Object.values(CLIENT_PRODUCTS);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => name.length > 0)).toBe(true);
  });
});
