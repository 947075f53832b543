import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { contentHash, GENERATED } from './case-validator.js';

const require = createRequire(import.meta.url);

/**
 * The ajv instance a case's `expect.body_schema` is compiled with, at run time (a schema the
 * build did not see: an edited or a vendor's suite) and at build time (`source: true`).
 */
export function bodySchemaAjv(source = false): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  return new AjvClass({ allErrors: true, strict: false, code: { source } });
}

/** The name a body schema's validator has in the generated module: its JSON's SHA-256. */
export const bodySchemaKey = (schema: object): string => `h${contentHash(JSON.stringify(schema))}`;

let generated: Record<string, ValidateFunction> | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * The validator of a body schema: the build's standalone code for it (scripts/build-catalogue.mjs
 * writes one for every body_schema of the bundled suites) when there is one for this exact
 * schema, else ajv compiles it (loaded only then), once per distinct schema.
 */
export function bodySchemaValidator(schema: object): ValidateFunction {
  const key = bodySchemaKey(schema);
  let v = compiled.get(key);
  if (v) return v;
  if (!generated) {
    try {
      generated = require(`./${GENERATED.bodySchemas}`) as Record<string, ValidateFunction>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
      generated = {};
    }
  }
  v = Object.hasOwn(generated, key) ? generated[key] : bodySchemaAjv().compile(schema);
  compiled.set(key, v);
  return v;
}
