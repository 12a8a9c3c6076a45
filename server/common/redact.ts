import { redactSecretText } from './secret-text.patterns';

/** Key names whose values are secrets wherever they appear (bodies, details, config). */
const SECRET_KEY = /pass(word)?|secret|token|api[_-]?key|apikey|authorization|cookie|credential|hash/i;

export const REDACTED = '[redacted]';

/** Known secrets shorter than this could be ordinary words or numbers; the config refuses them. */
export const MIN_SECRET_LENGTH = 8;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Before a secret: not a word character, unless that is the last of a %XX or \n escape. */
const TOKEN_START = '(?:(?<![\\p{L}\\p{N}_])|(?<=%[0-9A-Fa-f]{2})|(?<=\\\\[nrtbf]))';
const TOKEN_END = '(?![\\p{L}\\p{N}_])';

/**
 * One value as a whole token: a secret `utorrent` is redacted in `password utorrent` but not inside
 * `rutorrent.container`. The edges are only checked where the secret itself begins or ends with a word
 * character, so a secret such as `#hunter2!x` is still found inside `x#hunter2!x`.
 */
function wholeToken(value: string): string {
  const start = WORD_CHAR.test(value.charAt(0)) ? TOKEN_START : '';
  const end = WORD_CHAR.test(value.charAt(value.length - 1)) ? TOKEN_END : '';
  return `${start}${escapeRegExp(value)}${end}`;
}

/** The forms a secret takes in a log line or an error: as is, URL-encoded and JSON-escaped. */
function spellings(value: string): string[] {
  return [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
}

/**
 * Removes secrets from text. Known secret values (from the configuration) are replaced where they occur
 * as whole tokens; the patterns catch secrets the panel has never seen, such as a tracker passkey.
 */
export class SecretRedactor {
  private readonly groups = new Map<string, string[]>();
  private known: RegExp | undefined;

  /** Replaces the known secrets of one owner (e.g. `config`, `jwt`); other owners' stay. */
  setKnownSecrets(owner: string, values: Iterable<string | null | undefined>): void {
    this.groups.set(
      owner,
      [...values].filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH),
    );
    const unique = new Set([...this.groups.values()].flat().flatMap(spellings));
    // Longest first so a secret containing another is replaced whole.
    const sorted = [...unique].sort((a, b) => b.length - a.length);
    this.known = sorted.length ? new RegExp(sorted.map(wholeToken).join('|'), 'gu') : undefined;
  }

  redactText(text: string): string {
    const out = this.known ? text.replace(this.known, REDACTED) : text;
    return redactSecretText(out);
  }

  /** A deep copy with secret-looking keys' values replaced and every string redacted as text. */
  redactValue(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (depth > 8) return '[truncated]';
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, depth + 1));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        out[key] =
          isSecretKey(key) && inner !== null && inner !== '' ? REDACTED : this.redactValue(inner, depth + 1);
      }
      return out;
    }
    return value;
  }
}

/** One redactor for the process: the config registers its secrets; the log sink, error filter and audit use it. */
export const secretRedactor = new SecretRedactor();

/** Returns a deep copy without secrets: by key name, by the known values and by the text patterns. */
export function redactObject(value: unknown): unknown {
  return secretRedactor.redactValue(value);
}
