import { expect } from 'chai';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { bodySchemaAjv, bodySchemaKey, bodySchemaValidator } from '../runner/suite/body-schema.js';
import { GENERATED } from '../runner/suite/case-validator.js';
import { loadSuites } from '../runner/suite/load.js';

const require = createRequire(new URL('../runner/suite/', import.meta.url));
const SAMPLES: unknown[] = [{ access_token: 'x' }, { error: '' }, { error: 'invalid_dpop_proof' }, {}, 1, null, 'x'];

describe('runner/suite/body-schema.ts: the build-time validators of expect.body_schema', () => {
  const schemas = loadSuites()
    .flatMap((s) => s.cases)
    .flatMap((c) => [c.expect, ...c.steps.map((st) => Object.values(st)[0] as { expect?: unknown })].map((x) => x))
    .map((e) => (e as { body_schema?: object } | undefined)?.body_schema)
    .filter((s): s is object => !!s);

  it('the generated module has one for every body_schema of the bundled suites, giving the errors ajv gives', () => {
    expect(schemas.length).to.be.greaterThan(0);
    const generated = require(`./${GENERATED.bodySchemas}`) as Record<string, ValidateFunction>;
    for (const schema of schemas) {
      const built = generated[bodySchemaKey(schema)];
      expect(built, JSON.stringify(schema)).to.be.a('function');
      expect(bodySchemaValidator(schema)).to.equal(built);
      const compiled = bodySchemaAjv().compile(schema);
      for (const sample of SAMPLES) {
        expect(built(sample)).to.equal(compiled(sample));
        expect(built.errors ?? null).to.deep.equal(compiled.errors ?? null);
      }
    }
  });

  it('a schema the build did not see is compiled at run time', () => {
    const v = bodySchemaValidator({ type: 'object', required: ['not_in_any_suite'] });
    expect(v({ not_in_any_suite: 1 })).to.equal(true);
    expect(v({})).to.equal(false);
  });
});
