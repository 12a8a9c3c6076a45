import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { acceptedEncodings, cacheControlFor } from '../../../server/common/client-assets';
import { startTestPanel, type TestPanel } from '../support/test-panel';

const MAIN = `console.log(${JSON.stringify('panel '.repeat(2000))});`;
const STYLES = `body { color: red; }\n`.repeat(300);

/** A built client as `npm run build:client` leaves it: hashed files with their .br/.gz copies. */
function builtClient(dir: string): void {
  mkdirSync(join(dir, 'media'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Seedbox Panel</title>');
  writeFileSync(join(dir, 'main-NKAUDPC5.js'), MAIN);
  writeFileSync(join(dir, 'main-NKAUDPC5.js.br'), brotliCompressSync(MAIN));
  writeFileSync(join(dir, 'main-NKAUDPC5.js.gz'), gzipSync(MAIN));
  writeFileSync(join(dir, 'styles-A74NA6CY.css'), STYLES);
  writeFileSync(join(dir, 'styles-A74NA6CY.css.gz'), gzipSync(STYLES));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'media', 'font-LOX3CHMS.woff2'), Buffer.alloc(64, 1));
}

describe('the built client: precompressed copies and cache headers', () => {
  let panel: TestPanel;
  let client: string;

  beforeAll(async () => {
    client = mkdtempSync(join(tmpdir(), 'seedbox-client-'));
    builtClient(client);
    panel = await startTestPanel(undefined, {}, { clientDir: client });
  });
  afterAll(async () => {
    await panel?.close();
    rmSync(client, { recursive: true, force: true });
  });

  interface Raw {
    headers: { get: (name: string) => string | null };
    body: Buffer;
  }

  /** The answer's bytes as sent: fetch and supertest would inflate them. */
  const get = (path: string, encoding?: string): Promise<Raw> =>
    new Promise((done, fail) => {
      const headers = encoding === undefined ? {} : { 'Accept-Encoding': encoding };
      httpGet(`${panel.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const all: IncomingHttpHeaders = res.headers;
          const value = (name: string): string | null => {
            const v = all[name.toLowerCase()];
            return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
          };
          done({ headers: { get: value }, body: Buffer.concat(chunks) });
        });
      }).on('error', fail);
    });

  it('sends the brotli copy to a browser that takes it, cached for a year', async () => {
    const res = await get('/main-NKAUDPC5.js', 'gzip, deflate, br, zstd');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const body = res.body;
    expect(body.length).toBeLessThan(MAIN.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(MAIN);
  });

  it('sends gzip when brotli is refused or missing, and the file itself to a client that takes neither', async () => {
    const gz = await get('/main-NKAUDPC5.js', 'gzip, br;q=0');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(MAIN);

    const css = await get('/styles-A74NA6CY.css', 'br, gzip');
    expect(css.headers.get('content-encoding')).toBe('gzip');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);

    const plain = await get('/main-NKAUDPC5.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(MAIN);
  });

  it('caches unhashed files for an hour and never the app shell', async () => {
    const icon = await get('/favicon.svg', 'br');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(icon.headers.get('content-encoding')).toBeNull();
    const font = await get('/media/font-LOX3CHMS.woff2', 'br');
    expect(font.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/dashboard']) {
      const shell = await get(path, 'br');
      expect(shell.headers.get('cache-control')).toBe('no-cache');
      expect(shell.body.toString()).toContain('<title>Seedbox Panel</title>');
    }
  });

  it('never serves a compressed copy for a path outside the client folder', async () => {
    const res = await get('/../main-NKAUDPC5.js.br', 'br');
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});

describe('Accept-Encoding and cache rules', () => {
  it.each([
    ['gzip, deflate, br', ['br', 'gzip']],
    ['gzip;q=1.0, br;q=0', ['gzip']],
    ['*', ['br', 'gzip']],
    ['identity', []],
    [undefined, []],
    ['BR', ['br']],
  ])('%s allows %j', (header, expected) => {
    expect([...acceptedEncodings(header)].sort()).toEqual([...expected].sort());
  });

  it('keeps hashed names a year and the rest an hour', () => {
    expect(cacheControlFor('/chunk-36OVS7MQ.js')).toContain('immutable');
    expect(cacheControlFor('/favicon.svg')).toBe('public, max-age=3600');
  });
});
