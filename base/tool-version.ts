import { readFileSync } from 'node:fs';
import { fromRoot } from './package-root.js';

/** The installed package's version (package.json). */
export const TOOL_VERSION: string = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')).version;
