import { readFileSync } from 'node:fs';
import { at } from './json-value.js';
import { fromRoot } from './package-root.js';

function readVersion(): string {
  const version = at(JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')), 'version');
  if (typeof version !== 'string') throw new Error('dpop-conformance: package.json has no version');
  return version;
}

/** The installed package's version (package.json). */
export const TOOL_VERSION: string = readVersion();
