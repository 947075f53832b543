import { existsSync, readFileSync } from 'node:fs';
import { fromRoot } from '../../base/package-root.js';
import type { VectorFile } from './types.js';

export const vectorPath = (name: string, dir = fromRoot('vectors')): string => `${dir}/${name}.json`;

export function readVectorFile(name: string, dir?: string): VectorFile | undefined {
  const p = vectorPath(name, dir);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as VectorFile) : undefined;
}

/** The committed formatting: two-space JSON with a trailing newline. */
export const serialize = (file: unknown): string => JSON.stringify(file, null, 2) + '\n';
