import { dirname, resolve } from 'node:path';
import type { TargetFile } from './target-file.js';

/**
 * The target's own CA files (`tls.ca`), each resolved against the target file's folder (a
 * target given as a value, `targetFile` undefined: against the working directory), with the
 * name a problem with one of them is reported under. Undefined when the target names none.
 */
export function targetCaFiles(
  target: TargetFile,
  targetFile: string | undefined,
): { files: string[]; name: string } | undefined {
  const ca = target.tls?.ca;
  if (!ca?.length) return undefined;
  const base = targetFile !== undefined ? dirname(resolve(targetFile)) : process.cwd();
  return {
    files: ca.map((f) => resolve(base, f)),
    name: targetFile !== undefined ? `${targetFile} tls.ca` : 'target tls.ca',
  };
}
