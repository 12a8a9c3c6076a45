/**
 * Secret-shaped fragments of free text, for secrets the panel was never told about: bearer tokens,
 * JWTs, credentials in URLs (user:pass@host), secret query parameters and tracker passkeys, also when
 * the URL is itself URL-encoded inside another one (a magnet link's `tr=`). Each keeps what names the
 * secret (`passkey=`, `http://`) so the text stays readable.
 */

/**
 * Query parameters whose value is a secret: any name ending in token, secret, password/passwd, apikey
 * (api_key, api-key), passkey or authkey (X-Plex-Token, access_token, client_secret, …), and the short
 * names trackers and signed URLs use: pass, pwd, torrent_pass, sig, signature.
 */
const SECRET_PARAM =
  '(?<![\\w-])(?:[\\w-]*?(?:token|secret|passw(?:or)?d|api[_-]?key|passkey|auth_?key)|pass|pwd|torrent_pass|sig|signature)';

/** A passkey as a path segment of a tracker URL: /announce/<key>, /<key>/announce (16+ letters and digits). */
const SLASH = '(?:\\/|%2F)';
const TRACKER_PATH = '(?:announce|scrape)(?:\\.php)?';
const PASSKEY = '[A-Za-z0-9]{16,}';

const PATTERNS: { pattern: RegExp; replacement: string }[] = [
  { pattern: /(bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, replacement: '$1[redacted]' },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g, replacement: '[redacted]' },
  {
    pattern: /((?:x-plex-token|x-api-key|x-emby-token)\s*[=:]\s*)[^\s&"',;}]{6,}/gi,
    replacement: '$1[redacted]',
  },
  {
    pattern: /(authorization\s*[=:]\s*(?:basic|bearer|mediabrowser)?\s*)[^\s&"',;}]{6,}/gi,
    replacement: '$1[redacted]',
  },
  // http://user:pass@host → http://[redacted]@host; the class stops at the end of the authority.
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>\\]+@/gi, replacement: '$1[redacted]@' },
  { pattern: /(%3A%2F%2F)(?:(?!%2F|%3F|%23|%40)[^\s/?#@"'<>&\\])+%40/gi, replacement: '$1[redacted]%40' },
  { pattern: new RegExp(`(${SECRET_PARAM}=)[^\\s&#"',;}<>]+`, 'gi'), replacement: '$1[redacted]' },
  {
    pattern: new RegExp(`(${SECRET_PARAM}%3D)(?:(?!%26|%23|%22)[^\\s&#"',;}<>])+`, 'gi'),
    replacement: '$1[redacted]',
  },
  { pattern: new RegExp(`(${SLASH}${TRACKER_PATH}${SLASH})${PASSKEY}`, 'gi'), replacement: '$1[redacted]' },
  {
    pattern: new RegExp(`(${SLASH})${PASSKEY}(?=${SLASH}${TRACKER_PATH}(?![A-Za-z0-9]))`, 'gi'),
    replacement: '$1[redacted]',
  },
  {
    pattern: /("(?:[a-z_]*(?:password|secret|token|api_?key|apikey|passkey)[a-z_]*)"\s*:\s*")[^"]*/gi,
    replacement: '$1[redacted]',
  },
];

export function redactSecretText(text: string): string {
  let out = text;
  for (const { pattern, replacement } of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
