import type { CaseResult } from '../engine/run-case.js';
import { isGated, type FailOn } from '../gating/gate.js';
import { printable } from './terminal-text.js';
import { countOf } from '../../base/count-words.js';

const COLOURS: Record<string, string> = {
  pass: '32',
  fail: '31',
  error: '35',
  skipped: '33',
  'expected-fail': '36',
  'not-exhibited': '34',
};

/** What each status is called on the console (an expected failure is not a FAIL). */
const LABELS: Record<string, string> = { 'expected-fail': 'XFAIL' };

/** Colour only on a terminal, and never with NO_COLOR set (no-color.org). */
export function useColour(): boolean {
  return !!process.stdout.isTTY && !process.env.NO_COLOR;
}

const paint = (status: string, text: string) => (useColour() ? `\x1b[${COLOURS[status] ?? '0'}m${text}\x1b[0m` : text);

/**
 * One case's line as it finishes. Every field is sanitised (terminal-text.ts): a reason
 * quotes what the server sent. The tool's own colour codes are added after.
 */
export function progressLine(r: CaseResult): string {
  const tag = paint(
    r.status,
    (LABELS[r.status] ?? (r.status === 'not-exhibited' ? 'NOT-EXH' : r.status.toUpperCase())).padEnd(7),
  );
  return `${tag} ${printable(r.id).padEnd(16)} ${r.level.padEnd(6)} ${printable(r.title)}${r.reason ? `\n          ${printable(r.reason)}` : ''}`;
}

/**
 * The counts by level and status. Cases in `notApplicable` (for a side not under test)
 * are counted apart, not with the cases skipped for an undeclared feature.
 */
export function summaryLines(
  results: CaseResult[],
  notApplicable: ReadonlySet<string> = new Set(),
  shownNa = false,
): string[] {
  const applicable = results.filter((r) => !notApplicable.has(r.id));
  const count = (level: string | undefined, status: string) =>
    applicable.filter((r) => (!level || r.level === level) && r.status === status).length;
  const lines = ['', 'level   pass  fail  error  expected-fail  not-exhibited  skipped'];
  for (const level of ['MUST', 'SHOULD', 'MAY']) {
    lines.push(
      `${level.padEnd(6)} ${String(count(level, 'pass')).padStart(5)} ${String(count(level, 'fail')).padStart(5)} ${String(count(level, 'error')).padStart(6)} ${String(count(level, 'expected-fail')).padStart(14)} ${String(count(level, 'not-exhibited')).padStart(14)} ${String(count(level, 'skipped')).padStart(8)}`,
    );
  }
  lines.push(
    `total: ${countOf(applicable.length, 'case')}, ${count(undefined, 'pass')} passed, ${count(undefined, 'fail')} failed, ${count(undefined, 'error')} errors, ${count(undefined, 'expected-fail')} expected failures, ${count(undefined, 'not-exhibited')} not exhibited (optional), ${count(undefined, 'skipped')} skipped`,
  );
  if (notApplicable.size) {
    const why = [
      ...new Set(
        results.filter((r) => notApplicable.has(r.id)).map((r) => (r.reason ?? '').replace(/^not applicable: /, '')),
      ),
    ];
    lines.push(
      `not applicable: ${countOf(notApplicable.size, 'more case')} (${printable(why.join('; '))})${shownNa ? '' : '; --show-na lists them'}`,
    );
  }
  return lines;
}

/**
 * The failures again, at the end of the run (as mocha and pytest end): each failing or
 * erroring case with its level, spec reference and reason, so the last screen of a CI
 * log explains the exit code. Failures at a level the gate ignores are marked so.
 */
export function failureRecap(results: CaseResult[], failOn: FailOn): string[] {
  const failed = results.filter((r) => r.status === 'fail' || r.status === 'error');
  if (!failed.length) return [];
  const lines = ['', `${failed.length} failing (fail and error):`];
  for (const [n, r] of failed.entries()) {
    const gated = isGated(r.level, failOn) ? '' : ` (not gated: --fail-on ${failOn})`;
    lines.push(
      `  ${n + 1}) ${paint(r.status, r.status.toUpperCase())} ${printable(r.id)} ${r.level} ${printable(r.ref)}${gated}`,
      `     ${printable(r.title)}`,
      `     ${printable(r.reason ?? r.status)}`,
    );
  }
  lines.push('');
  return lines;
}
