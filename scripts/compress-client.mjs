// Writes a brotli (.br) and a gzip (.gz) copy beside every text asset of the built client, so the
// panel sends them compressed without compressing at request time (see server/common/client-assets.ts).
// Run by `npm run build:client` after `ng build`; prints what the browser transfers.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist/client/browser';
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map']);
/** Below this a compressed copy saves less than its own HTTP headers. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let raw = 0;
let brotli = 0;
let count = 0;
for (const path of files(root)) {
  if (!COMPRESSIBLE.has(extname(path)) || statSync(path).size < MIN_BYTES) continue;
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gz = gzipSync(data, { level: 9 });
  // A copy that is not smaller is not worth sending.
  if (br.length < data.length) writeFileSync(`${path}.br`, br);
  if (gz.length < data.length) writeFileSync(`${path}.gz`, gz);
  raw += data.length;
  brotli += Math.min(br.length, data.length);
  count++;
  if (process.env.VERBOSE)
    console.log(`${relative(root, path)}: ${data.length} → br ${br.length}, gz ${gz.length}`);
}
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
console.log(
  `Compressed ${count} client files: ${kb(raw)} → ${kb(brotli)} with brotli (gzip copies beside them).`,
);
