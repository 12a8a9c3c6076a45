import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding seedbox-panel's package.json, found from wherever this file was compiled to. */
function findPackageRoot(): { root: string; version: string } {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'seedbox-panel') return { root: dir, version: pkg.version ?? '0.0.0' };
    }
    dir = dirname(dir);
  }
  return { root: process.cwd(), version: '0.0.0' };
}

const found = findPackageRoot();

export const PACKAGE_ROOT = found.root;
export const APP_VERSION = found.version;
export const APP_NAME = 'Seedbox Panel';
