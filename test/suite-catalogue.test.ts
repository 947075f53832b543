import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromRoot } from '../base/package-root.js';
import { caseAjv, caseSchemaText, GENERATED, generatedOr, validateCase } from '../runner/suite/case-validator.js';
import { targetAjv, targetSchemaHash } from '../runner/target/read-target-file.js';
import { loadSuites } from '../runner/suite/load.js';

const suiteDist = fileURLToPath(new URL('../runner/suite/', import.meta.url));

/** A copy of the bundled suites in a fresh folder, as a vendor's --suites-dir would be. */
function copyOfSuites(): string {
  const dir = mkdtempSync(join(tmpdir(), 'suites-'));
  for (const f of readdirSync(fromRoot('suites')).filter((f) => f.endsWith('.yaml')))
    copyFileSync(fromRoot('suites', f), join(dir, f));
  return dir;
}

describe('suite catalogue and standalone validator (built by scripts/build-catalogue.mjs)', () => {
  it('the build wrote both, next to the loader', () => {
    const files = readdirSync(suiteDist);
    expect(files).to.include(GENERATED.caseValidator).and.to.include(GENERATED.catalogue);
  });

  it('loadSuites from the catalogue gives exactly what parsing and validating every file gives', () => {
    expect(loadSuites()).to.deep.equal(loadSuites(undefined, { catalogue: false }));
  });

  it('a file whose text differs from the catalogued one is parsed, never taken stale from the catalogue', () => {
    const dir = copyOfSuites();
    const file = join(dir, 'rfc9449-rs.yaml');
    const text = readFileSync(file, 'utf8');
    const title = /^title: (.*)$/m.exec(text)![1];
    writeFileSync(file, text.replace(`title: ${title}`, 'title: Edited by a vendor'));
    const suite = loadSuites(dir).find((s) => s.file === 'rfc9449-rs.yaml')!;
    expect(suite.title).to.equal('Edited by a vendor');
    const bad = text.replace(/level: MUST\b/, 'level: MUSTN');
    writeFileSync(file, bad);
    expect(() => loadSuites(dir)).to.throw(/rfc9449-rs\.yaml:\d+:\d+: \/cases\/\d+\/level: "MUSTN" is not one/);
  });

  it('the standalone validator reports the same errors as ajv compiling the schema', () => {
    const compiled = caseAjv().compile(JSON.parse(caseSchemaText()) as object);
    const bad = {
      suite: 'x',
      title: 'x',
      target: 'rs',
      profile: 'rfc9449',
      cases: [{ id: 'X-001', level: 'MUSTN', levle: 1, steps: [{ request: { nope: true } }] }],
    };
    compiled(bad);
    const errors = validateCase(bad);
    expect(errors).to.have.length.greaterThan(2);
    expect(JSON.parse(JSON.stringify(errors))).to.deep.equal(JSON.parse(JSON.stringify(compiled.errors)));
  });

  it('the standalone target validator is current and reports the same errors as ajv compiling target.schema.json', () => {
    const standalone = generatedOr(GENERATED.targetValidator, targetSchemaHash(), () => {
      throw new Error('the build wrote no target validator for these schemas');
    });
    const compiled = targetAjv().compile(
      JSON.parse(readFileSync(fromRoot('suites', 'target.schema.json'), 'utf8')) as object,
    );
    const bad = { as: { issuer: 'not a uri', nope: 1 }, features: ['no-such-feature'] };
    expect(standalone(bad)).to.equal(false);
    compiled(bad);
    expect(standalone.errors).to.have.length.greaterThan(1);
    expect(JSON.parse(JSON.stringify(standalone.errors))).to.deep.equal(JSON.parse(JSON.stringify(compiled.errors)));
  });
});
