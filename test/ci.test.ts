import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fromRoot } from '../base/package-root.js';
import { startMocks, type RunningMocks } from '../mocks/start.js';
import { loadAction, npxShim, runAction, runScript } from './helpers/github-action.js';

const workspace = () => mkdtempSync(join(tmpdir(), 'ci-ws-'));
const EXAMPLE_AS = 'https://as.example.com';
const FAULT = 'as-skip-htm';

/** The fenced blocks of docs/ci.md marked `<!-- test: NAME -->`, by name. */
function docBlocks(): Map<string, string> {
  const text = readFileSync(fromRoot('docs', 'ci.md'), 'utf8');
  const blocks = new Map<string, string>();
  for (const m of text.matchAll(/<!-- test: ([\w-]+) -->\n\n```\w+\n([\s\S]*?)\n```/g)) blocks.set(m[1], m[2]);
  return blocks;
}

/** The `with:` of the step of a workflow (or a list of steps) that uses this action. */
function actionInputs(workflow: string, asUrl: string): Record<string, string> {
  const doc = parse(workflow.replaceAll(EXAMPLE_AS, asUrl)) as unknown;
  const steps: { uses?: string; with?: Record<string, unknown> }[] = Array.isArray(doc)
    ? doc
    : ((doc as { steps?: unknown[] }).steps ??
      Object.values((doc as { jobs: Record<string, { steps: unknown[] }> }).jobs).flatMap((j) => j.steps));
  const step = steps.find((s) => /\/dpop-conformance@/.test(s.uses ?? ''));
  expect(step, 'a step using OWNER/dpop-conformance@…').to.not.equal(undefined);
  return Object.fromEntries(Object.entries(step!.with ?? {}).map(([k, v]) => [k, String(v)]));
}

