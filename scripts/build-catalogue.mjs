#!/usr/bin/env node
/**
 * After tsc, in `npm run build` (so in prepack too): writes next to dist/runner/suite/case-validator.js
 * - case-validator.generated.cjs: ajv's standalone validation code of suites/case.schema.json, so that
 *   loading a suite does not compile the schema; it carries the schema's SHA-256 and is used only
 *   while the schema's text still has that hash;
 * - target-validator.generated.cjs: the same for suites/target.schema.json, keyed by the hash of both schemas;
 * - body-schemas.generated.cjs: the same for every expect.body_schema of the bundled suites, each
 *   exported under the SHA-256 of its JSON (runner/suite/body-schema.ts);
 * - catalogue.generated.json: every bundled suites/*.yaml parsed and validated, each keyed by the
 *   SHA-256 of its text, the whole by the schema's; loadSuites takes a file from it only when both
 *   hashes match, and parses and validates any other file (edited, or from --suites-dir).
 *
 * Plain JavaScript, because it runs the compiled loader (dist/).
 */
import { deepStrictEqual } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import standaloneModule from 'ajv/dist/standalone/index.js';

const standaloneCode = standaloneModule.default ?? standaloneModule;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SUITE_DIST = join(ROOT, 'dist', 'runner', 'suite');
const load = (file) => import(pathToFileURL(join(SUITE_DIST, file)).href);

const { caseAjv, caseSchemaText, contentHash, GENERATED } = await load('case-validator.js');
const written = (path) => console.log(`wrote ${relative(process.cwd(), path)}`);

// The validator first: the catalogue below is validated with it.
const schemaText = caseSchemaText();
const schemaHash = contentHash(schemaText);
const ajv = caseAjv(true);
const code = standaloneCode(ajv, ajv.compile(JSON.parse(schemaText)));
const validatorPath = join(SUITE_DIST, GENERATED.caseValidator);
writeFileSync(
  validatorPath,
  `/* Generated from suites/case.schema.json by scripts/build-catalogue.mjs (npm run build): do not edit. */\n${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash)};\n`,
);
written(validatorPath);

// The target file's validator (suites/target.schema.json, which refers to case.schema.json).
const { targetAjv, targetSchemaHash } = await import(
  pathToFileURL(join(ROOT, 'dist', 'runner', 'target', 'read-target-file.js')).href
);
const tajv = targetAjv(true);
const targetCode = standaloneCode(
  tajv,
  tajv.compile(JSON.parse(readFileSync(join(ROOT, 'suites', 'target.schema.json'), 'utf8'))),
);
const targetPath = join(SUITE_DIST, GENERATED.targetValidator);
writeFileSync(
  targetPath,
  `/* Generated from suites/target.schema.json by scripts/build-catalogue.mjs (npm run build): do not edit. */\n${targetCode}\nmodule.exports.schemaHash = ${JSON.stringify(targetSchemaHash())};\n`,
);
written(targetPath);

const { loadSuiteFile } = await load('load.js');
const suitesDir = join(ROOT, 'suites');
const files = {};
for (const f of readdirSync(suitesDir)
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
  .sort()) {
  const text = readFileSync(join(suitesDir, f), 'utf8');
  const suite = loadSuiteFile(join(suitesDir, f), text);
  // The catalogue must give exactly what parsing gives: no value JSON would change or drop.
  deepStrictEqual(JSON.parse(JSON.stringify(suite)), suite, `${f}: its parsed suite does not survive JSON`);
  files[f] = { sha256: contentHash(text), suite };
}
const cataloguePath = join(SUITE_DIST, GENERATED.catalogue);
writeFileSync(cataloguePath, JSON.stringify({ schema: schemaHash, files }));
written(cataloguePath);

// Every body_schema of the bundled suites, as standalone code (the run then does not load ajv).
const { bodySchemaAjv, bodySchemaKey } = await load('body-schema.js');
const bajv = bodySchemaAjv(true);
const bodyExports = {};
const visit = (v) => {
  if (Array.isArray(v)) return v.forEach(visit);
  if (!v || typeof v !== 'object') return;
  if (v.body_schema && typeof v.body_schema === 'object') {
    const key = bodySchemaKey(v.body_schema);
    if (!bodyExports[key]) bajv.addSchema(v.body_schema, (bodyExports[key] = key));
  }
  Object.values(v).forEach(visit);
};
visit(Object.values(files).map((f) => f.suite));
const bodyPath = join(SUITE_DIST, GENERATED.bodySchemas);
writeFileSync(
  bodyPath,
  `/* Generated from the body_schema values of suites/*.yaml by scripts/build-catalogue.mjs (npm run build): do not edit. */\n${Object.keys(bodyExports).length ? standaloneCode(bajv, bodyExports) : ''}\n`,
);
written(bodyPath);
