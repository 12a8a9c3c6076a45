// Cuts the Material Symbols icon font of the built client down to the icons the client uses. The package
// ships every icon (4 MB of woff2, the bulk of what a first visit downloads); the client uses about a
// hundred. Run by `npm run build:client` after `ng build`, before compress-client.mjs.
//
// Icons are drawn by ligature: "home" in a <mat-icon> becomes the home glyph. The names used are every
// string literal and <mat-icon> text in client/src that the font shapes into a single icon glyph (names
// picked at run time come from such literals too). Each icon also has a private-use code point mapped to
// its glyph; keeping the letters plus those code points, without closing over the layout rules, keeps
// exactly the ligatures of the used icons. The variable axes are pinned to what the client draws
// (FILL 0, weight 400, grade 0, optical size 24).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import fontverter from 'fontverter';
import * as hb from 'harfbuzzjs';
import subsetFont from 'subset-font';

const root = process.argv[2] ?? 'dist/client/browser';
const sources = process.argv[3] ?? 'client/src';
const FONT = /^material-symbols-outlined.*\.woff2$/;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Every word that could name an icon: string literals and the text of <mat-icon> elements. */
function candidateNames() {
  const names = new Set();
  for (const path of files(sources)) {
    if (!['.ts', '.html'].includes(extname(path))) continue;
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/['"`]([a-z][a-z0-9_]*)['"`]/g)) names.add(m[1]);
    for (const m of text.matchAll(/<mat-icon[^>]*>\s*([a-z][a-z0-9_]*)\s*<\/mat-icon>/g)) names.add(m[1]);
  }
  return names;
}

function shaper(sfnt) {
  const font = new hb.Font(new hb.Face(new hb.Blob(sfnt), 0));
  return (text) => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    return buffer.getGlyphInfos().map((info) => info.codepoint);
  };
}

const fontPath = [...files(root)].find((path) => FONT.test(basename(path)));
if (!fontPath) {
  process.stderr.write(`subset-icons: no Material Symbols font under ${root}; run ng build first.\n`);
  process.exit(1);
}
const original = readFileSync(fontPath);
const sfnt = await fontverter.convert(original, 'sfnt');
const shape = shaper(sfnt);
/** Icon glyph → its private-use code point. */
const codePoints = new Map();
const face = new hb.Face(new hb.Blob(sfnt), 0);
for (const cp of [...face.collectUnicodes()]) {
  if (cp < 0xe000) continue;
  const glyphs = shape(String.fromCodePoint(cp));
  if (glyphs.length === 1) codePoints.set(glyphs[0], cp);
}
const icons = [...candidateNames()].filter((name) => {
  const glyphs = shape(name);
  return glyphs.length === 1 && codePoints.has(glyphs[0]);
});
const text = LETTERS + icons.map((name) => String.fromCodePoint(codePoints.get(shape(name)[0]))).join('');
const subset = await subsetFont(sfnt, text, {
  targetFormat: 'woff2',
  noLayoutClosure: true,
  variationAxes: { FILL: 0, wght: 400, GRAD: 0, opsz: 24 },
});

// A new name, so browsers that cached an earlier subset for a year fetch this one.
const hash = createHash('sha256').update(subset).digest('hex').slice(0, 16).toUpperCase();
const name = `material-symbols-outlined-${hash}.woff2`;
const oldName = basename(fontPath);
writeFileSync(join(dirname(fontPath), name), subset);
if (name !== oldName) {
  unlinkSync(fontPath);
  for (const path of files(root)) {
    if (!['.css', '.js', '.html'].includes(extname(path))) continue;
    const content = readFileSync(path, 'utf8');
    if (content.includes(oldName)) writeFileSync(path, content.split(oldName).join(name));
  }
}
const kB = (n) => `${(n / 1024).toFixed(0)} kB`;
process.stdout.write(
  `icon font: ${icons.length} icons, ${kB(original.length)} → ${kB(subset.length)} (${name})\n`,
);
