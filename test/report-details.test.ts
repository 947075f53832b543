import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url } from 'jose';
import { deriveSk } from '../protocol/derive-sk.js';
import { loadInputs } from '../base/fixed-inputs.js';
import { fromRoot } from '../base/package-root.js';
import { compareReports } from '../reports/compare-reports.js';
import { comparisonMarkdown } from '../reports/comparison-text.js';
import { curlCommand } from '../reports/html/curl.js';
import { bundledProfile, profileForReports, renderProfile } from '../reports/html/profile-doc.js';
import { specRefHtml } from '../reports/html/spec-links.js';
import type { JsonReport } from '../reports/json-report.js';
import { renderJunit } from '../reports/junit-report.js';
import { countResults, STATUSES } from '../reports/status-counts.js';
import { describeSkMismatch } from '../runner/checks/sk-mismatch.js';
import { cli } from './helpers/run-cli.js';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const xmllint = (file: string) =>
  execFileSync('xmllint', ['--noout', '--schema', fromRoot('test', 'fixtures', 'junit-10.xsd'), file], {
    stdio: 'pipe',
  });

describe('report details: counts, JUnit and the gate, hostile text, compare, curl, profile links', function () {
  this.timeout(60_000);
  let dir: string;
  let report: JsonReport;
  before(async () => {
    // SHOULD failures only: the gate (fail on must) passes
    dir = tmp('rep-details-');
    const r = await cli(['run', '--suite', 'rfc9449-rs', '--mock-fault', 'rs-htu-exact-string', '--out', dir]);
    expect(r.code).to.equal(0);
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
  });

  it('counts.byStatus and every level of byLevel list every status, zeros included', () => {
    expect(Object.keys(report.counts.byStatus).sort()).to.deep.equal([...STATUSES].sort());
    expect(report.counts.byStatus.error).to.equal(0);
    expect(report.counts.byStatus.skipped).to.equal(0);
    for (const level of ['MUST', 'SHOULD', 'MAY'])
      expect(Object.keys(report.counts.byLevel[level]).sort(), level).to.deep.equal([...STATUSES].sort());
    expect(countResults([]).byStatus).to.deep.equal({
      fail: 0,
      error: 0,
      pass: 0,
      'expected-fail': 0,
      'not-exhibited': 0,
      skipped: 0,
    });
  });

  it('report.json records the run: mock faults, selection, number selected', () => {
    expect(report.run).to.deep.equal({
      faults: ['rs-htu-exact-string'],
      selection: { suites: ['rfc9449-rs'], ids: [], tags: [], levels: [] },
      selected: report.cases.length,
    });
  });

  it('junit.xml agrees with the gate: non-gated failures are <skipped> unless --junit-all-failures', async () => {
    const failed = report.cases.filter((c) => c.status === 'fail');
    expect(failed.length).to.be.greaterThan(0);
    expect(failed.every((c) => c.level !== 'MUST')).to.equal(true);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).to.not.include('<failure');
    expect(xml).to.match(/<testsuites name="dpop-conformance" tests="\d+" failures="0" errors="0"/);
    for (const c of failed)
      expect(xml).to.include(
        `<skipped message="not gated (${c.level} fail; the run fails on --fail-on must): ${c.reason}"/>`,
      );
    xmllint(join(dir, 'junit.xml'));

    const out = tmp('junit-all-');
    const r = await cli(['report', join(dir, 'report.json'), '--junit', join(out, 'all.xml'), '--junit-all-failures']);
    expect(r.code).to.equal(0);
    const all = readFileSync(join(out, 'all.xml'), 'utf8');
    expect(all.match(/<failure /g)).to.have.length(failed.length);
    expect(all).to.match(new RegExp(`<testsuites name="dpop-conformance" tests="\\d+" failures="${failed.length}"`));
    xmllint(join(out, 'all.xml'));
  });

  it('junit.xml stays readable with XML-invalid characters (U+FFFE, U+FFFF, C0, lone surrogates, ]]>) in a response', () => {
    const hostile = `a\u0000b\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uD800z\uDFFF]]>end\u{1F600}`;
    const tampered = structuredClone(report);
    const failed = tampered.cases.find((c) => c.status === 'fail')!;
    failed.reason = hostile;
    failed.title = hostile;
    failed.transcript[0].response!.body = hostile;
    failed.transcript[0].response!.headers['x-evil'] = hostile;
    const xml = renderJunit(tampered, { allFailures: true });
    for (const ch of ['\u0000', '\u0001', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF'])
      expect(xml.includes(ch), ch).to.equal(false);
    expect(xml).to.include('\u{1F600}');
    const file = join(tmp('junit-chars-'), 'junit.xml');
    writeFileSync(file, xml);
    xmllint(file);
    expect(xml).to.include(
      `message="a\uFFFDb\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDz\uFFFD]]&gt;end\u{1F600}"`,
    );
  });

  it('the report command refuses a report.json that does not match the schema, naming the field', async () => {
    const bad = tmp('bad-report-');
    const tampered = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
    (tampered.cases as Record<string, unknown>[])[2].line = '<b>1</b>';
    writeFileSync(join(bad, 'report.json'), JSON.stringify(tampered));
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (s: string) => {
      stderr.push(String(s));
      return true;
    };
    try {
      const r = await cli(['report', join(bad, 'report.json'), '--html', join(bad, 'r.html')]);
      expect(r.code).to.equal(2);
      stderr.push(r.errors);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).to.include('/cases/2/line must be integer');
  });

  it('compare lists regressions, progressions, other changes, new and removed cases; exit 1 on a regression', async () => {
    const older = structuredClone(report);
    const newer = structuredClone(report);
    const [a, b, c, d, e] = newer.cases.filter((x) => x.status === 'pass');
    const failing = newer.cases.find((x) => x.status === 'fail')!;
    a.status = 'fail';
    a.reason = 'status: expected 401, got 200 | <b>';
    b.status = 'error';
    older.cases.find((x) => x.id === failing.id)!.status = 'fail';
    failing.status = 'pass';
    c.status = 'skipped';
    newer.cases = newer.cases.filter((x) => x !== d);
    older.cases = older.cases.filter((x) => x.id !== e.id);
    const cmp = compareReports(older, newer);
    expect(cmp.regressions.map((x) => [x.id, x.from, x.to])).to.deep.equal([
      [a.id, 'pass', 'fail'],
      [b.id, 'pass', 'error'],
    ]);
    expect(cmp.progressions.map((x) => x.id)).to.deep.equal([failing.id]);
    expect(cmp.otherChanges.map((x) => [x.id, x.to])).to.deep.equal([[c.id, 'skipped']]);
    expect(cmp.newCases.map((x) => x.id)).to.deep.equal([e.id]);
    expect(cmp.removedCases.map((x) => x.id)).to.deep.equal([d.id]);
    const md = comparisonMarkdown(cmp);
    expect(md).to.include(`| ${a.id} | ${a.level} | pass → fail | `);
    expect(md).to.include('status: expected 401, got 200 \\| \\<b\\>');

    const files = tmp('compare-');
    writeFileSync(join(files, 'old.json'), JSON.stringify(older));
    writeFileSync(join(files, 'new.json'), JSON.stringify(newer));
    const r = await cli(['compare', join(files, 'old.json'), join(files, 'new.json')]);
    expect(r.code).to.equal(1);
    expect(r.output).to.match(new RegExp(`Regressions .*:\\n {2}${a.id} +${a.level} +pass → fail`));
    const same = await cli(['compare', join(files, 'old.json'), join(files, 'old.json'), '--markdown']);
    expect(same.code).to.equal(0);
    expect(same.output).to.include(
      `0 regressions, 0 progressions, 0 other changes, 0 new, 0 removed, ${older.cases.length} unchanged`,
    );
  });

  it('a request as curl: each value single-quoted for the shell, line breaks neutralised', () => {
    const cmd = curlCommand({
      method: 'POST',
      url: 'http://127.0.0.1:1/token',
      headers: [
        ['content-length', '3'],
        ['DPoP', "ey'J"],
        ['x-evil', 'a\nrm -rf /'],
      ],
      body: "grant_type=client_credentials&x=it's",
    });
    expect(cmd).to.equal(
      [
        'curl -i',
        "-X 'POST'",
        "'http://127.0.0.1:1/token'",
        `-H 'DPoP: ey'\\''J'`,
        "-H 'x-evil: a?rm -rf /'",
        `--data-raw 'grant_type=client_credentials&x=it'\\''s'`,
      ].join(' \\\n  '),
    );
  });

  it('the bundled profile: sections anchored by their DPoP-SK number, markup escaped; references link to them', () => {
    const doc = renderProfile(
      '# T\n\n## 5. RS (DPoP-SK §5)\n\nText <script>x</script> `c` **b** [l](javascript:alert(1))\n',
    );
    expect(doc.anchors.get('§5')).to.equal('dpop-sk-profile-5');
    expect(doc.html).to.include('<h4 id="dpop-sk-profile-5">5. RS (DPoP-SK §5)</h4>');
    expect(doc.html).to.include('Text &lt;script&gt;x&lt;/script&gt; <code>c</code> <strong>b</strong> l');
    expect(doc.html).to.not.include('javascript:');
    expect(specRefHtml('DPoP-SK §5 step 6')).to.equal(
      '<a class="profile-link" href="#dpop-sk-profile-5" title="the DPoP-SK profile, bundled below">DPoP-SK §5</a> step 6',
    );
    expect(specRefHtml('DPoP-SK §8')).to.match(/^<a class="profile-link" href="#dpop-sk-profile" title="no section/);
  });

  it('the bundled profile leaves out the sections that quote test secrets, and masks any other', () => {
    const md =
      '# P\n\n## 2. Key derivation (DPoP-SK §2)\n\nS = secret-value-123\n\n## 9. Worked example (Model A)\n\nS_V = abc\n\n## 10. Using the vectors\n\nmore\n';
    const out = profileForReports(md, ['secret-value-123']);
    expect(out).to.include('## 2. Key derivation (DPoP-SK §2)\n\nS = [REDACTED]');
    expect(out).to.not.include('Worked example (Model A)');
    expect(out).to.not.include('S_V = abc');
    expect(out).to.not.include('Using the vectors');
    const html = bundledProfile().html;
    for (const s of loadInputs().shared_secrets) expect(html.includes(s.secret), s.version).to.equal(false);
    expect(html).to.include('id="dpop-sk-profile-5"');
  });

  it('a wrong SK derivation is described by fingerprints and the likely mistake, never the key', () => {
    const inputs = loadInputs();
    const [retired, active] = [...inputs.shared_secrets].sort(
      (x, y) => (x.status === 'active' ? 1 : 0) - (y.status === 'active' ? 1 : 0),
    );
    const r = new Uint8Array(32).fill(7);
    const wrong = deriveSk(base64url.decode(retired.secret), r);
    const text = describeSkMismatch(wrong, active, [retired], base64url.encode(r));
    expect(text).to.match(
      /^the SK in dpop_sk is not HKDF\(S_v, cnf\.sk\.r\); expected sha256:[0-9a-f]{16} = HKDF-SHA256\(IKM = S_2026-11/,
    );
    expect(text).to.include(`which is HKDF with S_${retired.version} (retired) instead of S_${active.version}`);
    expect(text).to.not.include(base64url.encode(wrong));
    expect(text).to.not.include(active.secret);
  });
});
