import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiteError } from '../base/errors.js';
import { fromRoot } from '../base/package-root.js';
import { loadSuiteFile, loadSuites } from '../runner/suite/load.js';
import { caseYaml } from './helpers/case-yaml.js';

const GOOD_CASE = caseYaml({ id: 'X-001', title: 'valid', steps: ['mint_token: {}', 'request: {}'] });
const header = 'suite: demo\ntitle: Demo\ntarget: rs\nprofile: rfc9449\ncases:\n';

function problems(text: string): string[] {
  try {
    loadSuiteFile('/tmp/demo.yaml', text);
  } catch (e) {
    expect(e).to.be.instanceOf(SuiteError);
    return (e as SuiteError).problems;
  }
  return [];
}

describe('suite loader: a bad suite file names file, line, column and problem', () => {
  it('loads a valid file, with each case knowing its line', () => {
    const suite = loadSuiteFile('/tmp/demo.yaml', header + GOOD_CASE);
    expect(suite.cases[0]).to.include({ id: 'X-001', target: 'rs', profile: 'rfc9449', line: 6, file: 'demo.yaml' });
  });

  it('reports YAML syntax errors at their position', () => {
    expect(problems(header + GOOD_CASE.replace('title: valid', 'title: a: b'))).to.deep.equal([
      'demo.yaml:7:12: YAML: Nested mappings are not allowed in compact mappings',
    ]);
  });

  it('reports an unknown property at the property', () => {
    const p = problems(header + GOOD_CASE.replace('    level: MUST\n', '    level: MUST\n    levle: MUST\n'));
    // the allowed keys are the case schema's properties, in its order
    const schema = JSON.parse(readFileSync(fromRoot('suites', 'case.schema.json'), 'utf8'));
    const allowed = Object.keys(schema.definitions.case.properties).join(', ');
    expect(allowed).to.match(/^id, title, .*level.*exhibited/);
    expect(p).to.deep.equal([
      `demo.yaml:9:5: /cases/0: unknown key "levle" (allowed: ${allowed}); did you mean "level"?`,
    ]);
  });

  it('reports a bad enum value at the value, listing the allowed ones', () => {
    const p = problems(header + GOOD_CASE.replace('level: MUST', 'level: MUSTN'));
    expect(p).to.deep.equal([
      'demo.yaml:8:12: /cases/0/level: "MUSTN" is not one of the allowed values (MUST, SHOULD, MAY); did you mean "MUST"?',
    ]);
  });

  it('reports a missing required property at the case', () => {
    const p = problems(header + GOOD_CASE.replace('    ref: RFC 9449 §7.1\n', ''));
    expect(p).to.deep.equal(['demo.yaml:6:5: /cases/0: missing the required key "ref"']);
  });

  it('rejects a ref that cites no section', () => {
    expect(problems(header + GOOD_CASE.replace('ref: RFC 9449 §7.1', 'ref: somewhere'))[0]).to.match(
      /^demo\.yaml:9:10: \/cases\/0\/ref: must match pattern/,
    );
  });

  it('rejects a negative case with no mutation, or with two', () => {
    const neg = GOOD_CASE.replace('tags: [positive]', 'tags: [negative]\n    mutation: two changes');
    expect(problems(header + neg)[0]).to.match(
      /^demo\.yaml:\d+:\d+: negative case X-001 makes 0 changes to a valid request; it must make exactly one/,
    );
    const two = neg.replace('      - request: {}', '      - request: { scheme: Bearer, no_proof: true }');
    expect(problems(header + two)[0]).to.match(/negative case X-001 makes 2 changes/);
    const none = GOOD_CASE.replace('tags: [positive]', 'tags: [negative]').replace(
      '      - request: {}',
      '      - request: { no_proof: true }',
    );
    expect(problems(header + none)).to.deep.equal([
      'demo.yaml:6:5: negative case X-001 has no "mutation" saying what it changes',
    ]);
  });

  it('rejects a status that is not a status code', () => {
    const p = problems(header + GOOD_CASE + '    expect: { status: "2xx" }\n');
    expect(p[0]).to.match(/^demo\.yaml:\d+:\d+: \/cases\/0\/expect\/status: must be integer/);
  });

  it('rejects an unknown named check', () => {
    const p = problems(header + GOOD_CASE + '    expect: { status: 200, checks: [no-such-check] }\n');
    expect(p[0]).to.match(/case X-001 names the unknown check "no-such-check"/);
  });

  it('rejects duplicate case ids across files, naming both places', () => {
    const dir = mkdtempSync(join(tmpdir(), 'suites-'));
    writeFileSync(join(dir, 'a.yaml'), header + GOOD_CASE);
    writeFileSync(join(dir, 'b.yaml'), header.replace('demo', 'demo-b') + GOOD_CASE);
    expect(() => loadSuites(dir))
      .to.throw(SuiteError)
      .with.property('problems')
      .that.deep.equals(['b.yaml:6:1: case id X-001 is already used at a.yaml:6']);
  });

  it('a refresh of a token from a client_credentials grant needs client-credentials-refresh (RFC 6749 §4.4.3)', () => {
    const asHeader = header.replace('target: rs', 'target: as');
    const refresh = (first: string, requires: string) =>
      problems(asHeader + caseYaml({ id: 'X-002', requires, steps: [first, 'token: { grant: refresh_token }'] }));
    expect(refresh('token: {}', '[refresh]')).to.deep.equal([
      'demo.yaml:15:9: case X-002 step 2 needs the feature client-credentials-refresh (a refresh token from a client_credentials grant) but its requires does not list it',
    ]);
    expect(refresh('token: {}', '[refresh, client-credentials-refresh]')).to.deep.equal([]);
    expect(refresh('token: { grant: authorization_code }', '[refresh, authorization-code]')).to.deep.equal([]);
  });

  it('every shipped suite loads, and every case cites a section and has tags and a level', () => {
    const cases = loadSuites().flatMap((s) => s.cases);
    expect(cases.length).to.be.greaterThan(0);
    for (const c of cases) {
      expect(c.ref, c.id).to.match(/§/);
      expect(c.tags, c.id).to.have.lengthOf.above(0);
      if (c.tags.includes('negative')) expect(c.mutation, c.id).to.be.a('string');
    }
  });
});