describe('CI: the GitHub Action, the GitLab template and the commands of docs/ci.md, run against the mocks', function () {
  this.timeout(300_000);
  let clean: RunningMocks;
  let faulty: RunningMocks;
  let shim: string;
  const blocks = docBlocks();

  before(async () => {
    clean = await startMocks({ rs: false });
    faulty = await startMocks({ rs: false, faults: [FAULT] });
    shim = npxShim();
  });
  after(async () => {
    await Promise.all([clean.close(), faulty.close()]);
  });

  it('docs/ci.md has the blocks the tests run', () => {
    expect([...blocks.keys()].sort()).to.deep.equal([
      'baseline',
      'generic',
      'github-baseline',
      'github-minimal',
      'gitlab',
    ]);
  });

  it('action.yml: a composite action whose inputs reach its scripts through env only, uploading the reports always', () => {
    const action = loadAction();
    expect(action.runs.using).to.equal('composite');
    for (const step of action.runs.steps.filter((s) => s.run))
      expect(step.run, `${step.name}: no expression inside a script`).not.to.match(/\$\{\{/);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).to.match(/always\(\)/);
    expect(upload?.with?.path).to.equal('${{ inputs.out }}');
  });

  it('the action, as docs/ci.md shows it, passes against a conforming AS: exit 0, the summary in $GITHUB_STEP_SUMMARY', async () => {
    const ws = workspace();
    const r = await runAction(actionInputs(blocks.get('github-minimal')!, clean.asUrl!), { workspace: ws });
    expect(r.code, r.log).to.equal(0);
    expect(r.outputs).to.deep.equal({ 'exit-code': '0', reports: 'dpop-conformance-reports' });
    expect(r.summary).to.match(/^## dpop-conformance: passed\n\n\*\*Gate passed\*\* \(fail on must\)\./);
    expect(r.summary).to.include(`Target: AS ${clean.asUrl!} · `);
    expect(r.summary).to.include('AS features found by --detect: refresh, client-secret-post, par, dpop-sk');
    for (const f of ['report.json', 'report.html', 'junit.xml', 'summary.md'])
      expect(existsSync(join(ws, 'dpop-conformance-reports', f)), f).to.equal(true);
    expect(r.summary).to.equal(readFileSync(join(ws, 'dpop-conformance-reports', 'summary.md'), 'utf8'));
    expect(r.uses).to.deep.equal([
      {
        uses: 'actions/upload-artifact@v4',
        if: "${{ always() && inputs.upload == 'true' }}",
        with: { name: 'dpop-conformance-reports', path: 'dpop-conformance-reports', 'if-no-files-found': 'warn' },
      },
    ]);
  });

  it('the action fails the step when the gate fails (a mock fault): exit 1, the failing case in the summary', async () => {
    const ws = workspace();
    const r = await runAction({ as: faulty.asUrl!, suite: 'rfc9449-as', out: 'out' }, { workspace: ws });
    expect(r.code, r.log).to.equal(1);
    expect(r.outputs['exit-code']).to.equal('1');
    expect(r.summary).to.include('**Gate FAILED** (fail on must): see [the failing cases](#failing-cases).');
    const report = JSON.parse(readFileSync(join(ws, 'out', 'report.json'), 'utf8')) as {
      cases: { id: string; status: string; level: string }[];
    };
    const failed = report.cases.filter((c) => c.status === 'fail' && c.level === 'MUST');
    expect(failed.length).to.be.greaterThan(0);
    for (const c of failed) expect(r.summary).to.match(new RegExp(`\\n\\| ${c.id} \\| MUST \\| fail \\| yes \\| `));
  });

  it('the action: a usage error is exit 2 with a summary saying so; inputs are values, never shell code', async () => {
    const ws = workspace();
    const bad = await runAction({ as: clean.asUrl!, 'fail-on': 'often' }, { workspace: ws });
    expect(bad.code).to.equal(2);
    expect(bad.log).to.include('--fail-on takes must, should or any, not "often"');
    expect(bad.summary).to.match(/^## dpop-conformance: exit code 2\n\nNo report was written/);
    const hostile = await runAction(
      { as: clean.asUrl!, id: 'AS-9449-003, $(touch pwned) `touch pwned2` AS-9449-0*', features: 'client-secret-post' },
      { workspace: ws },
    );
    expect(existsSync(join(ws, 'pwned')) || existsSync(join(ws, 'pwned2'))).to.equal(false);
    // each word reached the CLI as a value: the first that names no case is refused by name, exit 2
    expect(hostile.code, hostile.log).to.equal(2);
    expect(hostile.log).to.include('no case has the id "$(touch"');
    const ids = await runAction(
      { as: clean.asUrl!, id: 'AS-9449-003 AS-9449-0*', features: 'client-secret-post' },
      { workspace: ws },
    );
    expect(ids.code, ids.log).to.equal(0);
    const report = JSON.parse(readFileSync(join(ws, 'dpop-conformance-reports', 'report.json'), 'utf8')) as {
      run: { selection: { ids: string[] } };
      target: { as: { features: string[] } };
    };
    expect(report.run.selection.ids).to.deep.equal(['AS-9449-003', 'AS-9449-0*']);
    expect(report.target.as.features).to.deep.equal(['client-secret-post']);
  });

  it('the baseline commands of docs/ci.md, then the action with that baseline as docs/ci.md shows it', async () => {
    const ws = workspace();
    const lines = blocks.get('baseline')!.split('\n');
    expect(lines).to.have.length(2);
    const env = { ...process.env, PATH: `${shim}:${process.env.PATH}`, DPOP_AS_URL: faulty.asUrl! };
    const write = await runScript(['bash', '-c', lines[0]], ws, env);
    expect(write.code, write.output).to.equal(1);
    expect(write.output).to.match(/wrote dpop-conformance-baseline\.yaml with [1-9]\d* expected failures/);
    const gate = await runScript(['bash', '-c', lines[1]], ws, env);
    expect(gate.code, gate.output).to.equal(0);
    expect(gate.output).to.match(/XFAIL/);

    const inputs = actionInputs(blocks.get('github-baseline')!, faulty.asUrl!);
    const r = await runAction(inputs, { workspace: ws });
    expect(r.code, r.log).to.equal(0);
    expect(r.summary).to.include('Baseline: dpop-conformance-baseline.yaml');
    expect(r.summary).to.match(/\| MUST \| 0 \| 0 \| \d+ \| [1-9]\d* \|/);
  });

  it('the generic command of docs/ci.md: exit 0 against a conforming AS, 1 against a faulty one; JUnit and summary written', async () => {
    const command = blocks.get('generic')!;
    for (const [mocks, code] of [
      [clean, 0],
      [faulty, 1],
    ] as const) {
      const ws = workspace();
      const env = { ...process.env, PATH: `${shim}:${process.env.PATH}`, DPOP_AS_URL: mocks.asUrl! };
      const r = await runScript(['bash', '-c', command], ws, env);
      expect(r.code, r.output).to.equal(code);
      expect(existsSync(join(ws, 'reports', 'junit.xml'))).to.equal(true);
      expect(readFileSync(join(ws, 'reports', 'summary.md'), 'utf8')).to.match(
        code ? /\*\*Gate FAILED\*\*/ : /\*\*Gate passed\*\*/,
      );
    }
  });

  it('the GitLab template: docs/ci.md includes it; its script, run by sh with the docs variables, gates and writes the JUnit report', async () => {
    const docs = parse(blocks.get('gitlab')!.replaceAll(EXAMPLE_AS, faulty.asUrl!)) as {
      include: { remote: string }[];
      variables: Record<string, string>;
    };
    expect(docs.include[0].remote).to.match(/\/ci\/gitlab\/dpop-conformance\.gitlab-ci\.yml$/);
    const template = parse(readFileSync(fromRoot('ci', 'gitlab', 'dpop-conformance.gitlab-ci.yml'), 'utf8')) as Record<
      string,
      {
        variables: Record<string, string>;
        script: string[];
        artifacts: { when: string; paths: string[]; reports: { junit: string } };
      }
    >;
    const job = template['dpop-conformance'];
    for (const k of Object.keys(docs.variables)) expect(job.variables, k).to.have.property(k);
    expect(job.artifacts.when).to.equal('always');
    for (const [mocks, code] of [
      [faulty, 1],
      [clean, 0],
    ] as const) {
      const ws = workspace();
      const variables = { ...job.variables, ...docs.variables, DPOP_AS_URL: mocks.asUrl! };
      const env = { ...process.env, PATH: `${shim}:${process.env.PATH}`, ...variables };
      const r = await runScript(['sh', '-ec', job.script.join('\n')], ws, env);
      expect(r.code, r.output).to.equal(code);
      const junit = readFileSync(join(ws, job.artifacts.reports.junit), 'utf8');
      expect(job.artifacts.paths).to.deep.equal(['dpop-conformance-reports/']);
      expect(junit.includes('<failure '), 'JUnit agrees with the exit code').to.equal(code === 1);
      const report = JSON.parse(readFileSync(join(ws, 'dpop-conformance-reports', 'report.json'), 'utf8')) as {
        run: { selection: { suites: string[] } };
        target: { as: { detected?: unknown } };
      };
      expect(report.run.selection.suites).to.deep.equal(['rfc9449-as']);
      expect(report.target.as.detected).to.not.equal(undefined);
    }
  });
});
