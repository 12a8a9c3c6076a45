const USERINFO = /^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i;

/**
 * A URL as the API shows it: without `user:pass@`. Credentials in an upstream URL are secrets like any
 * other, so settings responses leave them out (they stay in config.json).
 */
export function withoutCredentials(url: string): string {
  return url.replace(USERINFO, '$1');
}

export function hasCredentials(url: string | undefined): boolean {
  return !!url && USERINFO.test(url);
}
