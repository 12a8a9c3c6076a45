/** An absolute http(s) URL with a host, as every upstream base URL must be. */
export const HTTP_URL = {
  regex: /^https?:\/\/[^\s/?#]+[^\s]*$/i,
  message: 'must be an http:// or https:// URL',
};

/** The same, or the empty string, for settings where an empty URL switches the upstream off. */
export const HTTP_URL_OR_EMPTY = {
  regex: new RegExp(`^$|${HTTP_URL.regex.source}`, HTTP_URL.regex.flags),
  message: HTTP_URL.message,
};
