import { readFileSync } from 'node:fs';
import { UsageError } from '../../base/errors.js';
import { fromRoot } from '../../base/package-root.js';
import { suggestion } from '../../base/nearest-name.js';
import { at } from '../../base/json-value.js';
import type { Feature } from './types.js';

let names: Feature[] | undefined;

/** Every feature a target may declare: the enum of suites/case.schema.json (`definitions.feature`), its one source. */
export function featureNames(): Feature[] {
  if (!names) {
    const schema: unknown = JSON.parse(readFileSync(fromRoot('suites', 'case.schema.json'), 'utf8'));
    const list = at(schema, 'definitions', 'feature', 'enum');
    if (!Array.isArray(list)) throw new Error('suites/case.schema.json has no definitions.feature.enum');
    names = list as Feature[];
  }
  return names;
}

/**
 * `--features a,b` (repeatable, comma-separated): the named features, each one a feature
 * a target file may declare; an unknown name is a UsageError listing them and suggesting
 * the nearest.
 */
export function parseFeatureList(flag: string, values: readonly string[]): Feature[] {
  const known = featureNames();
  const out: Feature[] = [];
  for (const name of values.flatMap((v) => v.split(',')).map((v) => v.trim())) {
    if (name === '') continue;
    if (!(known as string[]).includes(name))
      throw new UsageError(
        `${flag}: unknown feature ${JSON.stringify(name.slice(0, 80))}; the features are ${known.join(', ')}${suggestion(name, known)}`,
      );
    if (!out.includes(name as Feature)) out.push(name as Feature);
  }
  return out;
}
