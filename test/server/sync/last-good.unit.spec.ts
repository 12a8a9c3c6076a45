import { LastGood } from '../../../server/sync/last-good';

describe('LastGood', () => {
  it('recalls a list only with the fingerprint it was read with, and forgets what is no longer configured', () => {
    const last = new LastGood<string[]>();
    last.remember('seerr', 'http://a|key', ['ann']);
    last.remember('Jelly', 'entry-1', ['bob']);
    expect(last.recall('seerr', 'http://a|key')).toEqual(['ann']);
    expect(last.recall('seerr', 'http://b|key')).toBeNull();
    expect(last.recall('Emby', 'entry-1')).toBeNull();

    last.retain(new Map([['seerr', 'http://b|key']]));
    expect(last.recall('seerr', 'http://a|key')).toBeNull();
    expect(last.recall('Jelly', 'entry-1')).toBeNull();
  });
});
