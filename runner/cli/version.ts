import { readFileSync } from 'node:fs';
import { fromRoot } from '../../base/package-root.js';

export const TOOL_VERSION: string = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')).version;
