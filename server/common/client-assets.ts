import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** Angular's output names carry a content hash (`main-NKAUDPC5.js`): such a file never changes. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=3600';

/** The encodings the build writes beside a file, in the order they are preferred. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

/** How long a browser may keep a file: a year for hashed names, an hour for the rest. */
export function cacheControlFor(path: string): string {
  return HASHED.test(path) ? IMMUTABLE : SHORT;
}

/** The encodings an Accept-Encoding header allows (a q of 0 refuses one; `*` allows every one). */
export function acceptedEncodings(header: string | undefined): Set<Encoding> {
  const accepted = new Set<Encoding>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (token === '*') ENCODINGS.forEach((e) => accepted.add(e.name));
    else if (token === 'br' || token === 'gzip') accepted.add(token);
  }
  return accepted;
}

/** Every file of the built client by its URL path, with the compressed copies the build wrote. */
function scan(dir: string): Map<string, Map<Encoding, string>> {
  const found = new Map<string, Map<Encoding, string>>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const encoding = ENCODINGS.find((e) => name.endsWith(e.suffix));
      if (!encoding) continue;
      const original = path.slice(0, -encoding.suffix.length);
      if (!existsSync(original)) continue;
      const url = `/${relative(dir, original).split(sep).join('/')}`;
      const copies = found.get(url) ?? new Map<Encoding, string>();
      copies.set(encoding.name, path);
      found.set(url, copies);
    }
  };
  walk(dir);
  return found;
}

/**
 * Serves the built client: the brotli or gzip copy the build wrote when the browser takes it (nothing
 * is compressed at request time), hashed files cached for a year, the others for an hour. Only files
 * found under `dir` at start-up are served compressed, so a request path never reaches the disk
 * through this table.
 */
export function clientAssets(dir: string): RequestHandler {
  const compressed = scan(dir);
  const plain = express.static(dir, {
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', cacheControlFor(path)),
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const copies = req.method === 'GET' || req.method === 'HEAD' ? compressed.get(req.path) : undefined;
    if (copies) {
      res.setHeader('Vary', 'Accept-Encoding');
      const accepted = acceptedEncodings(req.headers['accept-encoding']);
      const pick = ENCODINGS.find((e) => accepted.has(e.name) && copies.has(e.name));
      if (pick) {
        res.setHeader('Content-Encoding', pick.name);
        res.setHeader('Cache-Control', cacheControlFor(req.path));
        res.type(extname(req.path));
        res.sendFile(copies.get(pick.name) as string, { cacheControl: false }, (err) => {
          if (err) next(err);
        });
        return;
      }
    }
    void plain(req, res, next);
  };
}
