import { readFileSync, writeFileSync } from 'node:fs';
import { Document, parse, visit } from 'yaml';
import { FAULTS } from '../../mocks/faults.js';
import { fromRoot } from '../../base/package-root.js';
import type { Case } from '../suite/types.js';
import type { FaultMatrix } from './fault-matrix.js';

export const TRIPS_FILE = fromRoot('suites', 'expectations', 'fault-trips.yaml');
export const EXCEPTIONS_FILE = fromRoot('suites', 'expectations', 'exceptions.yaml');

export interface Exceptions {
  /** Faults whose check no specification makes a MUST, with the reason. */
  below_must: Record<string, string>;
  /** Cases no single mock fault can trip, with the reason. */
  untrippable: Record<string, string>;
}

export function loadTrips(): Record<string, string[]> {
  return (parse(readFileSync(TRIPS_FILE, 'utf8')) as { faults: Record<string, string[]> }).faults;
}

export function loadExceptions(): Exceptions {
  return parse(readFileSync(EXCEPTIONS_FILE, 'utf8')) as Exceptions;
}

/** Writes what each fault tripped in this run as the new expectation (review the diff). */
/** Rewrites suites/expectations/fault-trips.yaml from the matrix; returns the file's path. */
export function writeTrips(m: FaultMatrix): string {
  const header =
    '# What each mock fault must trip: exactly these cases fail (or error) against the\n# bundled mocks with that one fault on. Checked by test/selftest.test.ts.\n# Rewrite with `npx dpop-conformance selftest --write-expectations`, then review the diff.\n';
  const doc = new Document({
    faults: Object.fromEntries(m.rows.map((r) => [r.fault, r.tripped.map((t) => t.id).sort()])),
  });
  visit(doc, {
    Seq: (_key, node) => {
      node.flow = true;
    },
  });
  writeFileSync(TRIPS_FILE, header + doc.toString({ lineWidth: 0 }));
  return TRIPS_FILE;
}

/** Every way the matrix departs from the expectations: empty when the self-test holds. */
export function compareMatrix(m: FaultMatrix, cases: Case[], trips = loadTrips(), ex = loadExceptions()): string[] {
  const problems: string[] = [];
  for (const r of m.cleanFailures) problems.push(`${r.id} does not pass against the clean mocks: ${r.reason}`);
  const levels = new Map(cases.map((c) => [c.id, c.level]));
  const tripped = new Set<string>();
  for (const row of m.rows) {
    const got = row.tripped.map((t) => t.id).sort();
    got.forEach((id) => tripped.add(id));
    const want = [...(trips[row.fault] ?? [])].sort();
    const extra = got.filter((id) => !want.includes(id));
    const missing = want.filter((id) => !got.includes(id));
    if (extra.length || missing.length)
      problems.push(
        `${row.fault}: ${missing.length ? `no longer trips ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `now also trips ${extra.join(', ')}` : ''}`,
      );
    const trippedMust = got.some((id) => levels.get(id) === 'MUST');
    if (!trippedMust && !(row.fault in ex.below_must))
      problems.push(`${row.fault} trips no MUST case (${got.length ? got.join(', ') : 'nothing'})`);
    if (trippedMust && row.fault in ex.below_must)
      problems.push(`${row.fault} is listed as below MUST but trips a MUST case`);
  }
  for (const f of Object.keys(FAULTS))
    if (!m.rows.some((r) => r.fault === f) && m.rows.length === Object.keys(FAULTS).length)
      problems.push(`${f} was not run`);
  for (const c of cases) {
    if (!tripped.has(c.id) && !(c.id in ex.untrippable)) problems.push(`${c.id} is tripped by no fault`);
    if (tripped.has(c.id) && c.id in ex.untrippable)
      problems.push(`${c.id} is listed as untrippable but a fault trips it`);
  }
  for (const name of Object.keys(ex.below_must))
    if (!(name in FAULTS)) problems.push(`exceptions.yaml names unknown fault ${name}`);
  for (const id of Object.keys(ex.untrippable))
    if (!levels.has(id)) problems.push(`exceptions.yaml names unknown case ${id}`);
  return problems;
}

/** docs/fault-matrix.md: fault × tripped cases, written from a run, never by hand. */
export function matrixMarkdown(m: FaultMatrix, ex = loadExceptions()): string {
  const lines = [
    '# Fault matrix',
    '',
    'Written by `npm run fault-matrix` (`dpop-conformance selftest --matrix docs/fault-matrix.md`) from a run of every',
    'suite against the bundled mocks: first clean, then once per fault with only that fault on. Each row lists the',
    'cases that failed; a case that no fault can trip, or a fault no case catches, fails `npm test`.',
    '',
    `Clean run: ${m.cleanFailures.length === 0 ? 'every case passes' : `${m.cleanFailures.length} cases do not pass`}.`,
    '',
    '| fault | what it breaks | cases that catch it |',
    '|---|---|---|',
    ...m.rows.map(
      (r) =>
        `| \`${r.fault}\` | ${r.does.replace(/\|/g, '\\|')} | ${r.tripped.map((t) => `${t.id} (${t.level})`).join(', ') || '—'} |`,
    ),
    '',
    '## Faults below MUST',
    '',
    ...Object.entries(ex.below_must).map(([f, why]) => `- \`${f}\`: ${why}`),
    '',
    '## Cases no single fault trips',
    '',
    ...Object.entries(ex.untrippable).map(([id, why]) => `- ${id}: ${why}`),
    '',
  ];
  return lines.join('\n');
}
