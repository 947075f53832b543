import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { ConfigError } from '../../base/errors.js';
import { fromRoot } from '../../base/package-root.js';
import { substituteEnv } from './substitute-env.js';
import type { TargetFile } from './target-file.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const readSchema = (name: string): object => JSON.parse(readFileSync(fromRoot('suites', name), 'utf8'));

/** suites/target.schema.json (which refers to case.schema.json for features), compiled. */
function targetValidator(): ValidateFunction {
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  ajv.addSchema(readSchema('case.schema.json'), 'case.schema.json');
  return ajv.compile(readSchema('target.schema.json'));
}

/**
 * Reads a target file: ${env:…} substituted, then checked against its schema. Anything
 * wrong is a ConfigError. The secrets are every substituted value and the confidential
 * clients' secrets, however it was written (literally or as ${env:…}).
 */
export function readTargetFile(path: string): { target: TargetFile; secrets: string[] } {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read target file ${path}: ${(e as Error).message}`);
  }
  const { text, secrets } = substituteEnv(raw);
  const target = parse(text) as TargetFile;
  const validate = targetValidator();
  if (!validate(target)) {
    const problems = validate.errors!.map((e) => `${e.instancePath || '(top level)'} ${e.message}`);
    throw new ConfigError(`${path}: ${problems.join('; ')}`);
  }
  const literals = [target.as?.clients?.confidential?.client_secret, target.as?.clients?.bound?.client_secret];
  return { target, secrets: [...secrets, ...literals.filter((l): l is string => !!l)] };
}
