import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '../reports/json-report.js';
import { MAX_SUMMARY_CHARS, renderMarkdownSummary } from '../reports/markdown-summary.js';
import { cli } from './helpers/run-cli.js';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JsonReport;

/** The cells of a Markdown table row: split on the pipes that are not backslash-escaped. */
const cells = (row: string) =>
  row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

const tableRows = (md: string, header: string) => {
  const lines = md.split('\n');
  const start = lines.indexOf(header);
  expect(start, `table ${header}`).to.be.greaterThan(-1);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
};

const FAILING_HEADER = '| case | level | status | gates | reference | title — reason |';
const COUNTS_HEADER = '| level | fail | error | pass | expected-fail | not-exhibited | skipped |';

describe('--summary-md: the Markdown summary for CI job summaries and pull request comments', function () {
  this.timeout(120_000);
  let dir: string;
  let failing: { code: number; md: string; report: JsonReport };
  let passing: { code: number; md: string; report: JsonReport };

  before(async () => {
    dir = tmp('summary-md-');
    const run = async (name: string, extra: string[]) => {
      const out = join(dir, name);
      const md = join(dir, `${name}.md`);
      const r = await cli(['run', '--suite', 'rfc9449-rs', '--out', out, '--summary-md', md, ...extra]);
      return { code: r.code, md: readFileSync(md, 'utf8'), report: readJson(join(out, 'report.json')) };
    };
    passing = await run('clean', []);
    failing = await run('fault', [
      '--mock-fault',
      'rs-skip-htm',
      '--summary-report-url',
      'https://ci.example/reports/report.html',
    ]);
  });

  it('a passing run: the gate passed, counts by level agree with report.json, no failing case', () => {
    expect(passing.code).to.equal(0);
    expect(passing.md).to.match(/^## dpop-conformance: passed\n\n\*\*Gate passed\*\* \(fail on must\)\./);
    expect(passing.md).to.include('No case failed or errored.');
    const rows = tableRows(passing.md, COUNTS_HEADER);
    expect(rows.map((r) => cells(r)[0])).to.deep.equal(['MUST', 'SHOULD', 'MAY', '**total**']);
    for (const row of rows.slice(0, 3)) {
      const [level, ...counts] = cells(row);
      const byLevel = passing.report.counts.byLevel[level];
      expect(counts.map(Number), level).to.deep.equal(
        ['fail', 'error', 'pass', 'expected-fail', 'not-exhibited', 'skipped'].map((s) => byLevel[s]),
      );
    }
  });

  it('a failing run: gate FAILED linking to the failing cases, each with level, gating, linked reference and reason', () => {
    expect(failing.code).to.equal(1);
    expect(failing.md).to.include('**Gate FAILED** (fail on must): see [the failing cases](#failing-cases).');
    expect(failing.md).to.include('\n### Failing cases\n');
    expect(failing.md).to.include('> Self-test run: the bundled mocks ran with faults switched on (rs-skip-htm).');
    const failed = failing.report.cases.filter((c) => c.status === 'fail' || c.status === 'error');
    expect(failed.length).to.be.greaterThan(0);
    const rows = tableRows(failing.md, FAILING_HEADER);
    expect(rows).to.have.length(failed.length);
    const row = rows.find((r) => r.includes('RS-9449-050'));
    expect(cells(row!)).to.deep.equal([
      '[RS-9449-050](https://ci.example/reports/report.html#RS-9449-050)',
      'MUST',
      'fail',
      'yes',
      cells(row!)[4],
      cells(row!)[5],
    ]);
    expect(cells(row!)[4]).to.match(/^\[RFC 9449 §4\.3\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9449#section-4\.3\)/);
    expect(cells(row!)[5]).to.include('status: expected one of 400, 401, got 200');
  });

  it('`report` re-renders the same summary from report.json', async () => {
    const again = join(dir, 'again.md');
    const r = await cli([
      'report',
      join(dir, 'fault', 'report.json'),
      '--summary-md',
      again,
      '--summary-report-url',
      'https://ci.example/reports/report.html',
    ]);
    expect(r.code, r.errors).to.equal(0);
    expect(readFileSync(again, 'utf8')).to.equal(failing.md);
  });

  it('escapes what a server sent: pipes, backticks, HTML, links and control characters stay text', () => {
    const report = structuredClone(failing.report);
    const hostile =
      'a|b `code` <img src=x onerror=alert(1)> [x](javascript:alert(1)) **bold** &lt;script&gt; # h\u001b[31m\n| fake | row |';
    const target = report.cases.find((c) => c.id === 'RS-9449-050')!;
    target.reason = hostile;
    target.title = 'title|with`pipes`';
    report.target = { mode: 'vendor', rs: { resource: 'https://rs.example/<b>|`', features: [] } };
    const md = renderMarkdownSummary(report);
    const row = tableRows(md, FAILING_HEADER).find((r) => r.includes('RS-9449-050'))!;
    expect(cells(row)).to.have.length(6);
    expect([...md].filter((ch) => ch !== '\n' && (ch < ' ' || ch === '\u007f'))).to.deep.equal([]);
    for (const raw of [
      /(?<!\\)<img/,
      /(?<!\\)<b>/,
      /(?<!\\)`code/,
      /(?<!\\)\]\(javascript/,
      /(?<!\\)\*\*bold/,
      /(?<!\\)&lt;/,
    ])
      expect(md, String(raw)).not.to.match(raw);
    expect(md).not.to.include('\n| fake');
    expect(cells(row)[5]).to.include('a\\|b \\`code\\` \\<img src=x onerror=alert\\(1\\)\\>');
    expect(md).to.include('RS https://rs.example/\\<b\\>\\|\\`');
  });

  it('stays bounded: thousands of long failures are counted past the budget, not listed', () => {
    const report = structuredClone(failing.report);
    const template = report.cases.find((c) => c.id === 'RS-9449-050')!;
    report.cases = Array.from({ length: 3000 }, (_, i) => ({
      ...template,
      id: `X-${i}`,
      reason: 'r'.repeat(5000),
    }));
    const md = renderMarkdownSummary(report);
    expect(md.length).to.be.at.most(MAX_SUMMARY_CHARS);
    const listed = tableRows(md, FAILING_HEADER).length;
    expect(listed).to.be.greaterThan(10).and.lessThan(3000);
    expect(md).to.include(`… and ${3000 - listed} more failing cases`);
  });

  it('says so when no case ran', () => {
    const report = structuredClone(passing.report);
    report.cases = report.cases.map((c) => ({
      ...c,
      status: 'skipped' as const,
      reason: 'the target does not declare post',
    }));
    const md = renderMarkdownSummary(report);
    expect(md).to.match(/^## dpop-conformance: no case ran\n\n\*\*NO CASE RAN\*\*/);
  });

  it('bad summary flags: one line, exit 2, before anything runs', async () => {
    const missing = await cli(['run', '--summary-md', join(dir, 'no', 'such', 'folder', 's.md')]);
    expect(missing.code).to.equal(2);
    expect(missing.errors).to.match(
      /^dpop-conformance: --summary-md .*the folder .* does not exist \(see dpop-conformance run --help\)\n$/,
    );
    const url = await cli(['run', '--summary-md', join(dir, 's.md'), '--summary-report-url', 'javascript:alert(1)']);
    expect(url.code).to.equal(2);
    expect(url.errors).to.include('--summary-report-url must be an http(s) URL');
    const alone = await cli(['run', '--summary-report-url', 'https://x.example/r.html']);
    expect(alone.code).to.equal(2);
    expect(alone.errors).to.include('--summary-report-url needs --summary-md FILE');
    writeFileSync(join(dir, 'bogus.json'), '{}');
    const report = await cli(['report', join(dir, 'bogus.json'), '--summary-md', join(dir, 'b.md')]);
    expect(report.code).to.equal(2);
  });
});
