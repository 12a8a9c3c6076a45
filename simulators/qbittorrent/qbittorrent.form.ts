import type { SimRequest } from '../core';

export interface FormFile {
  name: string;
  filename: string;
  data: Buffer;
}

/** A request's parameters as qBittorrent reads them: the query, then a urlencoded or multipart body. */
export interface Form {
  fields: Map<string, string>;
  files: FormFile[];
}

/** Every part of a multipart/form-data body: fields by name, files (parts with a filename) in order. */
function multipart(contentType: string, body: Buffer, form: Form): void {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      // The part's content ends with the CRLF that precedes the next delimiter.
      const data = part.subarray(headerEnd + 4, Math.max(headerEnd + 4, part.length - 2));
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (filename !== undefined) form.files.push({ name, filename, data });
      else if (name) form.fields.set(name, data.toString('utf8'));
    }
    at = next;
  }
}

export function readForm(req: SimRequest): Form {
  const form: Form = { fields: new Map(req.query), files: [] };
  const type = String(req.headers['content-type'] ?? '');
  if (/^multipart\/form-data/i.test(type)) multipart(type, req.body, form);
  else if (req.body.length) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) form.fields.set(k, v);
  }
  return form;
}

/** `hashes=` as qBittorrent reads it: "|"-separated, lower-cased; "all" means every torrent. */
export function hashList(value: string | undefined): string[] | 'all' {
  if (value === 'all') return 'all';
  return (value ?? '')
    .split('|')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}
