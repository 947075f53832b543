import { DEFAULT_CLIENT_KEY } from '../../base/fixed-inputs.js';
import { annotation, definition, deref, type SchemaNode } from './case-schema.js';
import type { Step } from './types.js';

/** A step's body (`token: {…}`, …), read as plain data. */
type StepBody = Record<string, unknown>;

/** When a property marked `x-mutation` counts as a change, and how docs/cases.md says it. */
export interface MutationRule {
  counts(value: unknown, step: StepBody): boolean;
  says: string;
}

/** The proof key of a step: its proof's key, else its key, else the default client key. */
function proofKeyOf(step: StepBody): unknown {
  return (step.proof as StepBody | undefined)?.key ?? step.key ?? DEFAULT_CLIENT_KEY;
}

/** Every value `x-mutation` may take in suites/case.schema.json (the loader rejects a schema using another). */
export const MUTATION_RULES: ReadonlyMap<boolean | string, MutationRule> = new Map<boolean | string, MutationRule>([
  [true, { counts: () => true, says: 'yes' }],
  ['unless-true', { counts: (v) => v !== true, says: 'unless `true`' }],
  ['unless-proof-key', { counts: (v, step) => v !== proofKeyOf(step), says: 'unless it names the proof key' }],
]);

/** The rule of a property's `x-mutation` mark (at the use site or on what its `$ref` names); undefined if unmarked. */
export function mutationRule(property: SchemaNode): MutationRule | undefined {
  const mark = annotation(property, 'x-mutation');
  if (mark === undefined) return undefined;
  const rule = MUTATION_RULES.get(mark);
  if (!rule) throw new Error(`case.schema.json: unknown x-mutation value ${JSON.stringify(mark)}`);
  return rule;
}

/** The changes a value makes under its schema node: marked properties count, unmarked objects are searched. */
function changesIn(value: unknown, node: SchemaNode, step: StepBody): number {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 0;
  const properties = deref(node).properties ?? {};
  let n = 0;
  for (const [name, v] of Object.entries(value)) {
    const property = properties[name];
    if (!property || v === undefined) continue;
    const rule = mutationRule(property);
    n += rule ? Number(rule.counts(v, step)) : changesIn(v, property, step);
  }
  return n;
}

/**
 * How many single changes from a valid request a case makes (a negative makes exactly one, a
 * positive at most one): the properties its steps set that suites/case.schema.json marks
 * `x-mutation`, wherever they sit (a step, its proof, a minted token's sk).
 */
export function mutationCount(steps: Step[]): number {
  const kinds = definition('step').properties ?? {};
  let n = 0;
  for (const step of steps) {
    for (const [kind, body] of Object.entries(step)) {
      if (kinds[kind]) n += changesIn(body, kinds[kind], body as StepBody);
    }
  }
  return n;
}
