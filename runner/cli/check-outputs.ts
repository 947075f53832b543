import { accessSync, constants, mkdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../../base/errors.js';

/** The file's stat, or undefined when there is nothing there (or a file stands where a folder on its path should be). */
function statOf(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** The nearest folder that exists on the way up from `path` (`path` itself if it exists). */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!statOf(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

const reason = (e: unknown) => (e as { code?: string }).code ?? (e as Error).message;

/** The folders prepareOutputFolder created in this process, outermost first. */
const created: string[] = [];

/**
 * Removes the folders prepareOutputFolder created that are still empty, innermost first: a
 * command that failed before writing its reports (an unreachable target, a bad target file)
 * leaves no empty folder behind. A folder with anything in it stays.
 */
export function removeEmptyCreatedFolders(): void {
  for (const p of created.splice(0).reverse()) {
    try {
      rmdirSync(p);
    } catch {
      // not empty, or gone: left as it is
    }
  }
}

/**
 * Makes sure the reports can be written to folder `dir` before any case runs (issue 13:
 * an EEXIST after every case had run lost the whole run): an existing file there, or a
 * folder that cannot be created or written, is a UsageError naming `flag`. Creates the
 * missing folders one level at a time (node's recursive mkdir spins forever under
 * /proc), then writes and removes a probe file.
 */
export function prepareOutputFolder(flag: string, dir: string): void {
  const target = resolve(dir);
  const existing = nearestExisting(target);
  if (!statOf(existing)?.isDirectory())
    throw new UsageError(
      `${flag} ${dir}: ${existing} is an existing file, not a folder; give a folder for the reports`,
    );
  const missing: string[] = [];
  for (let p = target; p !== existing; p = dirname(p)) missing.unshift(p);
  try {
    for (const p of missing) {
      mkdirSync(p);
      created.push(p);
    }
    const probe = join(target, `.dpop-conformance-write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new UsageError(`${flag} ${dir}: cannot write reports there (${reason(e)})`);
  }
}

/**
 * Makes sure `file` can be written after the run (--write-baseline): its folder exists
 * and is writable, and it is not itself a folder. Nothing is created.
 */
export function checkOutputFile(flag: string, file: string): void {
  const path = resolve(file);
  const folder = dirname(path);
  const stat = statOf(folder);
  if (!stat) throw new UsageError(`${flag} ${file}: the folder ${folder} does not exist`);
  if (!stat.isDirectory()) throw new UsageError(`${flag} ${file}: ${folder} is not a folder`);
  if (statOf(path)?.isDirectory()) throw new UsageError(`${flag} ${file}: that is a folder; give a file name`);
  try {
    accessSync(statOf(path) ? path : folder, constants.W_OK);
  } catch (e) {
    throw new UsageError(`${flag} ${file}: cannot write there (${reason(e)})`);
  }
}
