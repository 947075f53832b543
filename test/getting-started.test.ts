import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMocks } from '../mocks/start.js';
import type { JsonReport } from '../reports/json-report.js';
import { FEATURE_MEANINGS } from '../runner/cli/target-template.js';
import { featureNames } from '../runner/suite/features.js';
import { loadSuites } from '../runner/suite/load.js';
import { readTargetFile } from '../runner/target/read-target-file.js';
import { cli } from './helpers/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'init-'));

/** The feature names listed in a template's comments ("  #   name  meaning"). */
const listedFeatures = (text: string) =>
  [...text.matchAll(/^ {2}# {3}([a-z-]+) {2,}/gm)].map((m) => m[1]).filter((n) => n in FEATURE_MEANINGS);

describe('getting started: init writes a commented target file; --features declares on the command line', function () {
  this.timeout(60_000);

  for (const side of ['as', 'rs'] as const) {
    it(`init ${side} writes a file the target reader accepts, listing the features ${side} cases use`, async () => {
      const dir = tmp();
      const file = join(dir, `${side}.yaml`);
      const r = await cli(['init', side, '--out', file]);
      expect(r.code, r.errors).to.equal(0);
      expect(r.output).to.include(`wrote ${file}`);
      const text = readFileSync(file, 'utf8');
      const read = readTargetFile(file);
      expect(Object.keys(read.target)).to.deep.equal([side]);
      expect(read.target[side]!.features).to.deep.equal([]);
      const used = new Set(
        loadSuites().flatMap((s) => s.cases.filter((c) => c.target === side).flatMap((c) => c.requires)),
      );
      expect(listedFeatures(text).sort()).to.deep.equal([...used].sort());
      // Every listed name, put between the brackets as the comment says, is a valid declaration.
      const filled = join(dir, `${side}-filled.yaml`);
      writeFileSync(filled, text.replace('features: []', `features: [${listedFeatures(text).join(', ')}]`));
      expect(readTargetFile(filled).target[side]!.features).to.deep.equal(listedFeatures(text));
    });
  }

  it('every feature of the schema has a meaning for the template', () => {
    expect(Object.keys(FEATURE_MEANINGS).sort()).to.deep.equal([...featureNames()].sort());
  });

  it('init never overwrites a file, and takes as or rs only: one line, exit 2', async () => {
    const dir = tmp();
    const file = join(dir, 'target.yaml');
    writeFileSync(file, 'mine\n');
    const again = await cli(['init', 'rs', '--out', file]);
    expect(again.code).to.equal(2);
    expect(again.errors).to.equal(
      `dpop-conformance: ${file} exists; init does not overwrite a file (give --out FILE) (see dpop-conformance init --help)\n`,
    );
    expect(readFileSync(file, 'utf8')).to.equal('mine\n');
    const side = await cli(['init', 'ass', '--out', join(dir, 'x.yaml')]);
    expect(side.code).to.equal(2);
    expect(side.errors).to.match(/^dpop-conformance: init takes as or rs, not "ass"; did you mean "as"\?/);
    const missing = await cli(['init', 'as', '--out', join(dir, 'no', 'such', 'x.yaml')]);
    expect(missing.code).to.equal(2);
  });

  it('--features: an unknown name is one line with the nearest suggested, exit 2; no vendor target is exit 2', async () => {
    const typo = await cli(['run', '--rs', 'http://127.0.0.1:9/resource', '--features', 'nonce,postt']);
    expect(typo.code).to.equal(2);
    expect(typo.errors).to.match(
      /^dpop-conformance: --features: unknown feature "postt"; the features are .*did you mean "post"\?/,
    );
    expect(typo.errors.trim().split('\n')).to.have.length(1);
    const mocks = await cli(['run', '--features', 'nonce']);
    expect(mocks.code).to.equal(2);
    expect(mocks.errors).to.include('--features applies to a vendor target');
    const detect = await cli(['run', '--detect']);
    expect(detect.code).to.equal(2);
    expect(detect.errors).to.include('--detect applies to a vendor target');
  });

  it('--features post runs the POST case the target file does not declare, and the report shows it declared', async () => {
    const mocks = await startMocks({ as: false });
    const dir = tmp();
    const file = join(dir, 'target.yaml');
    writeFileSync(file, `rs:\n  resource: ${mocks.resourceUrl}\n  mock_as_port: 0\n`);
    try {
      const without = await cli(['run', '--target', file, '--id', 'RS-9449-005', '--out', join(dir, 'a')]);
      expect(without.code).to.equal(3);
      const r = await cli([
        'run',
        '--target',
        file,
        '--features',
        'post',
        '--id',
        'RS-9449-005',
        '--out',
        join(dir, 'b'),
      ]);
      expect(r.code, r.output).to.equal(0);
      const report = JSON.parse(readFileSync(join(dir, 'b', 'report.json'), 'utf8')) as JsonReport;
      expect(report.target.rs!.features).to.deep.equal(['post']);
      expect(report.cases.find((c) => c.id === 'RS-9449-005')!.status).to.equal('pass');
    } finally {
      await mocks.close();
    }
  });
});
