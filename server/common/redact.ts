/** Key names whose values are secrets wherever they appear (bodies, details, config). */
const SECRET_KEY = /pass(word)?|secret|token|api[_-]?key|apikey|authorization|cookie|credential|hash/i;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Returns a deep copy with the values of secret-looking keys replaced. */
export function redactObject(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => redactObject(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      out[key] =
        isSecretKey(key) && inner !== null && inner !== '' ? REDACTED : redactObject(inner, depth + 1);
    }
    return out;
  }
  return value;
}

/** Secret-shaped fragments of free text: bearer tokens, JWTs, and key=value pairs in URLs or headers. */
const SECRET_TEXT_PATTERNS: RegExp[] = [
  /(bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi,
  /()\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g,
  /((?:x-plex-token|x-api-key|x-emby-token)\s*[=:]\s*)[^\s&"',;}]{6,}/gi,
  /(authorization\s*[=:]\s*(?:basic|bearer|mediabrowser)?\s*)[^\s&"',;}]{6,}/gi,
  /((?:api[_-]?key|apikey|token|password|passwd|secret)=)[^\s&"',;}]+/gi,
  /("(?:[a-z_]*(?:password|secret|token|api_?key|apikey)[a-z_]*)"\s*:\s*")[^"]*/gi,
];

/**
 * Removes secrets from text. Known secret values (from the configuration) are replaced wherever they
 * occur; the patterns catch secrets the panel has never seen, such as a token in an upstream URL.
 */
export class SecretRedactor {
  private readonly groups = new Map<string, string[]>();
  private values: string[] = [];

  /** Replaces the known secrets of one owner (e.g. `config`, `jwt`); other owners' stay. */
  setKnownSecrets(owner: string, values: Iterable<string | null | undefined>): void {
    this.groups.set(
      owner,
      [...values].filter((v): v is string => typeof v === 'string' && v.length >= 4),
    );
    const unique = new Set([...this.groups.values()].flat());
    // Longest first so a secret containing another is replaced whole.
    this.values = [...unique].sort((a, b) => b.length - a.length);
  }

  redactText(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join(REDACTED);
    for (const pattern of SECRET_TEXT_PATTERNS)
      out = out.replace(pattern, (_m, prefix: string) => `${prefix ?? ''}${REDACTED}`);
    return out;
  }
}

/** One redactor for the process: the config registers its secrets, the log sink and error filter use it. */
export const secretRedactor = new SecretRedactor();
