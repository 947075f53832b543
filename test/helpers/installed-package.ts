import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../base/package-root.js';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for messages. */
  all: string;
}

/**
 * The environment for a child process: the npm_* variables of an enclosing `npm test`
 * left out (npm reads npm_config_* as its configuration: the clone would be the child
 * npm's prefix), INIT_CWD too; `extra` added.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  return { ...env, ...extra };
}

/** Runs a command (no shell), collecting its output; never rejects on a non-zero exit. */
export function run(cwd: string, command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, all: `${stdout}\n${stderr}` }));
  });
}

export interface InstalledPackage {
  /** The empty project the tarball was installed into (the cwd of every command run there). */
  project: string;
  /** The installed package's folder: project/node_modules/dpop-conformance. */
  installed: string;
  tarball: string;
  /** What `npm pack --json` said of the tarball: its size, unpacked size and files. */
  packed: { size: number; unpackedSize: number; files: { path: string; size: number }[] };
  packMs: number;
  installMs: number;
}

function failed(what: string, r: Ran): Error {
  return new Error(`${what} exited ${r.code}:\n${r.all.slice(-4000)}`);
}

async function packAndInstall(): Promise<InstalledPackage> {
  const root = mkdtempSync(join(tmpdir(), 'dpop-conformance-package-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  const packDir = join(root, 'pack');
  const project = join(root, 'vendor-project');
  mkdirSync(packDir);
  mkdirSync(project);

  let t = Date.now();
  const pack = await run(fromRoot(), 'npm', ['pack', '--json', '--pack-destination', packDir]);
  const packMs = Date.now() - t;
  if (pack.code !== 0) throw failed('npm pack', pack);
  const [tgz] = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack wrote no tarball:\n${pack.all.slice(-4000)}`);
  const json = pack.stdout.slice(pack.stdout.indexOf('['));
  const [packed] = JSON.parse(json) as InstalledPackage['packed'][];

  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'vendor-project', version: '1.0.0', private: true, type: 'module' }, null, 2),
  );
  t = Date.now();
  const tarball = join(packDir, tgz);
  const install = await run(project, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball]);
  const installMs = Date.now() - t;
  if (install.code !== 0) throw failed('npm install', install);
  const installed = realpathSync(join(project, 'node_modules', 'dpop-conformance'));
  return { project, installed, tarball, packed, packMs, installMs };
}

let once: Promise<InstalledPackage> | undefined;

/**
 * This package packed (`npm pack`, its prepack building dist/) and installed from the
 * tarball into an empty temporary project, once per test process: every test file that
 * needs the installed package shares the one pack and install. Removed at exit.
 */
export function installedPackage(): Promise<InstalledPackage> {
  once ??= packAndInstall();
  return once;
}

/** The body of each fenced ```js block of the README whose first line is `// NAME …`, by NAME. */
export function readmeExamples(readme: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of readme.matchAll(/^```js\n(\/\/ (\S+)[^\n]*\n[\s\S]*?)^```$/gm)) out.set(m[2], m[1]);
  return out;
}
