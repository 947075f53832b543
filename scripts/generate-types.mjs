#!/usr/bin/env node
/**
 * Generates the TypeScript types of the YAML-facing formats from their JSON Schemas, the one source
 * of their shape: suites/case.schema.json (suite files) and suites/target.schema.json (target files).
 * Runs before tsc in build, test and prepare; the output is committed, so `tsc` alone also works.
 *
 *   node scripts/generate-types.mjs           write the generated files
 *   node scripts/generate-types.mjs --check   exit 1, naming them, when a generated file is stale
 *
 * Plain JavaScript, because it runs before anything is compiled.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each schema, the name of its root type, and the file that gets its types. */
const OUTPUTS = [
  { schema: 'suites/case.schema.json', root: 'SuiteFile', out: 'runner/suite/case-schema.generated.ts' },
  { schema: 'suites/target.schema.json', root: 'TargetFile', out: 'runner/target/target-schema.generated.ts' },
];

const readJson = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/** `#/definitions/NAME` → NAME; undefined for any other pointer. */
const definitionName = (ref) => /^#\/definitions\/([\w-]+)$/.exec(ref)?.[1];

/** The name json-schema-to-typescript gives the type of a definition (`keyName` → `KeyName`). */
const typeName = (name) => name[0].toUpperCase() + name.slice(1).replace(/[-_](\w)/g, (_m, c) => c.toUpperCase());

/**
 * The schema as the generator should see it, for named types and their doc comments:
 * - a `$ref` into a sibling schema file (`case.schema.json#/definitions/feature`) becomes a local
 *   definition of the same name;
 * - a `$ref` to a definition that carries its own keywords (a description, `x-mutation`) becomes a
 *   `tsType` naming the definition's type, which keeps the description without making a new type;
 * - a `$ref` deeper into a definition (`#/definitions/common/properties/save_as`) is inlined, and a
 *   definition left unreferenced by name (`common`) is dropped;
 * - `$id` and `title` go, so the root type takes the name given to it.
 */
function prepare(path) {
  const { $id: _id, title, ...schema } = readJson(path);
  const definitions = { ...schema.definitions };
  const used = new Set();
  const resolveLocal = (pointer) =>
    pointer
      .split('/')
      .slice(1)
      .reduce((n, k) => n[k], schema);
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const { $ref, ...rest } = node;
    const siblings = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, walk(v)]));
    if (typeof $ref !== 'string') return siblings;
    let name = definitionName($ref);
    if (!name && /^[\w.-]+\.json#\/definitions\/[\w-]+$/.test($ref)) {
      const [file, pointer] = $ref.split('#');
      name = pointer.split('/').pop();
      const imported = readJson(join(dirname(path), file)).definitions[name];
      if (JSON.stringify(imported).includes('"$ref"')) throw new Error(`${path}: ${$ref} has $refs of its own`);
      definitions[name] ??= imported;
    }
    if (!name) return { ...walk(resolveLocal($ref.slice(1))), ...siblings };
    used.add(name);
    return Object.keys(siblings).length ? { ...siblings, tsType: typeName(name) } : { $ref: `#/definitions/${name}` };
  };
  const body = walk({ ...schema, definitions: {} });
  const walked = {};
  for (let pending = Object.keys(definitions); pending.length;) {
    for (const name of pending) walked[name] = walk(definitions[name]);
    pending = Object.keys(definitions).filter((name) => !(name in walked));
  }
  const kept = Object.fromEntries(Object.entries(walked).filter(([name]) => used.has(name)));
  return { ...body, description: schema.description ?? title, definitions: kept };
}

/** Drops the generator's "This interface was referenced by … via the `definition` …" notes. */
function withoutProvenance(text) {
  return text
    .replace(/\n *\* This interface was referenced by .*\n *\* via the `definition` .*/g, '')
    .replace(/\n *\*(?=\n *\*\/)/g, '')
    .replace(/\n *\/\*\*\n *\*\//g, '');
}

/** The text of one generated file. */
async function generate({ schema, root }) {
  const banner = `/* Generated from ${schema} by scripts/generate-types.mjs (npm run types): do not edit. */`;
  const types = await compile(prepare(schema), root, {
    bannerComment: '',
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: true,
    style: { singleQuote: true, printWidth: 120, trailingComma: 'all' },
  });
  return `${banner}\n${withoutProvenance(types).trimEnd()}\n`;
}

async function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const o of OUTPUTS) {
    const text = await generate(o);
    const path = join(ROOT, o.out);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* not generated yet */
    }
    if (current === text) continue;
    if (check) stale.push(o.out);
    else {
      writeFileSync(path, text);
      console.log(`wrote ${relative(process.cwd(), path)}`);
    }
  }
  if (stale.length) {
    console.error(`stale, regenerate with npm run types: ${stale.join(', ')}`);
    process.exit(1);
  }
}

await main();
