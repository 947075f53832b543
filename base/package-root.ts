import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { at } from './json-value.js';

/** The repository (package) root, found from this module whether it runs from source or dist/. */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && at(JSON.parse(readFileSync(pkg, 'utf8')), 'name') === 'dpop-conformance') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('dpop-conformance: package root not found above ' + start);
    dir = up;
  }
}

export const repoRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
export const fromRoot = (...parts: string[]): string => join(repoRoot, ...parts);
