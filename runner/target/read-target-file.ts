import { readFileSync } from 'node:fs';
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { ConfigError } from '../../base/errors.js';
import { fromRoot } from '../../base/package-root.js';
import { REDACTED } from '../http/redact.js';
import { substituteEnv } from './substitute-env.js';
import type { TargetFile } from './target-file.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** One of our own schemas (suites/), which ajv checks as it compiles it. */
const readSchema = (name: string): AnySchema => JSON.parse(readFileSync(fromRoot('suites', name), 'utf8')) as AnySchema;

/** suites/target.schema.json (which refers to case.schema.json for features), compiled. */
function targetValidator(): ValidateFunction {
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  ajv.addSchema(readSchema('case.schema.json'), 'case.schema.json');
  return ajv.compile(readSchema('target.schema.json'));
}

/** A target file as read: the values the run uses, the same as reports may show them, and the secrets. */
export interface TargetFileRead {
  target: TargetFile;
  /** Every ${env:…} value and the confidential client's secret replaced by [REDACTED]. */
  shown: TargetFile;
  secrets: string[];
}

/**
 * Reads a target file: parsed as YAML, ${env:…} substituted into the parsed values, then
 * checked against its schema. Anything wrong is a ConfigError naming no secret. The
 * secrets are every substituted value and the confidential client's secret, however it
 * was written (literally or as ${env:…}).
 */
export function readTargetFile(path: string): TargetFileRead {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read target file ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parse(raw);
  } catch (e) {
    // The first line only: the rest quotes the file, which may hold a literal secret.
    throw new ConfigError(`${path}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const { value, shown, secrets } = substituteEnv(parsed);
  const validate = targetValidator();
  if (!validate(value)) {
    const problems = validate.errors!.map((e) => `${e.instancePath || '(top level)'} ${e.message}`);
    throw new ConfigError(`${path}: ${problems.join('; ')}`);
  }
  const target = value as TargetFile;
  const shownTarget = shown as TargetFile;
  const literal = target.as?.clients?.confidential?.client_secret;
  if (shownTarget.as?.clients?.confidential) shownTarget.as.clients.confidential.client_secret = REDACTED;
  return { target, shown: shownTarget, secrets: literal ? [...secrets, literal] : secrets };
}
