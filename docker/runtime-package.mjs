#!/usr/bin/env node
// Image build only, after `npm run build`: rewrites package.json in the current directory to the
// dependencies the server needs at run time, so that `npm prune --omit=dev` also drops what only the
// client build used (dist/client is static files by then). CLIENT_ONLY below is the one list to keep:
// a dependency not on it stays in the image (a new server dependency cannot go missing by mistake),
// and the build fails when the compiled server requires one that is on it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Dependencies the compiled server never loads: the Angular app, its fonts and icons, the
 * simulators' schema tools. npm keeps any of them that a server package depends on itself. */
const CLIENT_ONLY = [
  /^@angular\//,
  /^@fontsource\//,
  'material-symbols',
  'tslib',
  'ajv',
  'ajv-formats',
  'js-yaml',
];

const SERVER_DIR = 'dist/server';
const clientOnly = (name) => CLIENT_ONLY.some((p) => (typeof p === 'string' ? p === name : p.test(name)));

function* jsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(file);
    else if (entry.name.endsWith('.js')) yield file;
  }
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const required = new Set();
for (const file of jsFiles(SERVER_DIR)) {
  const source = readFileSync(file, 'utf8');
  for (const [, specifier] of source.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g))
    if (!specifier.startsWith('node:')) required.add(packageOf(specifier));
}
if (!required.size) throw new Error(`${SERVER_DIR} requires no package: run the build first`);

const misplaced = [...required].filter(clientOnly);
if (misplaced.length)
  throw new Error(
    `${SERVER_DIR} requires ${misplaced.join(', ')}: take it off CLIENT_ONLY in docker/runtime-package.mjs`,
  );

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const names = Object.keys(pkg.dependencies ?? {});
pkg.dependencies = Object.fromEntries(
  Object.entries(pkg.dependencies ?? {}).filter(([name]) => !clientOnly(name)),
);
delete pkg.devDependencies;
writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
process.stdout.write(
  `runtime dependencies: ${Object.keys(pkg.dependencies).join(' ')}\n` +
    `left out (client build only): ${names.filter(clientOnly).join(' ')}\n`,
);
