import { writeFileSync } from 'node:fs';
import { parseFlags } from './parse-flags.js';
import { EXIT, UsageError } from '../../base/errors.js';
import { suggestion } from '../../base/nearest-name.js';
import { featureNames } from '../suite/features.js';
import { loadSuites } from '../suite/load.js';
import type { Side } from '../suite/types.js';
import { checkOutputFile } from './check-outputs.js';
import { targetTemplate } from './target-template.js';

const SIDES: Side[] = ['as', 'rs'];

/** The features the cases of one side require, in the schema's order. */
function featuresOf(side: Side) {
  const used = new Set(
    loadSuites().flatMap((s) => s.cases.filter((c) => c.target === side).flatMap((c) => c.requires)),
  );
  return featureNames().filter((f) => used.has(f));
}

/**
 * `dpop-conformance init as|rs [--out FILE]`: writes a commented target file to start
 * from (default target.yaml). An existing file is never overwritten: that is a UsageError.
 */
export function initCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length !== 1)
    throw new UsageError('init takes one side: as (an authorization server) or rs (a resource server)');
  const side = positionals[0] as Side;
  if (!SIDES.includes(side))
    throw new UsageError(`init takes as or rs, not ${JSON.stringify(side.slice(0, 40))}${suggestion(side, SIDES)}`);
  const file = values.out ?? 'target.yaml';
  checkOutputFile('--out', file);
  const template = targetTemplate(side, file, featuresOf(side));
  try {
    writeFileSync(file, template, { flag: 'wx' });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EEXIST') throw new UsageError(`${file} exists; init does not overwrite a file (give --out FILE)`);
    throw new UsageError(`cannot write ${file} (${code ?? (e as Error).message})`);
  }
  out(`wrote ${file}: replace the example URL, declare the features your server supports, then run`);
  out(`  npx dpop-conformance run --target ${file}          (add --detect to probe the features first)`);
  return Promise.resolve(EXIT.OK);
}
