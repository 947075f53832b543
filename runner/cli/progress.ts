import type { CaseResult } from '../engine/run-case.js';

const COLOURS: Record<string, string> = {
  pass: '32',
  fail: '31',
  error: '35',
  skipped: '33',
  'expected-fail': '36',
  'not-exhibited': '34',
};

/** Colour only on a terminal, and never with NO_COLOR set (no-color.org). */
export function useColour(): boolean {
  return !!process.stdout.isTTY && !process.env.NO_COLOR;
}

const paint = (status: string, text: string) => (useColour() ? `\x1b[${COLOURS[status] ?? '0'}m${text}\x1b[0m` : text);

export function progressLine(r: CaseResult): string {
  const tag = paint(r.status, (r.status === 'not-exhibited' ? 'NOT-EXH' : r.status.toUpperCase()).padEnd(7));
  return `${tag} ${r.id.padEnd(16)} ${r.level.padEnd(6)} ${r.title}${r.reason ? `\n          ${r.reason}` : ''}`;
}

export function summaryLines(results: CaseResult[]): string[] {
  const count = (level: string | undefined, status: string) =>
    results.filter((r) => (!level || r.level === level) && r.status === status).length;
  const lines = ['', 'level   pass  fail  error  expected-fail  not-exhibited  skipped'];
  for (const level of ['MUST', 'SHOULD', 'MAY']) {
    lines.push(
      `${level.padEnd(6)} ${String(count(level, 'pass')).padStart(5)} ${String(count(level, 'fail')).padStart(5)} ${String(count(level, 'error')).padStart(6)} ${String(count(level, 'expected-fail')).padStart(14)} ${String(count(level, 'not-exhibited')).padStart(14)} ${String(count(level, 'skipped')).padStart(8)}`,
    );
  }
  lines.push(
    `total: ${results.length} cases, ${count(undefined, 'pass')} passed, ${count(undefined, 'fail')} failed, ${count(undefined, 'error')} errors, ${count(undefined, 'expected-fail')} expected failures, ${count(undefined, 'not-exhibited')} not exhibited (optional), ${count(undefined, 'skipped')} skipped`,
  );
  return lines;
}
