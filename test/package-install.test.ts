import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { fromRoot } from '../base/package-root.js';
import { readReport } from '../reports/read-report.js';
import { loadSuites } from '../runner/suite/load.js';
import { installedPackage, readmeExamples, run, type InstalledPackage } from './helpers/installed-package.js';

const version = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;
const catalogue = loadSuites().flatMap((s) => s.cases);
const readme = readFileSync(fromRoot('README.md'), 'utf8');
const jsonIn = (dir: string) =>
  readdirSync(fromRoot(dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${dir}/${f}`);

describe('the package, packed and installed into an empty project (issue 15)', function () {
  // One `npm pack` (its prepack compiles dist/) and one `npm install` for all the tests below.
  this.timeout(900_000);
  let pkg: InstalledPackage;
  const npx = (...args: string[]) => run(pkg.project, 'npx', ['--no-install', 'dpop-conformance', ...args]);

  before(async () => {
    pkg = await installedPackage();
    const kB = (n: number) => `${Math.round(n / 1000)} kB`;
    console.log(
      `      packed ${kB(pkg.packed.size)} (${kB(pkg.packed.unpackedSize)} unpacked, ${pkg.packed.files.length} files)` +
        ` in ${(pkg.packMs / 1000).toFixed(1)} s; installed in ${(pkg.installMs / 1000).toFixed(1)} s`,
    );
  });

  it('ships what a run reads (suites, vectors, schemas, the profile) and none of the development files', () => {
    const files = new Set(pkg.packed.files.map((f) => f.path));
    const needed = [
      'package.json',
      'README.md',
      'bin/dpop-conformance.js',
      'docs/profile.md',
      // the docs the help texts, the init templates and the README point to
      ...readdirSync(fromRoot('docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
      'reports/schema/report.schema.json',
      'suites/expectations/fault-trips.yaml',
      'suites/expectations/exceptions.yaml',
      ...readdirSync(fromRoot('suites'))
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => `suites/${f}`),
      ...jsonIn('vectors'),
      ...jsonIn('vectors/schema'),
      ...jsonIn('vectors/data'),
    ];
    expect(
      needed.filter((f) => !files.has(f)),
      'missing from the tarball',
    ).to.deep.equal([]);
    const manifest = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as {
      bin: Record<string, string>;
      exports: Record<string, string | { types: string; default: string }>;
      types: string;
    };
    const entries = [
      ...Object.values(manifest.bin),
      manifest.types,
      ...Object.values(manifest.exports).flatMap((e) => (typeof e === 'string' ? [e] : [e.types, e.default])),
    ].map((p) => p.replace(/^\.\//, ''));
    expect(
      entries.filter((p) => !files.has(p)),
      'bin, types and exports targets missing',
    ).to.deep.equal([]);
    const development = [...files].filter((f) =>
      /^(test|bench|scripts|dist\/test|dist\/bench|node_modules|suites\/requirements)\/|\.map$|(?<!\.d)\.ts$/.test(f),
    );
    expect(development, 'development files in the tarball').to.deep.equal([]);
  });

  it('resolves its own files inside the project node_modules, not in the clone', async () => {
    expect(pkg.installed).to.equal(join(pkg.project, 'node_modules', 'dpop-conformance'));
    const r = await run(pkg.project, process.execPath, [
      '--input-type=module',
      '-e',
      "import { packageRoot } from 'dpop-conformance'; console.log(JSON.stringify({ packageRoot, entry: import.meta.resolve('dpop-conformance') }))",
    ]);
    expect(r.code, r.all).to.equal(0);
    const seen = JSON.parse(r.stdout) as { packageRoot: string; entry: string };
    expect(seen.packageRoot).to.equal(pkg.installed);
    expect(new URL(seen.entry).pathname.startsWith(pkg.installed + sep), seen.entry).to.equal(true);
    expect(relative(fromRoot(), seen.packageRoot).startsWith('..'), 'the package root is outside the clone').to.equal(
      true,
    );
  });

  it('npx dpop-conformance --version prints the package version', async () => {
    const r = await npx('--version');
    expect(r.code, r.all).to.equal(0);
    expect(r.stdout.trim()).to.equal(version);
  });

  it('npx dpop-conformance list prints the whole catalogue', async () => {
    const r = await npx('list');
    expect(r.code, r.all).to.equal(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).to.equal(`${catalogue.length} cases`);
    expect(lines.slice(0, -1).map((l) => l.split(' ')[0])).to.deep.equal(catalogue.map((c) => c.id));
  });

  it('npx dpop-conformance run: every case of the catalogue against the bundled mocks, exit 0, three reports', async () => {
    const r = await npx('run', '--out', 'reports-out');
    expect(r.code, r.all.slice(-3000)).to.equal(0);
    const out = join(pkg.project, 'reports-out');
    for (const f of ['report.json', 'report.html', 'junit.xml']) expect(existsSync(join(out, f)), f).to.equal(true);
    const report = readReport(join(out, 'report.json'));
    expect(report.tool.version).to.equal(version);
    expect(report.cases.map((c) => c.id)).to.deep.equal(catalogue.map((c) => c.id));
    expect(report.counts.byStatus.pass).to.equal(catalogue.length);
    expect(report.gating.passed).to.equal(true);
  });

  describe("the README's API example, run as it stands in the installed package", () => {
    const example = readmeExamples(readme).get('conformance.mjs');
    const fault = /faults: \['([\w-]+)'\]/.exec(example ?? '')?.[1];

    it('is in the README and switches on one mock fault', () => {
      expect(example, 'a ```js block starting // conformance.mjs').to.be.a('string');
      expect(fault, 'the fault the example switches on').to.be.a('string');
    });

    it("type-checks against the package's exported types (tsc --checkJs)", async () => {
      writeFileSync(join(pkg.project, 'conformance.mjs'), example!);
      const r = await run(pkg.project, process.execPath, [
        fromRoot('node_modules', 'typescript', 'bin', 'tsc'),
        ...['--noEmit', '--allowJs', '--checkJs', '--strict', '--skipLibCheck'],
        ...['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022'],
        ...['--typeRoots', fromRoot('node_modules', '@types'), '--types', 'node'],
        'conformance.mjs',
      ]);
      expect(r.code, r.all).to.equal(0);
    });

    it('runs: the catalogue count, the failures its fault trips with their reasons, the reports', async () => {
      writeFileSync(join(pkg.project, 'conformance.mjs'), example!);
      const r = await run(pkg.project, process.execPath, ['conformance.mjs']);
      expect(r.code, r.all).to.equal(0);
      expect(r.stdout).to.include(`${catalogue.length} cases in the catalogue`);
      const report = readReport(join(pkg.project, 'reports-out', 'report.json'));
      const trips = (
        parse(readFileSync(fromRoot('suites/expectations/fault-trips.yaml'), 'utf8')) as {
          faults: Record<string, string[]>;
        }
      ).faults[fault!];
      const failed = report.cases.filter((c) => c.status === 'fail');
      expect(failed.map((c) => c.id)).to.deep.equal(
        report.cases.map((c) => c.id).filter((id) => trips.includes(id)),
        `the cases ${fault} trips`,
      );
      expect(failed).to.have.length.greaterThan(0);
      for (const c of failed) expect(r.stdout).to.include(`FAIL ${c.id} (${c.ref}): ${c.reason}`);
      expect(r.stdout).to.include(`${report.counts.byStatus.pass} passed; gate FAILED`);
    });
  });
});
