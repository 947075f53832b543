import { readFileSync, readdirSync } from 'node:fs';
import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fromRoot } from '../../base/package-root.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
let ajv: Ajv | undefined;

/** An ajv instance holding every schema under vectors/schema/. */
function instance(): Ajv {
  if (ajv) return ajv;
  ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  const dir = fromRoot('vectors', 'schema');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as AnySchema, f);
  }
  return ajv;
}

export function schemaFor(file: string): ValidateFunction {
  const v = instance().getSchema(file);
  if (!v) throw new Error(`no schema ${file} in vectors/schema/`);
  return v;
}

/** ajv errors as `path: message` lines. */
export function describeErrors(v: ValidateFunction): string[] {
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
