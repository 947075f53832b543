import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fromRoot } from '../../base/package-root.js';

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export const loadAction = (): ActionYml => parse(readFileSync(fromRoot('action.yml'), 'utf8')) as ActionYml;

/** GitHub's invocation of `shell: bash` (docs: "Using a specific shell"): bash --noprofile --norc -eo pipefail {0}. */
const BASH = ['--noprofile', '--norc', '-eo', 'pipefail'];

export interface ActionRun {
  /** The exit code of the first step that failed, or 0. */
  code: number;
  log: string;
  /** What the steps appended to $GITHUB_STEP_SUMMARY. */
  summary: string;
  /** The action's outputs, resolved from its steps' outputs. */
  outputs: Record<string, string>;
  /** The `uses:` steps, not run here: their condition and inputs as GitHub would see them. */
  uses: { uses: string; if?: string; with: Record<string, string> }[];
}

/**
 * A `bin` folder to put first on PATH in which `npx [--yes] dpop-conformance[@VERSION] ARGS`
 * runs this checkout's CLI: commands written for a vendor's CI (which installs from the
 * registry) run against this checkout, as written otherwise.
 */
export function npxShim(): string {
  const dir = mkdtempSync(join(tmpdir(), 'npx-shim-'));
  const file = join(dir, 'npx');
  writeFileSync(
    file,
    `#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in
    --yes|-y) shift ;;
    dpop-conformance|dpop-conformance@*) shift; exec node ${JSON.stringify(fromRoot('bin', 'dpop-conformance.js'))} "$@" ;;
    *) echo "npx shim: unexpected $1" >&2; exit 99 ;;
  esac
done
echo "npx shim: no package named" >&2; exit 99
`,
  );
  chmodSync(file, 0o755);
  return dir;
}

/** Runs a script with a shell (argv) in `cwd` with `env`; resolves with its exit code and output. */
export function runScript(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** KEY=VALUE lines of a $GITHUB_ENV or $GITHUB_OUTPUT file (the steps write no multi-line values). */
function keyValues(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

/**
 * Runs action.yml's steps as GitHub runs a composite action: inputs (defaults, then those
 * given) substituted into `${{ inputs.… }}`, `${{ github.action_path }}` (this checkout)
 * and `${{ steps.….outputs.… }}`; each `run:` step through bash as GitHub invokes it, in
 * `workspace`, with $GITHUB_ENV, $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY as files, the
 * variables a step writes to $GITHUB_ENV passed to the next; the first failing step ends
 * the run (its exit code is the action's). `uses:` steps cannot run here: they are returned.
 * Any other expression in a step is an error of the action.
 */
export async function runAction(
  given: Record<string, string>,
  o: { workspace: string; path?: string },
): Promise<ActionRun> {
  const action = loadAction();
  if (action.runs.using !== 'composite') throw new Error('action.yml is not a composite action');
  for (const k of Object.keys(given)) if (!(k in action.inputs)) throw new Error(`action.yml has no input ${k}`);
  const inputs: Record<string, string> = Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']),
  );
  const files = mkdtempSync(join(tmpdir(), 'gh-files-'));
  const summaryFile = join(files, 'step-summary.md');
  const envFile = join(files, 'env');
  writeFileSync(summaryFile, '');
  writeFileSync(envFile, '');
  const stepOutputs: Record<string, Record<string, string>> = {};
  const expr = (text: string): string =>
    text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, e: string) => {
      let m = /^inputs\.([\w-]+)$/.exec(e);
      if (m) return inputs[m[1]] ?? '';
      if (e === 'github.action_path') return fromRoot();
      m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
      if (m) return stepOutputs[m[1]]?.[m[2]] ?? '';
      throw new Error(`action.yml: expression not emulated here: ${e}`);
    });
  const uses: ActionRun['uses'] = [];
  let log = '';
  let code = 0;
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses) {
      uses.push({
        uses: step.uses,
        if: step.if,
        with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expr(String(v))])),
      });
      continue;
    }
    if (code !== 0) continue;
    if (step.if) throw new Error(`action.yml: a condition on a run step is not emulated (${step.if})`);
    if (step.shell !== 'bash') throw new Error(`action.yml: step ${step.name} must say shell: bash`);
    const outputFile = join(files, `output-${i}`);
    writeFileSync(outputFile, '');
    const script = join(files, `step-${i}.sh`);
    writeFileSync(script, step.run ?? '');
    const env: NodeJS.ProcessEnv = {
      PATH: o.path ? `${o.path}:${process.env.PATH}` : process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: o.workspace,
      GITHUB_ACTION_PATH: fromRoot(),
      GITHUB_ENV: envFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...keyValues(envFile),
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(String(v))])),
    };
    const r = await runScript(['bash', ...BASH, script], o.workspace, env);
    log += r.output;
    if (step.id) stepOutputs[step.id] = keyValues(outputFile);
    code = r.code;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, expr(v.value)]));
  return { code, log, summary: readFileSync(summaryFile, 'utf8'), outputs, uses };
}
