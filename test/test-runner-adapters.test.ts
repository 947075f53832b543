import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../base/package-root.js';
import { runConformance, startMocks } from '../runner/api/index.js';
import type { CaseResult } from '../runner/engine/run-case.js';
import { installedPackage, readmeExamples, run, type InstalledPackage, type Ran } from './helpers/installed-package.js';

/**
 * The README's vendor test files for mocha and node:test, run by the real runners as
 * subprocesses in the project the packed package is installed in. The vendor's server is
 * the bundled mock RS, started here; its target file is the one the examples name. The
 * expected outcome comes from runConformance in this process, against the same server.
 */
const examples = readmeExamples(readFileSync(fromRoot('README.md'), 'utf8'));
const SELECTION = "suite: 'rfc9449-rs', level: 'MUST'";
const FAULT = 'rs-skip-typ';

const RUNNERS = [
  {
    name: 'mocha',
    file: 'test/dpop.test.mjs',
    run: (project: string, file: string) =>
      run(project, process.execPath, [fromRoot('node_modules', 'mocha', 'bin', 'mocha.js'), file]),
  },
  {
    name: 'node:test',
    file: 'test/dpop.node-test.mjs',
    run: (project: string, file: string) => run(project, process.execPath, ['--test', file]),
  },
];

/** The counts a runner prints at the end (mocha's spec reporter, node:test's TAP). */
function counts(runner: string, r: Ran): { pass: number; fail: number; skip: number } {
  const n = (re: RegExp) => Number(re.exec(r.stdout)?.[1] ?? 0);
  return runner === 'mocha'
    ? { pass: n(/(\d+) passing/), fail: n(/(\d+) failing/), skip: n(/(\d+) pending/) }
    : { pass: n(/^# pass (\d+)/m), fail: n(/^# fail (\d+)/m), skip: n(/^# skipped (\d+)/m) };
}

describe('the test-runner adapters: dpop-conformance/mocha and dpop-conformance/node-test (issue 15)', function () {
  this.timeout(900_000);
  let pkg: InstalledPackage;
  before(async () => {
    pkg = await installedPackage();
    mkdirSync(join(pkg.project, 'test'), { recursive: true });
  });

  for (const runner of RUNNERS) {
    describe(`${runner.name}, over the README's ${runner.file}`, () => {
      const example = examples.get(runner.file);

      it(`is in the README, naming dpop-target.yaml and ${SELECTION}`, () => {
        expect(example, `a \`\`\`js block starting // ${runner.file}`).to.be.a('string');
        expect(example).to.include("target: 'dpop-target.yaml'");
        expect(example).to.include(SELECTION);
      });

      for (const faults of [[], [FAULT]]) {
        it(
          faults.length
            ? `with the mock fault ${FAULT} on: each tripped case fails with its id, reason and spec reference; non-zero exit`
            : 'against a conforming server: every case passes or is skipped, exit 0',
          async () => {
            writeFileSync(join(pkg.project, runner.file), example!);
            const server = await startMocks({ as: false, faults });
            let r: Ran;
            let expected: CaseResult[];
            try {
              writeFileSync(
                join(pkg.project, 'dpop-target.yaml'),
                `rs:\n  resource: ${server.resourceUrl}\n  mock_as_port: 0\n`,
              );
              expected = (
                await runConformance({
                  target: join(pkg.project, 'dpop-target.yaml'),
                  suite: 'rfc9449-rs',
                  level: 'MUST',
                })
              ).cases;
              r = await runner.run(pkg.project, runner.file);
            } finally {
              await server.close();
            }
            const failed = expected.filter((c) => c.status === 'fail' || c.status === 'error');
            const passed = expected.filter((c) => c.status === 'pass');
            expect(counts(runner.name, r), r.all.slice(-3000)).to.deep.equal({
              pass: passed.length,
              fail: failed.length,
              skip: expected.length - passed.length - failed.length,
            });
            for (const c of expected) expect(r.stdout).to.include(`${c.id} ${c.title}`);
            if (!faults.length) {
              expect(failed).to.deep.equal([]);
              expect(r.code, r.all.slice(-3000)).to.equal(0);
              return;
            }
            expect(failed.map((c) => c.id)).to.have.length.greaterThan(0);
            expect(r.code, r.all.slice(-3000)).to.not.equal(0);
            for (const c of failed) {
              expect(r.stdout).to.include(`${c.id} failed: ${c.reason}`);
              expect(r.stdout).to.include(`${c.level} · ${c.ref} · ${c.file}:${c.line}`);
            }
          },
        );
      }
    });
  }
});
