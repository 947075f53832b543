import { readFileSync, writeFileSync } from 'node:fs';
import { fromRoot } from '../../base/package-root.js';
import { withReference } from './cases-reference.js';

/** Rewrites the reference block of docs/cases.md from the schema and the named checks (npm run cases-doc). */
const path = fromRoot('docs', 'cases.md');
const doc = readFileSync(path, 'utf8');
const next = withReference(doc);
if (next !== doc) {
  writeFileSync(path, next);
  console.log(`wrote ${path}`);
}
