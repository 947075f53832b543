import { dirname, resolve } from 'node:path';
import { readTargetFile, targetFromValue } from './read-target-file.js';

/**
 * The target's own CA files (`tls.ca`), each resolved against the target file's folder (a
 * target given as a value: against the working directory), with the name a problem with
 * one of them is reported under. Undefined when the target names none.
 */
export function targetCaFiles(v: {
  targetFile?: string;
  targetValue?: unknown;
}): { files: string[]; name: string } | undefined {
  if (v.targetFile === undefined && v.targetValue === undefined) return undefined;
  const { target } = v.targetValue !== undefined ? targetFromValue(v.targetValue) : readTargetFile(v.targetFile!);
  const ca = target.tls?.ca;
  if (!ca?.length) return undefined;
  const base =
    v.targetFile !== undefined && v.targetValue === undefined ? dirname(resolve(v.targetFile)) : process.cwd();
  return {
    files: ca.map((f) => resolve(base, f)),
    name: v.targetValue === undefined ? `${v.targetFile} tls.ca` : 'target tls.ca',
  };
}
