import { readFileSync } from 'node:fs';
import { fromRoot } from '../../base/package-root.js';

/** A node of suites/case.schema.json, as far as the runner reads one. */
export interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  definitions?: Record<string, SchemaNode>;
  /** Setting this property in a step is one change to a valid request (runner/suite/mutation-count.ts). */
  'x-mutation'?: boolean | string;
}

let schema: SchemaNode | undefined;

/** suites/case.schema.json, read once: the one source of the case format. */
export function caseSchema(): SchemaNode {
  schema ??= JSON.parse(readFileSync(fromRoot('suites', 'case.schema.json'), 'utf8')) as SchemaNode;
  return schema;
}

/** The node at a local `$ref` (`#/definitions/…`). */
function at(ref: string): SchemaNode {
  if (!ref.startsWith('#/')) throw new Error(`case.schema.json: only local $refs are read, not ${ref}`);
  const path = ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const node = path.reduce<unknown>((n, key) => (n as Record<string, unknown> | undefined)?.[key], caseSchema());
  if (!node || typeof node !== 'object') throw new Error(`case.schema.json: $ref ${ref} points at nothing`);
  return node;
}

/** The node and every node its `$ref`s lead to, in order: a use site's own keywords come first. */
export function refChain(node: SchemaNode): SchemaNode[] {
  const chain = [node];
  for (let n = node; n.$ref;) chain.push((n = at(n.$ref)));
  return chain;
}

/** What a node means once its `$ref`s are followed. */
export const deref = (node: SchemaNode): SchemaNode => refChain(node).at(-1)!;

/** A keyword of a node or, failing that, of what its `$ref`s lead to (a use site's description wins). */
export function annotation<K extends keyof SchemaNode>(node: SchemaNode, key: K): SchemaNode[K] | undefined {
  return refChain(node).find((n) => n[key] !== undefined)?.[key];
}

/** A definition of the schema by name (`step`, `proof`, `expect`, …). */
export function definition(name: string): SchemaNode {
  const node = caseSchema().definitions?.[name];
  if (!node) throw new Error(`case.schema.json has no definition "${name}"`);
  return node;
}
