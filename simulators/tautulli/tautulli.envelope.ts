import type { SimResponse } from '../core';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Python's `json.dumps` layout (", " and ": " separators, non-ASCII kept), which Tautulli sends. */
export function pyJson(value: Json, indent?: string, depth = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent === undefined ? '' : depth + indent;
  const [open, sep, close] =
    indent === undefined ? ['', ', ', ''] : [`\n${inner}`, `,\n${inner}`, `\n${depth}`];
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[${open}${value.map((v) => pyJson(v, indent, inner)).join(sep)}${close}]`;
  }
  const entries = Object.entries(value);
  if (!entries.length) return '{}';
  // debug=1 pretty-prints with sort_keys=True.
  if (indent !== undefined) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${open}${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v, indent, inner)}`).join(sep)}${close}}`;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `xmltodict.unparse(out, pretty=True)`: lists repeat their tag, null is an empty element, tabs indent. */
function toXml(tag: string, value: Json, depth: string): string {
  if (Array.isArray(value)) return value.map((v) => toXml(tag, v, depth)).join('');
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => toXml(k, v, `${depth}\t`))
      .join('');
    return inner ? `${depth}<${tag}>\n${inner}${depth}</${tag}>\n` : `${depth}<${tag}></${tag}>\n`;
  }
  const text = value === null ? '' : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return `${depth}<${tag}>${xmlEscape(text)}</${tag}>\n`;
}

export interface OutputOptions {
  outType?: string | null;
  callback?: string | null;
  debug?: boolean;
}

/** The `{"response": {"result", "message", "data"}}` envelope in the requested output type. */
export function envelope(
  status: number,
  result: 'success' | 'error',
  message: string | null,
  data: Json,
  out: OutputOptions = {},
): SimResponse {
  const body = { response: { result, message, data } };
  if (out.outType === 'xml') {
    const xml = `<?xml version="1.0" encoding="utf-8"?>\n${toXml('response', body.response, '')}`;
    return { status, headers: { 'Content-Type': 'application/xml;charset=UTF-8' }, body: xml };
  }
  const json = pyJson(body, out.debug ? '    ' : undefined);
  if (out.callback)
    return {
      status,
      headers: { 'Content-Type': 'application/javascript' },
      body: `${out.callback}(${json});`,
    };
  return { status, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: json };
}

/** Tautulli answers every error except internal exceptions with HTTP 400 and `result: "error"`. */
export function apiError(message: string | null, out: OutputOptions = {}, status = 400): SimResponse {
  return envelope(status, 'error', message, {}, out);
}

/** helpers.human_duration(seconds, sig='dhm'): "42 days 5 hrs 18 mins"; under 5 minutes adds seconds. */
export function humanDuration(seconds: number): string {
  if (seconds <= 0) return '0 secs';
  const units: Array<[string, number]> = [
    ['day', 86_400],
    ['hr', 3600],
    ['min', 60],
  ];
  if (seconds < 300) units.push(['sec', 1]);
  const parts: string[] = [];
  let rest = Math.floor(seconds);
  for (const [name, size] of units) {
    if (rest < size) continue;
    const n = Math.floor(rest / size);
    rest -= n * size;
    parts.push(`${n} ${name}${n > 1 ? 's' : ''}`);
  }
  return parts.join(' ') || '0 secs';
}
