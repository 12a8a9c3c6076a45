/** Accepts only in-app paths, so `?returnUrl=` can't send the user to another site. */
export function safeReturnUrl(value: string | null | undefined, fallback = '/dashboard'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  return value.startsWith('/login') ? fallback : value;
}
