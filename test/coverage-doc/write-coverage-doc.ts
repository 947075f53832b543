import { readFileSync, writeFileSync } from 'node:fs';
import { fromRoot } from '../../base/package-root.js';
import { loadSuites } from '../../runner/suite/load.js';
import { coverageMarkdown } from './coverage-markdown.js';

/** Writes docs/coverage.md from the requirement list and the cases' covers (npm run coverage-doc). */
const path = fromRoot('docs', 'coverage.md');
const next = coverageMarkdown(loadSuites());
if (next !== readFileSync(path, 'utf8')) {
  writeFileSync(path, next);
  console.log(`wrote ${path}`);
}
