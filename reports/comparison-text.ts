import type { CaseChange, RunComparison } from './compare-reports.js';
import { printable } from './printable.js';

const SECTIONS: [keyof Omit<RunComparison, 'unchanged'>, string][] = [
  ['regressions', 'Regressions (passed before, fail or error now)'],
  ['progressions', 'Progressions (pass now)'],
  ['otherChanges', 'Other status changes'],
  ['newCases', 'New cases'],
  ['removedCases', 'Removed cases'],
];

const totals = (c: RunComparison) =>
  `${c.regressions.length} regressions, ${c.progressions.length} progressions, ${c.otherChanges.length} other changes, ${c.newCases.length} new, ${c.removedCases.length} removed, ${c.unchanged} unchanged`;

const move = (x: CaseChange) => `${x.from ?? '—'} → ${x.to ?? '—'}`;

/** The comparison for a terminal: one line per changed case, control characters stripped. */
export function comparisonText(c: RunComparison): string[] {
  const lines = [`compare: ${totals(c)}`];
  for (const [key, title] of SECTIONS) {
    if (!c[key].length) continue;
    lines.push('', `${title}:`);
    for (const x of c[key])
      lines.push(
        `  ${printable(x.id, 80)}  ${printable(x.level, 10)}  ${move(x)}  ${printable(x.ref, 80)}${x.reason ? `  ${printable(x.reason, 200)}` : ''}`,
      );
  }
  return lines;
}

/** Markdown table cell text: control characters out, markup characters escaped, bounded. */
function cell(v: unknown, max = 200): string {
  return printable(v, max).replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`);
}

/** The comparison as Markdown (a pull request comment, a CI job summary). */
export function comparisonMarkdown(c: RunComparison): string {
  const out = ['### dpop-conformance: changes between the two runs', '', totals(c)];
  for (const [key, title] of SECTIONS) {
    if (!c[key].length) continue;
    out.push('', `#### ${title}`, '', '| case | level | status | reference | reason |', '|---|---|---|---|---|');
    for (const x of c[key])
      out.push(
        `| ${cell(x.id, 80)} | ${cell(x.level, 10)} | ${cell(move(x))} | ${cell(x.ref, 80)} | ${cell(x.reason ?? '')} |`,
      );
  }
  return out.join('\n') + '\n';
}
