import { readFileSync, writeFileSync } from 'node:fs';
import { fromRoot } from '../../base/package-root.js';
import { BEGIN, END, renderInteropTable } from './interop-table.js';

/** Rewrites the results table in docs/interop.md from the last interop runs (npm test writes them). */
const path = fromRoot('docs', 'interop.md');
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (start < 0 || end < 0) throw new Error(`docs/interop.md lacks the table markers`);
writeFileSync(path, doc.slice(0, start) + renderInteropTable() + doc.slice(end + END.length));
console.log(`wrote ${path}`);
