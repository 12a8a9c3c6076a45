import { safeReturnUrl } from '../../../../client/src/app/core/auth/return-url';

describe('safeReturnUrl', () => {
  it.each([
    [null, '/dashboard'],
    [undefined, '/dashboard'],
    ['', '/dashboard'],
    ['/torrents?state=error', '/torrents?state=error'],
    ['https://evil.example/', '/dashboard'],
    ['//evil.example/', '/dashboard'],
    ['/\\evil.example/', '/dashboard'],
    ['/login?returnUrl=/users', '/dashboard'],
    ['users', '/dashboard'],
  ])('%j goes to %j', (value, url) => {
    expect(safeReturnUrl(value)).toBe(url);
  });

  it('falls back where it is told', () => {
    expect(safeReturnUrl('//x', '/sync')).toBe('/sync');
  });
});
