import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { fromRoot } from '../../base/package-root.js';
import { MUTATION_RULES } from './mutation-count.js';

const require = createRequire(import.meta.url);

/**
 * Where `npm run build` (scripts/build-catalogue.mjs) writes ajv's standalone validation code
 * of suites/case.schema.json and the catalogue of the bundled suites: next to this module in dist/.
 */
export const GENERATED = {
  caseValidator: 'case-validator.generated.cjs',
  catalogue: 'catalogue.generated.json',
  targetValidator: 'target-validator.generated.cjs',
  bodySchemas: 'body-schemas.generated.cjs',
} as const;

/** The SHA-256 (hex) of a file's text: what the generated code and the catalogue are keyed by. */
export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** suites/case.schema.json as text: its hash keys the generated validator and the catalogue. */
let schemaText: string | undefined;
export function caseSchemaText(): string {
  schemaText ??= readFileSync(fromRoot('suites', 'case.schema.json'), 'utf8');
  return schemaText;
}

/**
 * The ajv instance the case schema is compiled with, at run time (fallback) and at build time
 * (`source: true`, for standalone code): one place, so both give the same errors.
 */
export function caseAjv(source = false): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({ allErrors: true, strict: false, verbose: true, code: { source } });
  ajv.addKeyword({ keyword: 'x-mutation', metaSchema: { enum: [...MUTATION_RULES.keys()] } });
  return ajv;
}

type Generated = ValidateFunction & { schemaHash?: string };

/**
 * The build's standalone validator in `file` (one of GENERATED) when it was generated from
 * schema text with this hash; else `compile()`, ajv compiling the schema at run time.
 */
export function generatedOr(file: string, hash: string, compile: () => ValidateFunction): ValidateFunction {
  try {
    const v = require(`./${file}`) as Generated;
    if (v.schemaHash === hash) return v;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
  }
  return compile();
}

let validator: ValidateFunction | undefined;

/** Validates a suite file's data against suites/case.schema.json: its ajv errors, none when valid. */
export function validateCase(data: unknown): ErrorObject[] {
  if (!validator) {
    const text = caseSchemaText();
    validator = generatedOr(GENERATED.caseValidator, contentHash(text), () =>
      caseAjv().compile(JSON.parse(text) as object),
    );
  }
  return validator(data) ? [] : (validator.errors ?? []);
}
