import { applySettingsPatch, baseUrl, trimmed } from '../../../server/config/settings-patch';

interface Section {
  url?: string;
  token?: string;
  limit?: number;
}

describe('applySettingsPatch', () => {
  it('sets a sent value, clears on null and keeps an absent key', () => {
    const section: Section = { url: 'http://old', token: 'secret', limit: 5 };
    applySettingsPatch(section, { url: 'http://new', limit: null }, ['url', 'token', 'limit']);
    expect(section).toEqual({ url: 'http://new', token: 'secret' });
    expect('limit' in section).toBe(false);
  });

  it('touches only the listed keys', () => {
    const section: Section = { token: 'secret' };
    const patch: Section = { url: 'http://new', token: undefined };
    applySettingsPatch(section, { ...patch, token: null } as { url?: string }, ['url']);
    expect(section).toEqual({ url: 'http://new', token: 'secret' });
  });

  it('passes a sent value through its normaliser, never a null', () => {
    const section: Section = { url: 'http://old', token: 'secret' };
    const seen: string[] = [];
    applySettingsPatch(section, { url: ' http://new/// ', token: null }, ['url', 'token'], {
      url: baseUrl,
      token: (value) => {
        seen.push(value);
        return value;
      },
    });
    expect(section).toEqual({ url: 'http://new' });
    expect(seen).toEqual([]);
  });

  it('keeps falsy values that are not null (empty string, 0, false)', () => {
    const section: { url?: string; limit?: number; on?: boolean } = { url: 'x', limit: 5, on: true };
    applySettingsPatch(section, { url: '', limit: 0, on: false }, ['url', 'limit', 'on']);
    expect(section).toEqual({ url: '', limit: 0, on: false });
  });
});

describe('settings normalisers', () => {
  it('baseUrl trims and drops trailing slashes; trimmed trims', () => {
    expect(baseUrl('  http://plex:32400//  ')).toBe('http://plex:32400');
    expect(trimmed('  key ')).toBe('key');
  });
});
