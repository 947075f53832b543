import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, AnySchema, ValidateFunction } from 'ajv';
import { ConfigError } from '../../base/errors.js';
import { fromRoot } from '../../base/package-root.js';
import { REDACTED } from '../http/redact.js';
import { caseSchemaText, contentHash, GENERATED, generatedOr } from '../suite/case-validator.js';
import { schemaProblem, unknownKeyOf } from '../suite/schema-problem.js';
import { parseYamlSource } from '../suite/yaml-source.js';
import { substituteEnv } from './substitute-env.js';
import type { TargetFile } from './target-file.js';

const require = createRequire(import.meta.url);

/** A target file is a few lines of YAML; anything larger is refused before it is read. */
export const MAX_TARGET_FILE_BYTES = 256 * 1024;

/** One of our own schemas (suites/), which ajv checks as it compiles it. */
const readSchema = (name: string): AnySchema => JSON.parse(readFileSync(fromRoot('suites', name), 'utf8')) as AnySchema;

/** The SHA-256 of the schemas the target validator is made from (target.schema.json refers to case.schema.json). */
export const targetSchemaHash = (): string =>
  contentHash(caseSchemaText() + readFileSync(fromRoot('suites', 'target.schema.json'), 'utf8'));

/**
 * The ajv instance target.schema.json is compiled with, at run time (fallback) and at build time
 * (`source: true`: scripts/build-catalogue.mjs writes its standalone code).
 */
export function targetAjv(source = false): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  const ajv = addFormats(new AjvClass({ allErrors: true, strict: false, verbose: true, code: { source } }));
  ajv.addSchema(readSchema('case.schema.json'), 'case.schema.json');
  return ajv;
}

/** suites/target.schema.json, compiled: the build's standalone code while the schemas are unchanged. */
function targetValidator(): ValidateFunction {
  return generatedOr(GENERATED.targetValidator, targetSchemaHash(), () =>
    targetAjv().compile(readSchema('target.schema.json')),
  );
}

function readText(path: string): string {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new ConfigError(`target file ${path} is not a file`);
    if (stat.size > MAX_TARGET_FILE_BYTES)
      throw new ConfigError(
        `target file ${path} is ${stat.size} bytes; a target file is at most ${MAX_TARGET_FILE_BYTES}`,
      );
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot read target file ${path}: ${(e as Error).message}`);
  }
}

/** A target file as read: the values the run uses, the same as reports may show them, and the secrets. */
export interface TargetFileRead {
  target: TargetFile;
  /** Every ${env:…} value and the confidential client's secret replaced by [REDACTED]. */
  shown: TargetFile;
  secrets: string[];
}

/**
 * Reads a target file: parsed as YAML (a syntax error or an alias bomb named with
 * file:line:column), ${env:…} substituted into the parsed values (so a secret holding a
 * quote cannot break the YAML), then checked against its schema (the offending key or
 * value named, the allowed ones listed). Anything wrong is a ConfigError naming no
 * secret. The secrets are every substituted value and the confidential client's secret,
 * however it was written (literally or as ${env:…}).
 */
export function readTargetFile(path: string): TargetFileRead {
  const source = parseYamlSource(readText(path), path);
  if ('problems' in source) throw new ConfigError(`invalid target file: ${source.problems.join('; ')}`);
  return checkTarget(source.data, (pointer, key) => source.at(pointer, key), 'target file');
}

/**
 * A target given as a value (the programmatic API's `target` object) rather than a file:
 * the same ${env:…} substitution, schema check and secrets; problems are named by the
 * member's JSON pointer (`target/rs/resource`).
 */
export function targetFromValue(data: unknown): TargetFileRead {
  return checkTarget(data, (pointer) => `target${pointer}`, 'target');
}

/** The target of a run: the value the API was given, else the target file, else an empty one (--as/--rs alone). */
export function readTarget(o: { targetFile?: string; targetValue?: unknown }): TargetFileRead {
  if (o.targetValue !== undefined) return targetFromValue(o.targetValue);
  if (o.targetFile) return readTargetFile(o.targetFile);
  return { target: {}, shown: {}, secrets: [] };
}

function checkTarget(data: unknown, at: (pointer: string, key?: string) => string, what: string): TargetFileRead {
  const { value, shown, secrets } = substituteEnv(data);
  const validate = targetValidator();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => `${at(e.instancePath, unknownKeyOf(e))}: ${schemaProblem(e)}`);
    throw new ConfigError(`invalid ${what}: ${problems.join('; ')}`);
  }
  const target = value as TargetFile;
  const shownTarget = shown as TargetFile;
  const literals: string[] = [];
  for (const kind of ['confidential', 'bound'] as const) {
    const client = target.as?.clients?.[kind];
    if (client?.client_secret) literals.push(client.client_secret);
    const shownClient = shownTarget.as?.clients?.[kind];
    if (shownClient?.client_secret) shownClient.client_secret = REDACTED;
  }
  return { target, shown: shownTarget, secrets: [...secrets, ...literals] };
}
